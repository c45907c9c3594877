/**
 * Coroutine synchronisation primitives, after Tornado's `tornado.locks`.
 *
 * None of these are thread-safe (nothing here is shared with worker threads): they order
 * coroutines on one `IOLoop`. Every `timeout` is a duration in milliseconds from the
 * call (like `withTimeout(ms, ...)` and `setTimeout`), not an absolute deadline;
 * `undefined` waits for ever.
 */
import { TimeoutError } from './errors.js';
import { Future } from './future.js';
import { IOLoop } from './ioloop.js';

/**
 * Throws a clear error for a timeout that is not a duration. Called before a waiter is
 * queued, so a bad argument leaves nothing behind (a queued waiter nobody holds would
 * swallow a lock slot or a queue item).
 * @internal shared by locks and queues
 */
export function checkTimeout(timeout: number | undefined): void {
  if (timeout === undefined) return;
  if (typeof timeout !== 'number' || !(timeout >= 0)) {
    throw new RangeError(
      `timeout is a duration in milliseconds (a number >= 0), or undefined to wait for ever; got ${String(timeout)}`,
    );
  }
}

/**
 * Fails a waiter after `timeout` ms unless something settled it first, and clears the
 * timer as soon as it settles, so no timer is left holding the process open.
 * @internal shared by locks and queues
 */
export function armTimeout(waiter: Future<unknown>, timeout: number | undefined, onTimeout: () => void): void {
  if (timeout === undefined) return;
  const loop = IOLoop.current();
  const handle = loop.callLater(timeout, () => {
    if (!waiter.done()) onTimeout();
  });
  waiter.addDoneCallback(() => loop.removeTimeout(handle));
}

function resolved<T>(value: T): Future<T> {
  const f = new Future<T>();
  f.setResult(value);
  return f;
}

/**
 * What `acquire()` resolves to: call `release()` when done (or let `using` do it).
 *
 * @example
 *   const held = yield* lock.acquire();
 *   try { yield write(); } finally { held.release(); }
 */
export class Releaser {
  constructor(private readonly owner: { release(): void }) {}
  /** Releases the lock or semaphore this came from. */
  release(): void {
    this.owner.release();
  }
  /** Lets `using held = ...` release at the end of the block. */
  [Symbol.dispose](): void {
    this.owner.release();
  }
}

/**
 * Raised when a lock or semaphore is released more often than it was acquired.
 *
 * @example
 *   new Lock().release(); // throws ReleaseError: called on an unlocked Lock
 */
export class ReleaseError extends Error {
  override name = 'ReleaseError';
}

/**
 * A condition variable: coroutines wait until another one notifies them.
 *
 * `wait(timeout)` resolves to `true` when notified and to `false` when the timeout
 * passed first (it does not fail, as in Tornado).
 *
 * @example
 *   const cond = new Condition();
 *   const waiter = coroutine(function* () {
 *     const notified: boolean = yield cond.wait(1000);
 *     console.log(notified ? 'woken' : 'gave up');
 *   });
 *   waiter();
 *   cond.notify();
 */
export class Condition {
  private waiters: Future<boolean>[] = [];

  /** Waits for `notify`; resolves `false` if `timeout` ms pass first. */
  wait(timeout?: number): Future<boolean> {
    checkTimeout(timeout);
    const waiter = new Future<boolean>();
    this.waiters.push(waiter);
    armTimeout(waiter, timeout, () => {
      waiter.setResult(false);
      this.collectGarbage();
    });
    return waiter;
  }

  /** Wakes up to `n` waiters (those that timed out or were cancelled do not count). */
  notify(n = 1): void {
    const woken: Future<boolean>[] = [];
    while (n > 0 && this.waiters.length > 0) {
      const waiter = this.waiters.shift() as Future<boolean>;
      if (!waiter.done()) {
        n -= 1;
        woken.push(waiter);
      }
    }
    for (const waiter of woken) waiter.setResult(true);
  }

  /** Wakes every waiter. */
  notifyAll(): void {
    this.notify(this.waiters.length);
  }

  /** How many coroutines are waiting (for diagnostics). */
  get waiting(): number {
    return this.waiters.filter((w) => !w.done()).length;
  }

  // Timed-out waiters stay in the list until notify() meets them; drop them now and
  // then so a Condition nobody notifies does not grow for ever.
  private collectGarbage(): void {
    this.waiters = this.waiters.filter((w) => !w.done());
  }
}

/**
 * An event blocks coroutines until its flag is set. Once set, `wait()` returns at once
 * until `clear()` is called.
 *
 * @example
 *   const ready = new Event();
 *   spawnCallback(function* () { yield ready.wait(); console.log('go'); });
 *   ready.set();
 */
export class Event {
  private value = false;
  private waiters = new Set<Future<void>>();

  /** Whether the flag is set. */
  isSet(): boolean {
    return this.value;
  }

