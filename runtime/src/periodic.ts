import { CallSite, withCallSite } from './callsite.js';
import { isThenable } from './future.js';
import { IOLoop, type TimeoutHandle } from './ioloop.js';

/**
 * A source of uniform random numbers in [0, 1), like `Math.random`.
 *
 * @example
 *   const fixed: RandomSource = () => 0.5; // no jitter at all, for a test
 */
export type RandomSource = () => number;

/**
 * Options for {@link PeriodicCallback} beyond Tornado's three arguments.
 *
 * @example
 *   new PeriodicCallback(poll, 1000, 0.1, { random: seededRandom });
 */
export interface PeriodicCallbackOptions {
  /** Where jitter draws from; `Math.random` unless a test injects its own. */
  random?: RandomSource;
}

/**
 * The period actually used for one run: `callbackTime` scaled by a random factor in
 * `[1 - jitter / 2, 1 + jitter / 2)`, as Tornado does. `jitter = 0` gives `callbackTime`.
 *
 * @example
 *   jitteredPeriod(1000, 0.1, () => 0.5); // 1000 (a draw of 0.5 is the midpoint)
 *   jitteredPeriod(1000, 0.1, () => 0);   // 950
 */
export function jitteredPeriod(callbackTime: number, jitter: number, random: RandomSource): number {
  if (jitter === 0) return callbackTime;
  return callbackTime * (1 + jitter * (random() - 0.5));
}

/**
 * Tornado's next-run arithmetic, kept pure so it can be tested with simulated times.
 *
 * Runs are measured start to start. When `now` has reached or passed `nextTimeout`
 * (the run just made, possibly late), whole missed periods are skipped so the schedule
 * stays on multiples of `period` from the start instead of firing a burst of catch-up
 * runs. When `now` is still before `nextTimeout` the clock went backwards; the result
 * still moves one period forward, so a callback is never scheduled twice for the same
 * instant.
 *
 * @example
 *   nextRunTime(1000, 1000, 100); // 1100: on time
 *   nextRunTime(1000, 1350, 100); // 1400: 1100, 1200 and 1300 were missed and skipped
 *   nextRunTime(1000, 900, 100);  // 1100: the clock went back 100 ms
 */
export function nextRunTime(nextTimeout: number, now: number, period: number): number {
  if (nextTimeout <= now) {
    return nextTimeout + (Math.floor((now - nextTimeout) / period) + 1) * period;
  }
  return nextTimeout + period;
}

/**
 * Raised for a `callbackTime` or `jitter` that cannot schedule anything.
 *
 * @example
 *   new PeriodicCallback(poll, 0); // throws PeriodicCallbackError: needs a positive callbackTime
 */
export class PeriodicCallbackError extends RangeError {
  override name = 'PeriodicCallbackError';
}

/**
 * Calls `fn` every `callbackTime` ms on the current `IOLoop`, start to start.
 *
 * A run that takes longer than a period makes the next runs skip (never pile up).
 * With `jitter` (a fraction, e.g. `0.1` for +/-5%) each period is randomised, which
 * keeps many processes started together from firing in lock step.
 *
 * `fn` is called and never waited for: a Future or Promise it returns does not delay the
 * next run, so a slow coroutine given here overlaps with itself. Errors are still
 * reported through the loop's error handler, both thrown ones and those a returned
 * Future or Promise fails with. For background work in a coroutine, prefer a
 * `while (true) { ...; yield sleep(ms); }` loop started with `spawnCallback`.
 *
 * @example
 *   const pc = new PeriodicCallback(() => console.log('tick'), 1000);
 *   pc.start();
 *   // later
 *   pc.stop();
 */
export class PeriodicCallback {
  readonly callback: () => unknown;
  readonly callbackTime: number;
  readonly jitter: number;
  private readonly random: RandomSource;
  private running = false;
  private loop: IOLoop | undefined;
  private nextTimeout = 0;
  private handle: TimeoutHandle | undefined;
  private site: CallSite | undefined;

  constructor(fn: () => unknown, callbackTime: number, jitter = 0, options: PeriodicCallbackOptions = {}) {
    if (typeof fn !== 'function') {
      throw new TypeError('PeriodicCallback needs a function to call; got ' + typeof fn);
    }
    if (!(callbackTime > 0) || !Number.isFinite(callbackTime)) {
      throw new PeriodicCallbackError(
        `PeriodicCallback needs a positive callbackTime in milliseconds; got ${String(callbackTime)}`,
      );
    }
    if (!(jitter >= 0) || !(jitter < 2)) {
      throw new PeriodicCallbackError(
        `PeriodicCallback jitter is a fraction of the period in [0, 2), e.g. 0.1; got ${String(jitter)}`,
      );
    }
    this.callback = fn;
    this.callbackTime = callbackTime;
    this.jitter = jitter;
    this.random = options.random ?? Math.random;
  }

  /** Starts the timer on `IOLoop.current()`; the first run is one period from now. */
  start(): void {
    if (this.running) return;
    this.loop = IOLoop.current();
    // Reports name where the timer was started, as spawnCallback's name where it spawned.
    this.site = new CallSite(this.start);
    this.running = true;
    this.nextTimeout = this.loop.time();
    this.scheduleNext();
  }

  /** Stops the timer; a run already in progress finishes, no further run starts. */
  stop(): void {
    this.running = false;
    if (this.handle !== undefined && this.loop !== undefined) {
      this.loop.removeTimeout(this.handle);
    }
    this.handle = undefined;
  }

  /** Whether the callback is scheduled, i.e. `start()` was called and `stop()` was not. */
  isRunning(): boolean {
    return this.running;
  }

  private readonly run = (): void => {
    this.handle = undefined;
    if (!this.running) return;
    try {
      const site = this.site;
      this.report(site === undefined ? this.callback() : withCallSite(site, this.callback));
    } catch (error) {
      this.fail(error);
    } finally {
      this.scheduleNext();
    }
  };

  // The Future is not waited for (see the class comment) but its failure must reach the
  // error handler; `then` also marks the error as retrieved so it is reported once.
  private report(value: unknown): void {
    if (isThenable(value)) {
      value.then(undefined, (error: unknown) => this.fail(error));
    } else if (isGenerator(value)) {
      this.fail(
        new TypeError(
          `${this.callback.name || 'The PeriodicCallback function'} returned a generator, so nothing ran; ` +
            'wrap the generator function in coroutine(...), or better, run it in a `while (true)` coroutine with `yield sleep(ms)`.',
        ),
      );
    }
  }

  private fail(error: unknown): void {
    const loop = this.loop ?? IOLoop.current();
    loop.handleError(error, { kind: 'periodic', name: this.callback.name || undefined, callSite: this.site?.toString() });
  }

  private scheduleNext(): void {
    // Already scheduled when the callback itself called stop() and then start().
    if (!this.running || this.loop === undefined || this.handle !== undefined) return;
    const period = jitteredPeriod(this.callbackTime, this.jitter, this.random);
    this.nextTimeout = nextRunTime(this.nextTimeout, this.loop.time(), period);
    this.handle = this.loop.addTimeout(this.nextTimeout, this.run);
  }
}

function isGenerator(x: unknown): boolean {
  return typeof x === 'object' && x !== null && typeof (x as Generator).next === 'function' && typeof (x as Generator).throw === 'function';
}
