/**
 * The error classes the runtime raises. Each has `name` set, so it survives
 * logging and crossing a worker thread, and its message says how to fix the problem.
 */

/**
 * Raised when an operation does not finish within its time limit
 * (`withTimeout`, `runSync({ timeout })`, lock and queue timeouts).
 *
 * @example
 * try { yield withTimeout(100, fetchSlow()); }
 * catch (e) { if (e instanceof TimeoutError) console.log('too slow'); }
 */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * Thrown into a coroutine at a `yield` of something that is not yieldable
 * (a Future, a thenable, `moment`, or an array or plain object of those).
 *
 * @example
 * const bad = coroutine(function* () { yield 42; }); // fails with BadYieldError
 */
export class BadYieldError extends Error {
  override name = 'BadYieldError';
}

/**
 * The error a cancelled Future holds: `result()` and `yield` of a cancelled
 * Future throw it.
 *
 * @example
 * const f = new Future<number>();
 * f.cancel();
 * f.result(); // throws CancelledError
 */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'The Future was cancelled.') {
    super(message);
  }
}

/**
 * Raised when an object is used in a state that does not allow the call:
 * `result()` of a pending Future, `setResult()` twice, `submit()` after `shutdown()`.
 *
 * @example
 * new Future().result(); // throws InvalidStateError
 */
export class InvalidStateError extends Error {
  override name = 'InvalidStateError';
}

/**
 * A `ThreadPoolExecutor` worker died while running a task (an uncaught error
 * in a timer it set, `process.exit()`, running out of memory). Only that
 * task's Future fails; the pool starts a fresh worker for the next task.
 *
 * @example
 * executor.submit(() => process.exit(3)); // fails with WorkerCrashedError
 */
export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
}

/**
 * A function given to `ThreadPoolExecutor#submit` cannot run on a worker: it
 * is sent by its source text, so it must not use anything from outside itself.
 *
 * @example
 * const db = open();
 * executor.submit(() => db.query()); // fails with NotSelfContainedError naming `db`
 */
export class NotSelfContainedError extends Error {
  override name = 'NotSelfContainedError';
}
