// Pattern 6: background work. PeriodicCallback is not meant for coroutines: it ignores
// the Future they return, so runs overlap and a failure is only logged. Instead, write
// a `while (true)` loop that yields `sleep(ms)` and start it with `spawnCallback`.
import { coroutine, Event, IOLoop, sleep } from 'gust';

const stopped = new Event();
const rounds: number[] = [];

const doSomething = coroutine(function* doSomething(round: number) {
  yield sleep(20); // the work itself, which takes a while
  rounds.push(round);
});

// Runs every 50 ms, measured from the end of one round to the start of the next.
const everyFiftyMs = coroutine(function* everyFiftyMs() {
  for (let round = 1; !stopped.isSet(); round++) {
    yield doSomething(round);
    yield sleep(50);
  }
});

// Runs every 50 ms start to start: sleep in parallel with the work (the work must take
// less than the period).
const onTheGrid = coroutine(function* onTheGrid() {
  for (let round = 101; !stopped.isSet(); round++) {
    const nextRound = sleep(50);
    yield doSomething(round);
    yield nextRound;
  }
});

const main = coroutine(function* main() {
  const loop = IOLoop.current();
  loop.spawnCallback(everyFiftyMs);
  loop.spawnCallback(onTheGrid);
  yield sleep(300);
  stopped.set();
  yield sleep(80); // let the last rounds finish
  const fromEnd = rounds.filter((r) => r < 100);
  const onGrid = rounds.filter((r) => r > 100);
  console.log(`in 300 ms: ${fromEnd.length} rounds end to start (${fromEnd.join(', ')}), ${onGrid.length} start to start (${onGrid.join(', ')})`);
  if (fromEnd.length === 0 || onGrid.length <= fromEnd.length) throw new Error('the background loops did not run as expected');
});

IOLoop.current().runSync(() => main());
