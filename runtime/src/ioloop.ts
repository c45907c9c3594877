/**
 * `IOLoop`: Tornado's event loop interface on top of Node's own loop. It runs
 * callbacks and timeouts, reports every error they raise (never drops one), and
 * bridges scripts to coroutines with `runSync`.
 */
import { CallSite, type Site, withCallSite } from './callsite.js';
import { type Clock, realClock } from './clock.js';
import { InvalidStateError } from './errors.js';
import { type Executor, defaultExecutor } from './executor.js';
import { Future, fromThenable, isThenable } from './future.js';
import { type ErrorContext, type ErrorHandler, defaultErrorHandler } from './report.js';
import { runSync, type RunSyncOptions } from './run-sync.js';
import { Timeout, TimeoutHeap } from './timeouts.js';
import { reportPendingFailures } from './unobserved.js';

export type { ErrorContext, ErrorHandler } from './report.js';
export type { RunSyncOptions } from './run-sync.js';

/**
 * A scheduled timeout, as returned by `callLater`, `callAt` and `addTimeout`;
 * pass it to `removeTimeout` to cancel.
 *
 * @example
 * const h = loop.callLater(100, tick);
 * console.log(h.deadline - loop.time()); // about 100
 */
export interface TimeoutHandle {
  readonly deadline: number;
}

/**
 * Options for `new IOLoop()`.
 *
 * @example
 * const loop = new IOLoop({ clock: new ManualClock() });
 */
export interface IOLoopOptions {
  /** Time and timers; defaults to the real clock. Tests pass a `ManualClock`. */
  clock?: Clock;
}

type Callback = () => void;

let currentLoop: IOLoop | undefined;

/**
 * The event loop. Most code uses `IOLoop.current()`.
 *
 * @example
 * const loop = IOLoop.current();
 * loop.spawnCallback(backgroundJob);          // errors go to the loop's handler
 * loop.callLater(1000, () => console.log('a second later'));
 * const answer = await loop.runSync(() => compute(), { timeout: 5000 });
 */
export class IOLoop {
  private readonly clock: Clock;
  private callbacks: Callback[] = [];
  private callbacksScheduled = false;
  private readonly timeouts = new TimeoutHeap();
  private timer: unknown = undefined;
  private timerDeadline = Infinity;
  private seq = 0;
  private handler: ErrorHandler = defaultErrorHandler;
  private closed = false;

  constructor(options: IOLoopOptions = {}) {
    this.clock = options.clock ?? realClock;
  }

  /**
   * The loop of this thread, created on first use (and again after `close()`).
   *
   * @example
   * IOLoop.current().spawnCallback(main);
   */
  static current(): IOLoop {
    if (currentLoop === undefined) currentLoop = new IOLoop();
    return currentLoop;
  }

  /**
   * @deprecated Use `IOLoop.current()`; `instance()` is the same loop.
   *
   * @example
   * IOLoop.current(); // instead of IOLoop.instance()
   */
  static instance(): IOLoop {
    return IOLoop.current();
  }

  /**
   * Makes this loop the one `IOLoop.current()` returns (tests use it with a
   * `ManualClock`).
   *
   * @example
   * const loop = new IOLoop({ clock: new ManualClock() });
   * loop.makeCurrent();
   */
  makeCurrent(): void {
    this.assertOpen();
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the module keeps the current loop, as Tornado's thread-local does
    currentLoop = this;
  }

  /**
   * The loop's monotonic clock, in ms: the time base of `callAt` and `addTimeout`.
   *
   * @example
   * loop.addTimeout(loop.time() + 500, poll);
   */
  time(): number {
    return this.clock.now();
  }

