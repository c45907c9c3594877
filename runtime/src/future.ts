/**
 * `Future<T>`: the result of an asynchronous operation, as in Tornado (and
 * asyncio). Coroutines return one; a coroutine `yield`s one to wait for it.
 */
import type { Site } from './callsite.js';
import { CancelledError, InvalidStateError } from './errors.js';
import { IOLoop } from './ioloop.js';
import { type FailureRecord, markRetrieved, watchFailure } from './unobserved.js';

const PENDING = 0;
const OK = 1;
const FAILED = 2;
const CANCELLED = 3;
type State = typeof PENDING | typeof OK | typeof FAILED | typeof CANCELLED;

type DoneCallback<T> = (future: Future<T>) => void;

/** @internal told when a Future is done: one object per waiter instead of a closure (the runner). */
export interface DoneListener {
  futureDone(future: Future<never>): void;
}

/** @internal what `cancel()` also stops: a function, or an object (the runner) with `cancel()`. */
export type Canceller = (() => void) | { cancel(): void };

// Stored without T so that Future<T> stays covariant (a Future<number> is a Future<unknown>).
type StoredCallback = DoneCallback<never> | DoneListener;

/**
 * A value that will be available later, or an error.
 *
 * Done callbacks of a Future that completes later run in a microtask (never
 * inside `setResult()`, so completing a Future never re-enters the caller);
 * `addDoneCallback` on a Future that is already done runs the callback at once.
 * A Future is a thenable, so `await future` works, and it is iterable, so
 * `const x = yield* future` inside a coroutine gives `x` the type `T`.
 *
 * @example
 * const f = new Future<number>();
 * setTimeout(() => f.setResult(42), 10);
 * const n = yield* f;        // in a coroutine: n is a number
 * const m = await f;         // in an async function
 */
export class Future<T = unknown> implements PromiseLike<T> {
  private state: State = PENDING;
  private value: unknown = undefined;
  private callbacks: StoredCallback | StoredCallback[] | undefined = undefined;
  private failure: FailureRecord | undefined = undefined;
  /** A `then` is attached: whatever error comes is delivered to it. */
  private observed = false;
  /** @internal the coroutine this Future belongs to, for error reports. */
  coroutineName: string | undefined = undefined;
  /** @internal where that coroutine was called. */
  callSite: Site | undefined = undefined;
  /** @internal what `cancel()` must also stop (the Future a coroutine waits on). */
  onCancel: Canceller | undefined = undefined;

  /**
   * True once the Future has a result, an error, or was cancelled.
   *
   * @example
   * if (f.done()) console.log(f.result());
   */
  done(): boolean {
    return this.state !== PENDING;
  }

  /**
   * True if `cancel()` stopped this Future before it completed.
   *
   * @example
   * f.cancel(); f.cancelled(); // true
   */
  cancelled(): boolean {
    return this.state === CANCELLED;
  }

  /**
   * The result; throws the Future's error if it failed, `CancelledError` if it
   * was cancelled, `InvalidStateError` if it is still pending.
   *
   * @example
   * const f = new Future<string>(); f.setResult('ok'); f.result(); // 'ok'
   */
  result(): T {
    if (this.state === OK) return this.value as T;
    if (this.state === PENDING) {
      throw new InvalidStateError('result() called on a pending Future; yield or await it first.');
    }
    this.retrieve();
    throw this.value;
  }

  /**
   * The error, or `undefined` if the Future succeeded. Reading it counts as
   * retrieving it, so the Future is never reported as "never retrieved".
   *
   * @example
   * if (f.exception() !== undefined) console.error(f.exception());
   */
  exception(): unknown {
    if (this.state === PENDING) {
      throw new InvalidStateError('exception() called on a pending Future; yield or await it first.');
    }
    if (this.state === OK) return undefined;
    this.retrieve();
    return this.value;
  }

  /**
   * Calls `cb(this)` once the Future is done: at once if it already is, else in
   * a microtask after it completes. An error thrown by `cb` goes to the loop's
   * error handler.
   *
   * @example
   * f.addDoneCallback((done) => console.log(done.result()));
   */
  addDoneCallback(cb: (future: Future<T>) => void): void {
    this.listen(cb as StoredCallback);
  }

