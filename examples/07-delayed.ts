// Pattern 7: delayed work. Schedule a callback with `callLater` (a delay) or
// `addTimeout` (a deadline on the loop's clock), cancel one with `removeTimeout`, or,
// inside a coroutine, simply `yield sleep(ms)`.
import { coroutine, IOLoop, sleep } from 'gust';

const main = coroutine(function* main() {
  const loop = IOLoop.current();
  const started = loop.time();
  const since = () => `${Math.round(loop.time() - started)} ms`;
  const fired: string[] = [];

  loop.callLater(50, () => fired.push(`callLater(50) at ${since()}`));
  loop.addTimeout(loop.time() + 100, () => fired.push(`addTimeout(now + 100) at ${since()}`));
  const cancelled = loop.callLater(75, () => fired.push('this never runs'));
  loop.removeTimeout(cancelled);

  yield sleep(150); // the coroutine way: nothing blocks while it waits
  fired.push(`sleep(150) done at ${since()}`);
  for (const line of fired) console.log(line);
  if (fired.length !== 3) throw new Error(`expected 3 events, got ${fired.length}`);
});

IOLoop.current().runSync(() => main());
