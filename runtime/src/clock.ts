/**
 * The loop's source of time and timers, injectable so tests can drive
 * timeouts without waiting (`new IOLoop({ clock: new ManualClock() })`).
 */
import { performance } from 'node:perf_hooks';

/**
 * What an `IOLoop` needs from time: a monotonic `now()` in ms and one timer.
 *
 * @example
 * const loop = new IOLoop({ clock: new ManualClock() });
 */
export interface Clock {
  /** Monotonic time in ms. */
  now(): number;
  /** Calls `fn` once, `delay` ms from now; returns a handle for `clearTimer`. */
  setTimer(delay: number, fn: () => void): unknown;
  /** Cancels a timer made by `setTimer`. */
  clearTimer(timer: unknown): void;
}

/**
 * The real clock: `performance.now()` and Node's timers.
 *
 * @example
 * realClock.now(); // e.g. 1532.25
 */
export const realClock: Clock = {
  now: () => performance.now(),
  setTimer: (delay, fn) => setTimeout(fn, delay),
  clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

/**
 * A clock that only moves when told to: `advance(ms)` fires every timer that
 * falls due, in order. For tests of timeouts without real waiting.
 *
 * @example
 * const clock = new ManualClock();
 * const loop = new IOLoop({ clock });
 * loop.callLater(1000, () => console.log('later'));
 * clock.advance(1000); // prints 'later'
 */
export class ManualClock implements Clock {
  private current: number;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(delay: number, fn: () => void): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + Math.max(0, delay), fn });
    return id;
  }

  clearTimer(timer: unknown): void {
    this.timers.delete(timer as number);
  }

  /**
   * Moves time forward by `ms`, firing due timers in deadline order.
   *
   * @example
   * clock.advance(250);
   */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      let nextId: number | undefined;
      let nextAt = Infinity;
      for (const [id, t] of this.timers) {
        if (t.at <= end && t.at < nextAt) {
          nextAt = t.at;
          nextId = id;
        }
      }
      if (nextId === undefined) break;
      const timer = this.timers.get(nextId);
      this.timers.delete(nextId);
      this.current = Math.max(this.current, nextAt);
      timer?.fn();
    }
    this.current = end;
  }
}
