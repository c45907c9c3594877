import { strict as assert } from 'node:assert';
import { Future } from '../src/future.js';
import { ManualClock } from '../src/clock.js';
import { coroutine } from '../src/coroutine.js';
import { IOLoop } from '../src/ioloop.js';
import { jitteredPeriod, nextRunTime, PeriodicCallback, PeriodicCallbackError } from '../src/periodic.js';
import { captureLoopErrors } from './loop-log.js';

/**
 * Simulates a PeriodicCallback on a made-up clock: the callback starts at each scheduled
 * time (or when the previous run ended, if later) and runs for `durations[i]` ms.
 * Returns the start time of each run.
 */
function simulate(period: number, durations: number[], start = 0): number[] {
  const starts: number[] = [];
  let next = nextRunTime(start, start, period);
  let now = start;
  for (const duration of durations) {
    now = Math.max(now, next);
    starts.push(now);
    now += duration;
    next = nextRunTime(next, now, period);
  }
  return starts;
}

describe('PeriodicCallback: next-run arithmetic (simulated clock)', () => {
  it('schedules the next run one period after an on-time run', () => {
    assert.equal(nextRunTime(1000, 1000, 100), 1100);
  });

  it('keeps runs start to start when a run took part of a period', () => {
    assert.equal(nextRunTime(1000, 1030, 100), 1100);
    assert.equal(nextRunTime(1000, 1099.5, 100), 1100);
  });

  it('skips whole missed periods instead of firing a burst of catch-up runs', () => {
    assert.equal(nextRunTime(1000, 1350, 100), 1400);
  });

  it('skips the period that ends exactly now, so a run never starts late by zero', () => {
    assert.equal(nextRunTime(1000, 1300, 100), 1400);
  });

  it('still moves forward when the clock went backwards', () => {
    assert.equal(nextRunTime(1000, 900, 100), 1100);
    // a clock stuck far in the past still advances one period per run, never repeats
    let next = 1000;
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      next = nextRunTime(next, 0, 100);
      seen.push(next);
    }
    assert.deepEqual(seen, [1100, 1200, 1300]);
  });

  it('stays on the original grid after a slow run (Tornado schedule)', () => {
    // runs 2 and 3 fit in their period; run 3 takes 250 ms, so 400 and 500 are skipped
    assert.deepEqual(simulate(100, [10, 10, 250, 10, 10]), [100, 200, 300, 600, 700]);
  });

  it('starts the first run one period after start()', () => {
    assert.deepEqual(simulate(50, [1], 7), [57]);
  });

  it('applies jitter as a fraction of the period around its middle', () => {
    assert.equal(jitteredPeriod(1000, 0.1, () => 0.5), 1000);
    assert.equal(jitteredPeriod(1000, 0.1, () => 0), 950);
    assert.equal(jitteredPeriod(1000, 0.1, () => 0.75), 1025);
  });

  it('never draws a random number without jitter', () => {
    const noRandom = () => {
      throw new Error('random() called with jitter 0');
    };
    assert.equal(jitteredPeriod(1000, 0, noRandom), 1000);
  });

  it('skips missed periods measured in the jittered period', () => {
    const period = jitteredPeriod(100, 0.5, () => 0.75); // 100 * (1 + 0.5 * 0.25)
    assert.equal(period, 112.5);
    assert.equal(nextRunTime(0, 250, period), 337.5);
  });
});

