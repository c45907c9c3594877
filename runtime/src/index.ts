/**
 * Gust: Tornado-style generator coroutines for TypeScript.
 *
 * This module names the public API; everything else in the package is internal.
 *
 * @example
 * import { coroutine, sleep, IOLoop } from 'gust';
 * const main = coroutine(function* () { yield sleep(100); return 'done'; });
 * IOLoop.current().runSync(main).then(console.log);
 */
export const VERSION = '0.1.0';

export { TimeoutError, BadYieldError, CancelledError, InvalidStateError, WorkerCrashedError, NotSelfContainedError } from './errors.js';
export { Future, isFuture } from './future.js';
export { coroutine, isCoroutineFunction, type CoroutineBody } from './coroutine.js';
export {
  convertYielded,
  wait,
  moment,
  sleep,
  multi,
  withTimeout,
  task,
  type Moment,
  type Resolved,
  type QuietOptions,
  type NodeCallback,
} from './combinators.js';
export { WaitIterator } from './wait-iterator.js';
export { IOLoop, type TimeoutHandle, type IOLoopOptions } from './ioloop.js';
export { type ErrorContext, type ErrorHandler, defaultErrorHandler, formatReport } from './report.js';
export { type RunSyncOptions } from './run-sync.js';
export { type Clock, realClock, ManualClock } from './clock.js';
export { setCallSiteCapture, type CallSiteCapture } from './callsite.js';
export { ThreadPoolExecutor, defaultExecutor, type Executor, type ModuleExport, type ShutdownOptions } from './executor.js';

// locks, queues, periodic
export { PeriodicCallback, PeriodicCallbackError, jitteredPeriod, nextRunTime, type PeriodicCallbackOptions, type RandomSource } from './periodic.js';
export { Lock, Event, Condition, Semaphore, BoundedSemaphore, Releaser, ReleaseError } from './locks.js';
export { Queue, PriorityQueue, LifoQueue, QueueEmpty, QueueFull, type QueueOptions, type PriorityQueueOptions, type Compare } from './queues.js';