  /** Sets the flag and wakes every waiter. */
  set(): void {
    if (this.value) return;
    this.value = true;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const waiter of waiters) {
      if (!waiter.done()) waiter.setResult(undefined);
    }
  }

  /** Clears the flag: later `wait()` calls block again. */
  clear(): void {
    this.value = false;
  }

  /** Resolves when the flag is set; fails with `TimeoutError` after `timeout` ms. */
  wait(timeout?: number): Future<void> {
    checkTimeout(timeout);
    if (this.value) return resolved(undefined);
    const waiter = new Future<void>();
    this.waiters.add(waiter);
    armTimeout(waiter, timeout, () => {
      this.waiters.delete(waiter);
      waiter.setException(new TimeoutError(`Event.wait() timed out after ${timeout} ms: nothing called set()`));
    });
    waiter.addDoneCallback(() => this.waiters.delete(waiter));
    return waiter;
  }
}

/**
 * A counter of available slots: `acquire()` takes one (waiting while there are none),
 * `release()` gives one back. Use it to limit concurrency.
 *
 * @example
 *   const slots = new Semaphore(2);
 *   const fetchOne = coroutine(function* (url: string) {
 *     const held = yield* slots.acquire();
 *     try { return yield fetch(url); } finally { held.release(); }
 *   });
 */
export class Semaphore {
  protected value: number;
  private waiters: Future<Releaser>[] = [];

  constructor(value = 1) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`A semaphore's initial value is a whole number >= 0; got ${String(value)}`);
    }
    this.value = value;
  }

  /** How many `acquire()` calls would succeed right now. */
  get available(): number {
    return this.value;
  }

  /** Whether `acquire()` would have to wait. */
  locked(): boolean {
    return this.value === 0;
  }

  /** Takes a slot; fails with `TimeoutError` if none frees up within `timeout` ms. */
  acquire(timeout?: number): Future<Releaser> {
    checkTimeout(timeout);
    if (this.value > 0) {
      this.value -= 1;
      return resolved(this.releaser());
    }
    const waiter = new Future<Releaser>();
    this.waiters.push(waiter);
    armTimeout(waiter, timeout, () => {
      waiter.setException(
        new TimeoutError(`acquire() timed out after ${timeout} ms: the lock or semaphore was not released in time`),
      );
      this.waiters = this.waiters.filter((w) => !w.done());
    });
    return waiter;
  }

  /** What `acquire()` resolves to; a Lock's inner semaphore hands out the Lock's own. */
  protected releaser(): Releaser {
    return new Releaser(this);
  }

  /** Gives a slot back, handing it straight to the longest-waiting `acquire()`. */
  release(): void {
    this.value += 1;
    while (this.waiters.length > 0) {
      const waiter = this.waiters.shift() as Future<Releaser>;
      if (!waiter.done()) {
        this.value -= 1;
        waiter.setResult(this.releaser());
        break;
      }
    }
  }
}

/**
 * A semaphore that refuses to be released above its initial value, which catches a
 * `release()` without a matching `acquire()`.
 *
 * @example
 *   const sem = new BoundedSemaphore(1);
 *   sem.release(); // throws ReleaseError: released too many times
 */
export class BoundedSemaphore extends Semaphore {
  private readonly initialValue: number;

  constructor(value = 1) {
    super(value);
    this.initialValue = value;
  }

  /** As `Semaphore#release`, but throws `ReleaseError` past the initial value. */
  override release(): void {
    if (this.value >= this.initialValue) {
      throw new ReleaseError(
        `${this.constructor.name} released too many times (more release() than acquire() calls); ` +
          'release only what you acquired, e.g. in a finally block after acquire()',
      );
    }
    super.release();
  }
}

/**
 * A lock for coroutines: one holder at a time, waiters served in order.
 *
 * @example
 *   const lock = new Lock();
 *   const update = coroutine(function* () {
 *     const held = yield* lock.acquire();
 *     try { yield save(); } finally { held.release(); }
 *   });
 */
export class Lock {
  private readonly block: BoundedSemaphore = new LockSemaphore(this);

  /** Whether someone holds the lock. */
  locked(): boolean {
    return this.block.locked();
  }

  /** Takes the lock; fails with `TimeoutError` if it is not free within `timeout` ms. */
  acquire(timeout?: number): Future<Releaser> {
    // The semaphore's own Future, not a wrapper: cancelling it must withdraw the
    // request, or the lock would be granted to nobody and never released.
    return this.block.acquire(timeout);
  }

  /** Releases the lock; throws `ReleaseError` if it is not held. */
  release(): void {
    if (!this.block.locked()) {
      throw new ReleaseError('Lock.release() called on an unlocked Lock: release only after acquire()');
    }
    this.block.release();
  }
}

/** The semaphore inside a Lock: its Releasers release the Lock, so errors name the Lock. */
class LockSemaphore extends BoundedSemaphore {
  constructor(private readonly lock: Lock) {
    super(1);
  }

  protected override releaser(): Releaser {
    return new Releaser(this.lock);
  }
}