describe('PeriodicCallback: arguments', () => {
  it('refuses a period that is not a positive number of milliseconds', () => {
    assert.throws(() => new PeriodicCallback(() => undefined, 0), PeriodicCallbackError);
    assert.throws(() => new PeriodicCallback(() => undefined, -5), /positive callbackTime in milliseconds; got -5/);
    assert.throws(() => new PeriodicCallback(() => undefined, Number.NaN), PeriodicCallbackError);
    assert.throws(() => new PeriodicCallback(() => undefined, Infinity), PeriodicCallbackError);
  });

  it('refuses a jitter outside [0, 2)', () => {
    assert.throws(() => new PeriodicCallback(() => undefined, 10, -0.1), /jitter is a fraction/);
    assert.throws(() => new PeriodicCallback(() => undefined, 10, 2), PeriodicCallbackError);
  });

  it('refuses something that is not a function', () => {
    assert.throws(() => new PeriodicCallback('tick' as unknown as () => void, 10), TypeError);
  });

  it('is not running until started', () => {
    const pc = new PeriodicCallback(() => undefined, 10);
    assert.equal(pc.isRunning(), false);
    pc.stop(); // stopping a stopped callback is harmless
    assert.equal(pc.isRunning(), false);
  });
});

describe('PeriodicCallback: on a loop with a simulated clock', () => {
  let previous: IOLoop;
  let clock: ManualClock;
  let loop: IOLoop;
  const log = captureLoopErrors();

  beforeEach(() => {
    previous = IOLoop.current();
    clock = new ManualClock(1000);
    loop = new IOLoop({ clock });
    loop.makeCurrent();
    loop.setErrorHandler((error, context) => log.logged.push({ error, context }));
  });
  afterEach(() => previous.makeCurrent());

  it('runs on the grid and skips the runs a slow run missed', () => {
    const starts: number[] = [];
    const pc = new PeriodicCallback(() => {
      starts.push(loop.time());
      if (starts.length === 3) clock.advance(250); // this run takes 250 ms
    }, 100);
    pc.start();
    clock.advance(1000);
    pc.stop();
    assert.deepEqual(starts, [1100, 1200, 1300, 1600, 1700, 1800, 1900, 2000]);
    clock.advance(1000);
    assert.equal(starts.length, 8, 'no run after stop()');
  });

  it('draws each period from the injected random source', () => {
    const starts: number[] = [];
    const draws = [0, 1, 0.5];
    const pc = new PeriodicCallback(() => starts.push(loop.time()), 100, 0.2, { random: () => draws.shift() ?? 0.5 });
    pc.start();
    clock.advance(300);
    pc.stop();
    assert.deepEqual(starts, [1090, 1200, 1300]); // periods 90, 110, 100
  });

  it('does not wait for the Future a coroutine returns: runs overlap', () => {
    let running = 0;
    let most = 0;
    const slow = coroutine(function* () {
      running++;
      most = Math.max(most, running);
      try {
        yield new Promise(() => undefined); // never finishes
      } finally {
        running--;
      }
    });
    const pc = new PeriodicCallback(slow, 100);
    pc.start();
    clock.advance(300);
    pc.stop();
    assert.equal(most, 3, 'three runs were in flight at once');
  });

  it('restarts cleanly when the callback stops and starts it again', () => {
    const starts: number[] = [];
    const pc: PeriodicCallback = new PeriodicCallback(() => {
      starts.push(loop.time());
      if (starts.length === 1) {
        pc.stop();
        pc.start(); // one schedule, from now: not two
      }
    }, 100);
    pc.start();
    clock.advance(300);
    pc.stop();
    pc.start(); // a second timer left behind would now fire beside the new one
    clock.advance(250);
    pc.stop();
    assert.deepEqual(starts, [1100, 1200, 1300, 1400, 1500]);
  });

  it('reports a generator function given without coroutine(...)', () => {
    const pc = new PeriodicCallback(function* refresh() {
      yield 1;
    }, 100);
    pc.start();
    clock.advance(100);
    pc.stop();
    const logged = log.claim();
    assert.equal(logged.length, 1);
    assert.match((logged[0].error as Error).message, /refresh returned a generator, so nothing ran/);
    assert.equal(logged[0].context.kind, 'periodic');
  });
});

