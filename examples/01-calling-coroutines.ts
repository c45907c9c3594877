// Pattern 1: a coroutine does not throw like a normal function. Called without `yield`
// it returns a Future whose error nobody sees. The three correct ways to call one:
// `yield` it inside another coroutine, `spawnCallback` it (the loop reports its error),
// or `runSync` it from a script.
import { coroutine, IOLoop, sleep } from 'gust';

const divide = coroutine(function* divide(x: number, y: number) {
  yield sleep(10); // stands for real asynchronous work
  if (y === 0) throw new RangeError('division by zero');
  return x / y;
});

const main = coroutine(function* main() {
  // 1. yield it inside another coroutine: the result, or the error, comes back here
  const half: number = yield divide(1, 2);
  console.log(`yield divide(1, 2) -> ${half}`);
  try {
    yield divide(1, 0);
  } catch (error) {
    console.log(`yield divide(1, 0) -> caught ${(error as Error).message}`);
  }

  // 2. fire and forget: the loop's error handler reports the failure (by default on
  //    stderr; here a handler of our own shows what it receives)
  const loop = IOLoop.current();
  const reported = new Promise<void>((resolve) => {
    loop.setErrorHandler((error, context) => {
      console.log(`spawnCallback(divide, 1, 0) -> the loop reported "${(error as Error).message}" (${context.kind})`);
      resolve();
    });
  });
  loop.spawnCallback(divide, 1, 0);
  yield reported;
  loop.setErrorHandler(null);
  return half;
});

// 3. from a script: runSync runs the coroutine and gives a Promise of its result
IOLoop.current()
  .runSync(() => main())
  .then((result) => console.log(`runSync(main) -> ${String(result)}`));
