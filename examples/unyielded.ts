// DELIBERATELY WRONG: this program shows the classic coroutine mistakes that the gust
// ESLint rules flag (`npm run demo` lints it and prints the findings). Do not copy it.
// It still runs: the runtime reports the lost error loudly ("Future exception was never
// retrieved") instead of dropping it, and the program exits normally.
import * as fs from 'node:fs';
import { coroutine, IOLoop, PeriodicCallback, sleep } from 'gust';

const divide = coroutine(function* divide(x: number, y: number) {
  yield sleep(10); // stands for real asynchronous work
  if (y === 0) throw new RangeError('division by zero');
  return x / y;
});

const refresh = coroutine(function* refresh() {
  yield sleep(5);
});

const main = coroutine(function* main() {
  // Mistake 1 (gust/no-unyielded-coroutine): the Future is discarded, so the
  // RangeError is never seen here. Correct: `yield divide(1, 0)`.
  divide(1, 0);

  // Mistake 2 (gust/no-coroutine-periodic-callback): PeriodicCallback does not wait for
  // the coroutine's Future, so runs overlap and errors are only logged.
  const pc = new PeriodicCallback(refresh, 20);
  pc.start();
  yield sleep(50);
  pc.stop();

  // Mistake 3 (gust/no-blocking-in-coroutine): a synchronous read stalls the whole loop.
  // Correct: `yield fs.promises.readFile(__filename, 'utf8')`.
  const source = fs.readFileSync(__filename, 'utf8');
  console.log(`read ${source.length} characters while blocking the loop`);
});

// When the script ends, the runtime reports every failed Future nobody asked about:
// here the RangeError of mistake 1, as "Future exception was never retrieved".
IOLoop.current().runSync(() => main());