describe('PeriodicCallback: on real timers', () => {
  const loop = IOLoop.current();
  const log = captureLoopErrors();
  let running: PeriodicCallback[] = [];

  function track(pc: PeriodicCallback): PeriodicCallback {
    running.push(pc);
    return pc;
  }
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  afterEach(() => {
    for (const pc of running) pc.stop();
    running = [];
  });

  it('runs every period, start to start, until stopped', async () => {
    const times: number[] = [];
    let pc: PeriodicCallback | undefined;
    const done = new Promise<void>((resolve) => {
      pc = track(
        new PeriodicCallback(() => {
          times.push(loop.time());
          if (times.length === 3) {
            pc?.stop();
            resolve();
          }
        }, 20),
      );
    });
    const started = loop.time();
    pc?.start();
    assert.equal(pc?.isRunning(), true);
    await done;
    assert.equal(pc?.isRunning(), false);
    // each run starts no earlier than its slot on the 20 ms grid (a late run does not
    // push the later ones back; Node may fire up to 1 ms early)
    const offsets = times.map((t) => t - started);
    assert.ok(offsets.every((o, k) => o >= 20 * (k + 1) - 1), `runs at ${offsets.join(', ')} ms`);
    await sleep(60);
    assert.equal(times.length, 3, 'no run after stop()');
  });

  it('starts only once when start() is called twice', async () => {
    let calls = 0;
    const pc = track(new PeriodicCallback(() => calls++, 30));
    pc.start();
    pc.start();
    while (calls === 0) await sleep(5);
    // a second schedule would have the same deadline and run in the same batch
    await new Promise((resolve) => setImmediate(resolve));
    pc.stop();
    assert.equal(calls, 1);
  });

  it('reports a thrown error to the loop and keeps running', async () => {
    let calls = 0;
    const pc = track(
      new PeriodicCallback(function failingTick() {
        calls++;
        throw new Error(`tick ${calls} failed`);
      }, 10),
    );
    pc.start();
    while (calls < 2) await sleep(5);
    pc.stop();
    const logged = log.claim();
    assert.ok(logged.length >= 2);
    assert.equal((logged[0].error as Error).message, 'tick 1 failed');
    assert.equal(logged[0].context.kind, 'periodic');
    assert.equal(logged[0].context.name, 'failingTick');
    assert.match(logged[0].context.callSite ?? '', /periodic\.test\.js:\d+:\d+/, 'names where start() was called');
  });

  it('reports the error of a Future the callback returns, without waiting for it', async () => {
    const returned: Array<Future<void>> = [];
    const pc = track(
      new PeriodicCallback(() => {
        const f = new Future<void>();
        returned.push(f);
        return f; // never settled until the test fails the first one
      }, 10),
    );
    pc.start();
    while (returned.length < 2) await sleep(5);
    pc.stop();
    assert.deepEqual(log.logged, [], 'a pending Future is not an error');
    returned[0].setException(new Error('background job failed'));
    await sleep(0);
    const logged = log.claim();
    assert.equal(logged.length, 1);
    assert.equal((logged[0].error as Error).message, 'background job failed');
    assert.equal(logged[0].context.kind, 'periodic');
  });

  it('reports the rejection of a Promise the callback returns', async () => {
    let calls = 0;
    const pc = track(
      new PeriodicCallback(async () => {
        calls++;
        if (calls === 1) throw new Error('async tick failed');
      }, 10),
    );
    pc.start();
    while (calls < 2) await sleep(5);
    pc.stop();
    const logged = log.claim();
    assert.equal(logged.length, 1);
    assert.equal((logged[0].error as Error).message, 'async tick failed');
  });

  it('skips the runs a slow callback missed', async () => {
    const times: number[] = [];
    const pc = track(
      new PeriodicCallback(() => {
        times.push(loop.time());
        if (times.length === 1) {
          const until = Date.now() + 250; // block past the next two slots on purpose
          while (Date.now() < until);
        }
      }, 100),
    );
    pc.start();
    while (times.length < 2) await sleep(10);
    pc.stop();
    // skipping puts run 2 on the next free slot, 300 ms after run 1's slot; without
    // skipping it would start as soon as run 1 ended, 250 ms after it (a catch-up burst)
    assert.ok(times[1] - times[0] >= 275, `second run ${times[1] - times[0]} ms after the first`);
  });
});