  /**
   * Runs `fn(...args)` on the next turn of the loop. If it throws, or returns a
   * Future or thenable that fails, the error goes to the error handler.
   *
   * @example
   * loop.addCallback(console.log, 'next turn');
   */
  addCallback<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
    this.queueCallback('callback', fn, args, new CallSite(this.addCallback));
  }

  /**
   * Starts `fn(...args)` (typically a coroutine) on the next turn, detached:
   * the fire-and-forget call, whose errors the loop reports with the coroutine's
   * name and where it was spawned.
   *
   * @example
   * loop.spawnCallback(divide, 1, 0); // the error is printed, not lost
   */
  spawnCallback<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
    this.queueCallback('spawn', fn, args, new CallSite(this.spawnCallback));
  }

  /**
   * Runs `fn` (a coroutine, or any function returning a value, Future or
   * thenable) and returns a Promise of its result. With `timeout` (ms), the
   * Promise fails with `TimeoutError` and `fn`'s Future is cancelled. A
   * rejected Promise that nobody awaits is still reported on stderr and sets a
   * non-zero exit code.
   *
   * @example
   * IOLoop.current().runSync(main, { timeout: 10_000 }).then(
   *   (n) => console.log('done', n),
   *   (e) => { console.error(e); process.exitCode = 1; });
   */
  runSync<R>(fn: () => Future<R> | PromiseLike<R> | R, options: RunSyncOptions = {}): Promise<R> {
    this.assertOpen();
    return runSync(this, fn, options, new CallSite(this.runSync));
  }

  /**
   * Runs `fn(...args)` at `deadline` on the `time()` clock (Tornado's
   * `add_timeout`). Returns a handle for `removeTimeout`.
   *
   * @example
   * const h = loop.addTimeout(loop.time() + 5000, giveUp);
   */
  addTimeout<A extends unknown[]>(deadline: number, fn: (...args: A) => unknown, ...args: A): TimeoutHandle {
    return this.schedule(deadline, fn, args, new CallSite(this.addTimeout));
  }

  /**
   * Runs `fn(...args)` `delay` ms from now.
   *
   * @example
   * loop.callLater(250, retry, request);
   */
  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => unknown, ...args: A): TimeoutHandle {
    return this.schedule(this.time() + delay, fn, args, new CallSite(this.callLater));
  }

  /**
   * Runs `fn(...args)` at `when` on the `time()` clock.
   *
   * @example
   * loop.callAt(loop.time() + 1000, flush);
   */
  callAt<A extends unknown[]>(when: number, fn: (...args: A) => unknown, ...args: A): TimeoutHandle {
    return this.schedule(when, fn, args, new CallSite(this.callAt));
  }

  /**
   * Cancels a pending timeout; does nothing if it already ran or was removed.
   *
   * @example
   * const h = loop.callLater(1000, fire);
   * loop.removeTimeout(h);
   */
  removeTimeout(handle: TimeoutHandle): void {
    if (!(handle instanceof Timeout)) {
      throw new TypeError('removeTimeout() takes the handle that callLater, callAt or addTimeout returned.');
    }
    this.timeouts.cancel(handle);
    if (this.timeouts.live === 0) this.disarm();
  }

  /**
   * Calls `cb(future)` on the loop once `future` (a Future or thenable) is done.
   * Errors `cb` raises are reported.
   *
   * @example
   * loop.addFuture(fetchUser(1), (f) => console.log(f.result()));
   */
  addFuture<T>(future: Future<T> | PromiseLike<T>, cb: (future: Future<T>) => unknown): void {
    const callSite = new CallSite(this.addFuture);
    const f = future instanceof Future ? future : fromThenable(future);
    f.addDoneCallback((done) => this.queueCallback('callback', cb, [done], callSite));
  }

  /**
   * Runs `fn(...args)` on `executor`'s threads (a shared default
   * `ThreadPoolExecutor` for `null`) and returns a Future of the result. The
   * function is sent by its source text: see `ThreadPoolExecutor#submit`.
   *
   * @example
   * const digest = yield loop.runInExecutor(null, (s: string) => s.length, 'text');
   */
  runInExecutor<A extends unknown[], R>(
    executor: Executor | null,
    fn: (...args: A) => R | PromiseLike<R>,
    ...args: A
  ): Future<Awaited<R>> {
    return (executor ?? defaultExecutor()).submit(fn, ...args);
  }

  /**
   * Replaces the error handler; `null` restores the default (stderr).
   *
   * @example
   * loop.setErrorHandler((e, ctx) => errors.push({ e, ctx }));
   */
  setErrorHandler(handler: ErrorHandler | null): void {
    this.handler = handler ?? defaultErrorHandler;
  }

  /**
   * Reports `error` through the error handler. If the handler itself throws,
   * both errors go to stderr: nothing is dropped.
   *
   * @example
   * loop.handleError(new Error('lost connection'), { kind: 'periodic', name: 'poll' });
   */
  handleError(error: unknown, context: ErrorContext): void {
    try {
      this.handler(error, context);
    } catch (handlerError) {
      defaultErrorHandler(error, context);
      defaultErrorHandler(handlerError, { kind: 'callback', name: 'error handler' });
    }
  }

  /**
   * Closes the loop: reports every failed Future whose error was never
   * retrieved, drops pending timeouts and callbacks, and releases its timer, so
   * the process can exit. `IOLoop.current()` then makes a new loop.
   *
   * @example
   * IOLoop.current().close();
   */
  close(): void {
    if (this.closed) return;
    reportPendingFailures();
    this.closed = true;
    this.timeouts.clear();
    this.disarm();
    this.callbacks = [];
    if (currentLoop === this) currentLoop = undefined;
  }

  /** @internal runs `fn` on the next turn without recording a call site (the runtime's own path). */
  soon(fn: Callback): void {
    this.assertOpen();
    this.callbacks.push(fn);
    if (!this.callbacksScheduled) {
      this.callbacksScheduled = true;
      setImmediate(() => this.runCallbacks());
    }
  }

  /** @internal a timeout without a call site, for the runtime's own timers (sleep, withTimeout). */
  later(delay: number, fn: Callback): TimeoutHandle {
    return this.arm(new Timeout(this.time() + delay, this.seq++, fn));
  }

  private queueCallback(kind: ErrorContext['kind'], fn: (...args: never[]) => unknown, args: unknown[], site: Site): void {
    this.soon(() => this.invoke(kind, fn, args, site));
  }

  private schedule(deadline: number, fn: (...args: never[]) => unknown, args: unknown[], site: Site): TimeoutHandle {
    return this.arm(new Timeout(deadline, this.seq++, () => this.invoke('timeout', fn, args, site)));
  }

  /** Calls a user function, reporting what it throws or what its returned Future raises. */
  private invoke(kind: ErrorContext['kind'], fn: (...args: never[]) => unknown, args: unknown[], site: Site): void {
    const context = (): ErrorContext => ({ kind, name: fn.name || undefined, callSite: site.toString() });
    let result: unknown;
    try {
      result = withCallSite(site, () => (fn as (...a: unknown[]) => unknown)(...args));
    } catch (error) {
      this.handleError(error, context());
      return;
    }
    if (result instanceof Future) {
      result.addDoneCallback((f) => {
        if (!f.succeeded() && !f.cancelled()) this.handleError(f.exception(), context());
      });
    } else if (isThenable(result)) {
      result.then(undefined, (error: unknown) => this.handleError(error, context()));
    } else if (isGenerator(result)) {
      this.handleError(
        new TypeError(`${fn.name || 'The function'} returned a generator, so nothing ran; wrap the generator function in coroutine(...).`),
        context(),
      );
    }
  }

  private runCallbacks(): void {
    this.callbacksScheduled = false;
    const batch = this.callbacks;
    this.callbacks = [];
    // Callbacks added while this batch runs wait for the next turn, as in Tornado.
    for (const cb of batch) cb();
  }

  private arm(t: Timeout): Timeout {
    this.assertOpen();
    this.timeouts.push(t);
    if (t.deadline < this.timerDeadline) this.setTimer(t.deadline);
    return t;
  }

  private setTimer(deadline: number): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timerDeadline = deadline;
    this.timer = this.clock.setTimer(Math.max(0, deadline - this.time()), () => this.fire());
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.timerDeadline = Infinity;
  }

  private fire(): void {
    this.timer = undefined;
    this.timerDeadline = Infinity;
    const now = this.time();
    // Only what is due now runs; timeouts added by these callbacks wait for the next fire.
    const due: Timeout[] = [];
    for (let t = this.timeouts.popDue(now); t !== undefined; t = this.timeouts.popDue(now)) due.push(t);
    for (const t of due) if (!t.cancelled) t.run();
    const next = this.timeouts.peekDeadline();
    // Node's timers may fire a fraction of a ms early: re-arm rather than spin.
    if (next !== undefined && !this.closed && next < this.timerDeadline) this.setTimer(Math.max(next, now + 1));
  }

  private assertOpen(): void {
    if (this.closed) throw new InvalidStateError('This IOLoop is closed; use IOLoop.current() for a new one.');
  }
}


function isGenerator(x: unknown): boolean {
  return typeof x === 'object' && x !== null && typeof (x as Generator).next === 'function' && typeof (x as Generator).throw === 'function';
}