  /** @internal `addDoneCallback` for a callback or a `DoneListener`. */
  listen(cb: StoredCallback): void {
    if (this.state !== PENDING) {
      runCallback(cb, this as unknown as Future<never>);
    } else if (this.callbacks === undefined) {
      this.callbacks = cb;
    } else if (Array.isArray(this.callbacks)) {
      this.callbacks.push(cb);
    } else {
      this.callbacks = [this.callbacks, cb];
    }
  }

  /**
   * Cancels a pending Future: it fails with `CancelledError` and its callbacks
   * run. Cancelling a coroutine's Future also cancels what the coroutine waits
   * on, so `CancelledError` is thrown into it at its current `yield`.
   * Returns false (and does nothing) if the Future is already done.
   *
   * @example
   * const f = sleep(1000);
   * f.cancel(); // true; f.cancelled() is now true
   */
  cancel(): boolean {
    if (this.state !== PENDING) return false;
    this.complete(CANCELLED, new CancelledError());
    const onCancel = this.onCancel;
    this.onCancel = undefined;
    if (typeof onCancel === 'function') onCancel();
    else onCancel?.cancel();
    return true;
  }

  /**
   * Completes the Future with `value`. Throws `InvalidStateError` if it is done.
   *
   * @example
   * const f = new Future<number>(); f.setResult(1);
   */
  setResult(value: T): void {
    if (this.state !== PENDING) {
      throw new InvalidStateError('setResult() on a Future that is already done; check done() first.');
    }
    this.complete(OK, value);
  }

  /**
   * Fails the Future with `error`. Throws `InvalidStateError` if it is done.
   * If nobody retrieves the error, it is reported as "Future exception was never
   * retrieved".
   *
   * @example
   * const f = new Future<number>(); f.setException(new Error('no'));
   */
  setException(error: unknown): void {
    if (this.state !== PENDING) {
      throw new InvalidStateError('setException() on a Future that is already done; check done() first.');
    }
    if (!this.observed) {
      this.failure = { error, name: this.coroutineName, callSite: this.callSite };
      watchFailure(this, this.failure);
    }
    this.complete(FAILED, error);
  }

  /**
   * Thenable: `await future`, `future.then(ok, err)`. Marks the error retrieved.
   *
   * @example
   * future.then((v) => console.log(v), (e) => console.error(e));
   */
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.observed = true;
    this.retrieve();
    const promise = new Promise<T>((resolve, reject) => {
      this.addDoneCallback((f) => {
        if (f.state === OK) resolve(f.value as T);
        else reject(f.value);
      });
    });
    return promise.then(onFulfilled, onRejected);
  }

  /**
   * `future.catch(onRejected)`, as on a Promise; marks the error retrieved.
   *
   * @example
   * fetchUser(1).catch((e) => console.error('lookup failed', e));
   */
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onRejected);
  }

  /**
   * `yield* future` in a coroutine waits for the Future and evaluates to its
   * result, typed `T` (plain `yield future` gives `any`).
   *
   * @example
   * const n = yield* fetchCount(); // n: number when fetchCount returns Future<number>
   */
  [Symbol.iterator](): Generator<Future<T>, T, unknown> {
    // Not a generator function: a done Future's result comes back from the first
    // next(), so the coroutine runs on without suspending at all.
    return new FutureIterator(this) as unknown as Generator<Future<T>, T, unknown>;
  }

  /** @internal completes unless already done (a coroutine's Future may have been cancelled). */
  settle(error: boolean, value: unknown): boolean {
    if (this.state !== PENDING) return false;
    if (error) this.setException(value);
    else this.complete(OK, value);
    return true;
  }

  /**
   * @internal succeeds a Future nobody else has seen yet (a coroutine's, before its
   * wrapper returns it): pending, with no callbacks, so none of `complete()`'s work is due.
   */
  settleUnseen(value: unknown): void {
    this.state = OK;
    this.value = value;
  }

  /** @internal true if the Future completed with a result (not an error, not cancelled). */
  succeeded(): boolean {
    return this.state === OK;
  }

  /** @internal the raw result or error, without marking anything retrieved. */
  peek(): unknown {
    return this.value;
  }

  /** @internal marks an error as seen. */
  retrieve(): void {
    if (this.failure !== undefined) {
      markRetrieved(this.failure);
      this.failure = undefined;
    }
  }

  // V8 forgets an object shape at a full GC once no live object has it, and
  // throws away the optimized code that checked for it: after each major GC the
  // hot coroutine path would start over unoptimized. This Future went through
  // every kind of store the others see, so it keeps their shapes alive.
  // eslint-disable-next-line no-unused-private-class-members -- held, never read: holding it is the point
  static readonly #shapeKeeper: Future<unknown> = Future.exerciseShapes();

  private static exerciseShapes(): Future<unknown> {
    const f = new Future<unknown>();
    f.coroutineName = 'shape keeper';
    f.callSite = { toString: () => '', nearest: () => '' };
    f.onCancel = () => undefined;
    f.onCancel = { cancel: () => undefined };
    f.onCancel = undefined;
    f.callbacks = () => undefined;
    f.callbacks = { futureDone: () => undefined };
    f.callbacks = [];
    f.callbacks = undefined;
    f.failure = { error: undefined, name: undefined, callSite: undefined };
    f.failure = undefined;
    f.observed = true;
    f.value = 1;
    f.value = 1.5;
    f.value = 'x';
    f.value = {};
    f.state = CANCELLED;
    return f;
  }

  private complete(state: State, value: unknown): void {
    this.state = state;
    this.value = value;
    const callbacks = this.callbacks;
    this.callbacks = undefined;
    if (callbacks === undefined) return;
    if (Array.isArray(callbacks)) for (const cb of callbacks) schedule(cb, this as unknown as Future<never>);
    else schedule(callbacks, this as unknown as Future<never>);
  }
}

