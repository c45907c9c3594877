// Pattern 2: callback APIs become Futures with `task`, which appends a Node-style
// `(err, value)` callback. Blocking functions go to a thread pool (`ThreadPoolExecutor`,
// or `runInExecutor`) so the loop keeps serving everything else meanwhile.
import * as fs from 'node:fs';
import { coroutine, IOLoop, task, ThreadPoolExecutor, sleep } from 'gust';

// A callback API of our own, in the Node style: the callback comes last.
function lookupUser(id: number, callback: (err: Error | null, name?: string) => void): void {
  setTimeout(() => (id === 1 ? callback(null, 'ada') : callback(new Error(`no user ${id}`))), 10);
}

// Sent to a worker thread by its source text, so it must be self-contained: it may use
// only its arguments and globals, nothing from this module.
function countPrimes(limit: number): number {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

const main = coroutine(function* main() {
  const name: string = yield task(lookupUser, 1);
  console.log(`task(lookupUser, 1) -> ${name}`);
  try {
    yield task(lookupUser, 2);
  } catch (error) {
    console.log(`task(lookupUser, 2) -> failed: ${(error as Error).message}`);
  }
  const text: string = yield task<string, [string, BufferEncoding]>(fs.readFile, __filename, 'utf8');
  console.log(`task(fs.readFile, ...) -> ${text.length} characters`);

  // The loop keeps ticking while a worker thread does the blocking work.
  const executor = new ThreadPoolExecutor(2);
  let ticks = 0;
  let working = true;
  const ticker = coroutine(function* ticker() {
    while (working) {
      ticks++;
      yield sleep(5);
    }
  });
  IOLoop.current().spawnCallback(ticker);
  try {
    const [a, b]: [number, number] = yield [executor.submit(countPrimes, 200_000), executor.submit(countPrimes, 100_000)];
    console.log(`executor.submit(countPrimes, ...) -> ${a} and ${b} primes; the loop ticked ${ticks} times meanwhile`);
    const c: number = yield IOLoop.current().runInExecutor(executor, countPrimes, 1000);
    console.log(`runInExecutor(executor, countPrimes, 1000) -> ${c}`);
  } finally {
    working = false;
    yield executor.shutdown();
  }
});

IOLoop.current().runSync(() => main());
