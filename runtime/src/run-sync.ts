/**
 * `IOLoop#runSync`: from a script to a coroutine and back, as a Promise that
 * cannot fail silently.
 */
import { type Site, withCallSite } from './callsite.js';
import { TimeoutError } from './errors.js';
import { Future, fromThenable, isThenable } from './future.js';
import type { IOLoop, TimeoutHandle } from './ioloop.js';

/**
 * Options for `IOLoop#runSync`.
 *
 * @example
 * await IOLoop.current().runSync(main, { timeout: 30_000 });
 */
export interface RunSyncOptions {
  /** Fail with `TimeoutError` (and cancel `fn`'s Future) after this many ms. */
  timeout?: number;
}

/**
 * The Promise `runSync` returns: it remembers whether anyone observed it
 * (`await`, `then`, `catch`, `finally` all go through `then`), so an unobserved
 * failure can be reported instead of lost.
 */
class RunSyncPromise<T> extends Promise<T> {
  observed = false;

  // Promises derived from this one (then/catch) are plain Promises.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.observed = true;
    return super.then(onFulfilled, onRejected);
  }
}

/** The body of `IOLoop#runSync`. */
export function runSync<R>(
  loop: IOLoop,
  fn: () => Future<R> | PromiseLike<R> | R,
  options: RunSyncOptions,
  callSite: Site,
): Promise<R> {
  const future = start(fn, callSite);
  const outcome = new Future<R>();
  let timer: TimeoutHandle | undefined;
  const { timeout } = options;
  if (timeout !== undefined) {
    timer = loop.later(timeout, () => {
      if (future.done()) return;
      outcome.settle(true, new TimeoutError(`runSync(${fn.name || 'fn'}) timed out after ${timeout} ms; raise { timeout } or make it faster.`));
      future.cancel();
    });
  }
  future.addDoneCallback((done) => {
    if (timer !== undefined) loop.removeTimeout(timer);
    if (done.succeeded()) outcome.settle(false, done.peek());
    else if (!outcome.done()) outcome.settle(true, done.exception());
    else done.retrieve();
  });

  const promise = new RunSyncPromise<R>((res, rej) => {
    outcome.addDoneCallback((done) => (done.succeeded() ? res(done.peek() as R) : rej(done.exception())));
  });
  // Handled natively here so Node raises no unhandled rejection of its own;
  // whether the caller observed the Promise is decided one turn later.
  Promise.prototype.then.call(promise, undefined, (error: unknown) => {
    setImmediate(() => {
      if (promise.observed) return;
      process.exitCode = 1;
      loop.handleError(error, { kind: 'runSync', name: fn.name || undefined, callSite: callSite.toString() });
    });
  });
  return promise;
}

function start<R>(fn: () => Future<R> | PromiseLike<R> | R, callSite: Site): Future<R> {
  const future = new Future<R>();
  let value: unknown;
  try {
    // The coroutine fn starts is reported where runSync was called, not in here.
    value = withCallSite(callSite, fn);
  } catch (error) {
    future.setException(error);
    return future;
  }
  if (value instanceof Future) return value as Future<R>;
  if (isThenable(value)) return fromThenable(value as PromiseLike<R>);
  if (typeof value === 'object' && value !== null && typeof (value as Generator).throw === 'function') {
    future.setException(new TypeError(`runSync: ${fn.name || 'fn'} returned a generator, so nothing ran; wrap the generator function in coroutine(...).`));
    return future;
  }
  future.setResult(value as R);
  return future;
}