/**
 * True for a gust `Future` (not for other thenables).
 *
 * @example
 * isFuture(sleep(1)); // true
 * isFuture(Promise.resolve()); // false
 */
export function isFuture(x: unknown): x is Future<unknown> {
  return x instanceof Future;
}

// Done callbacks run in one microtask per batch, in completion order, so a
// Future completing never runs its waiters inside the caller's stack.
// Flat pairs (callback, future): no array per completion.
let queue: (StoredCallback | Future<never>)[] = [];
let draining = false;

function schedule(cb: StoredCallback, future: Future<never>): void {
  queue.push(cb, future);
  if (!draining) {
    draining = true;
    queueMicrotask(drain);
  }
}

function drain(): void {
  // Callbacks may complete more Futures: keep going until the queue is empty.
  while (queue.length > 0) {
    const batch = queue;
    queue = [];
    for (let i = 0; i < batch.length; i += 2) runCallback(batch[i] as StoredCallback, batch[i + 1] as Future<never>);
  }
  draining = false;
}

function runCallback(cb: StoredCallback, future: Future<never>): void {
  try {
    if (typeof cb === 'function') cb(future);
    else cb.futureDone(future);
  } catch (error) {
    const name = typeof cb === 'function' ? cb.name : cb.constructor.name;
    IOLoop.current().handleError(error, { kind: 'callback', name: name || undefined });
  }
}

/** @internal true for any object with a `then` method. */
export function isThenable(x: unknown): x is PromiseLike<unknown> {
  return (typeof x === 'object' || typeof x === 'function') && x !== null && typeof (x as PromiseLike<unknown>).then === 'function';
}

/** A Future that follows a thenable. */
/** @internal */
export function fromThenable<T>(thenable: PromiseLike<T>): Future<T> {
  const f = new Future<T>();
  try {
    thenable.then(
      (value) => void f.settle(false, value),
      (error: unknown) => void f.settle(true, error),
    );
  } catch (error) {
    f.settle(true, error);
  }
  return f;
}

/**
 * The iterator behind `yield* future`: it yields the Future once if it is pending (the
 * runner then sends its result back in, or throws its error), and returns at once if it
 * is done (`result()` gives the value, or throws the error and marks it retrieved).
 */
class FutureIterator<T> {
  private started = false;

  constructor(private readonly future: Future<T>) {}

  next(value?: unknown): IteratorResult<Future<T>, T> {
    if (this.started) return { done: true, value: value as T };
    this.started = true;
    if (this.future.done()) return { done: true, value: this.future.result() };
    return { done: false, value: this.future };
  }

  throw(error: unknown): IteratorResult<Future<T>, T> {
    this.started = true;
    throw error;
  }

  return(value?: T): IteratorResult<Future<T>, T> {
    this.started = true;
    return { done: true, value: value as T };
  }

  [Symbol.iterator](): this {
    return this;
  }
}
