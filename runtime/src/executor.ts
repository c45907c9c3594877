/**
 * `ThreadPoolExecutor`: blocking or CPU-heavy functions run on `worker_threads`
 * instead of stalling the loop.
 */
import { availableParallelism } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CallSite } from './callsite.js';
import { InvalidStateError, NotSelfContainedError, WorkerCrashedError } from './errors.js';
import type { ResultMessage, SerializedError, TaskMessage } from './executor-protocol.js';
import { Future } from './future.js';

/**
 * Names a function exported by a module, for code that is not self-contained:
 * the worker loads the module itself. `module` is an absolute path or a package name.
 *
 * @example
 * executor.submit({ module: require.resolve('./hash'), export: 'hashFile' }, path);
 */
export interface ModuleExport {
  module: string;
  export: string;
}

/**
 * Anything that runs functions off the loop (`IOLoop#runInExecutor` takes one).
 *
 * @example
 * const executor: Executor = new ThreadPoolExecutor(2);
 */
export interface Executor {
  submit<A extends unknown[], R>(fn: (...args: A) => R | PromiseLike<R>, ...args: A): Future<Awaited<R>>;
}

/**
 * Options of `ThreadPoolExecutor#shutdown`.
 *
 * @example
 * yield pool.shutdown({ cancelPending: true });
 */
export interface ShutdownOptions {
  /** Cancel tasks not yet started instead of running them first. */
  cancelPending?: boolean;
}

interface Job {
  message: TaskMessage;
  future: Future<unknown>;
  label: string;
  callSite: CallSite;
  slot?: Slot;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
  /** Being terminated: takes no more jobs. */
  dead: boolean;
}

const WORKER_FILE = join(__dirname, 'executor-worker.js');

/**
 * A pool of up to `maxWorkers` worker threads. `submit` returns a Future of
 * the function's result; a task that throws fails its Future with that error,
 * and a worker that crashes fails only its task's Future: the pool replaces it.
 * Idle workers do not keep the process alive.
 *
 * A function is sent by its source text, so it must be self-contained: it may
 * use its arguments, globals and `require(...)` inside its body, nothing from
 * the module around it (if it does, its Future fails with
 * `NotSelfContainedError` naming what it used). For real code, name a module
 * export instead: `submit({ module, export }, ...args)`. Arguments and results
 * cross threads by structured clone.
 *
 * @example
 * const pool = new ThreadPoolExecutor(2);
 * const n = yield* pool.submit((limit: number) => { let s = 0; for (let i = 0; i < limit; i++) s += i; return s; }, 1e8);
 * const digest = yield* wait(pool.submit({ module: require.resolve('./hash'), export: 'sha256' }, data));
 * yield pool.shutdown();
 */
export class ThreadPoolExecutor implements Executor {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closing: Future<void> | undefined = undefined;

  constructor(readonly maxWorkers: number = availableParallelism()) {
    if (!Number.isInteger(maxWorkers) || maxWorkers < 1) {
      throw new RangeError(`ThreadPoolExecutor(maxWorkers): expected a whole number of at least 1, got ${String(maxWorkers)}.`);
    }
  }

  /**
   * Runs `fn(...args)` on a worker thread; see the class notes on what `fn` may use.
   *
   * @example
   * const sum = yield* pool.submit((a: number, b: number) => a + b, 1, 2); // 3
   */
  submit<A extends unknown[], R>(fn: (...args: A) => R | PromiseLike<R>, ...args: A): Future<Awaited<R>>;
  submit<R = unknown>(target: ModuleExport, ...args: unknown[]): Future<R>;
  submit(target: ((...args: never[]) => unknown) | ModuleExport, ...args: unknown[]): Future<unknown> {
    if (this.closing !== undefined) {
      throw new InvalidStateError('submit() after shutdown(); make a new ThreadPoolExecutor.');
    }
    const id = this.nextId++;
    const message: TaskMessage =
      typeof target === 'function'
        ? { id, kind: 'source', expression: toExpression(target), args }
        : { id, kind: 'module', ...checkModuleExport(target), args };
    const future = new Future<unknown>();
    const label = typeof target === 'function' ? target.name || 'anonymous function' : `${target.module}#${target.export}`;
    const job: Job = { message, future, label, callSite: new CallSite(this.submit) };
    future.onCancel = () => this.cancelJob(job);
    this.queue.push(job);
    this.dispatch();
    return future;
  }

  /**
   * Stops the pool: no new tasks; queued ones still run unless `cancelPending`;
   * the returned Future completes once every worker has exited.
   *
   * @example
   * yield pool.shutdown();
   */
  shutdown(options: ShutdownOptions = {}): Future<void> {
    this.closing ??= new Future<void>();
    if (options.cancelPending) for (const job of [...this.queue]) job.future.cancel();
    this.dispatch();
    return this.closing;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === undefined && !s.dead);
      if (slot === undefined && this.slots.filter((s) => !s.dead).length < this.maxWorkers) slot = this.spawn();
      if (slot === undefined) break;
      this.start(slot, this.queue.shift() as Job);
    }
    if (this.closing !== undefined && this.queue.length === 0) this.stopIdleWorkers();
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    job.slot = slot;
    slot.worker.ref(); // a running task keeps the process alive until it answers
    try {
      slot.worker.postMessage(job.message);
    } catch (error) {
      this.release(slot);
      job.future.settle(true, new TypeError(`submit(${job.label}): its arguments cannot be sent to a worker thread (${(error as Error).message}); pass plain data.`));
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_FILE);
    const slot: Slot = { worker, job: undefined, dead: false };
    worker.unref();
    worker.on('message', (message: ResultMessage) => this.onResult(slot, message));
    // An uncaught error in the worker ends it: 'exit' follows and fails the task.
    let crash: unknown;
    worker.on('error', (error) => (crash = error));
    worker.on('exit', (code) => this.onExit(slot, code, crash));
    this.slots.push(slot);
    return slot;
  }

  private onResult(slot: Slot, message: ResultMessage): void {
    const job = slot.job;
    if (job === undefined || job.message.id !== message.id) return;
    this.release(slot);
    if (message.ok) job.future.settle(false, message.value);
    else job.future.settle(true, rebuildError(message.error, job));
    this.dispatch();
  }

  private onExit(slot: Slot, code: number, crash: unknown): void {
    this.slots.splice(this.slots.indexOf(slot), 1);
    const job = slot.job;
    slot.job = undefined;
    if (job !== undefined) {
      const why = crash instanceof Error ? `${crash.name}: ${crash.message}` : `exit code ${code}`;
      job.future.settle(true, new WorkerCrashedError(`The worker running ${job.label} crashed (${why}); the pool goes on with a new worker.`, { cause: crash }));
    }
    if (this.closing !== undefined && this.slots.length === 0 && this.queue.length === 0) this.closing.settle(false, undefined);
    else this.dispatch();
  }

  private release(slot: Slot): void {
    if (slot.job !== undefined) slot.job.slot = undefined;
    slot.job = undefined;
    slot.worker.unref();
  }

  private cancelJob(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
    } else if (job.slot !== undefined) {
      // The only way to stop running code is to end its thread.
      const slot = job.slot;
      slot.job = undefined;
      job.slot = undefined;
      slot.dead = true;
      void slot.worker.terminate();
    }
    if (this.closing !== undefined) this.dispatch();
  }

  private stopIdleWorkers(): void {
    if (this.slots.length === 0) {
      this.closing?.settle(false, undefined);
      return;
    }
    for (const slot of this.slots) {
      if (slot.job === undefined && !slot.dead) {
        slot.dead = true;
        void slot.worker.terminate();
      }
    }
  }
}

let shared: ThreadPoolExecutor | undefined;

/**
 * The executor `runInExecutor(null, ...)` uses, made on first use.
 *
 * @example
 * defaultExecutor().submit(() => 1 + 1);
 */
export function defaultExecutor(): ThreadPoolExecutor {
  shared ??= new ThreadPoolExecutor(Math.max(1, availableParallelism()));
  return shared;
}

const compiledCheck = new Map<string, string>();

/** The function's source as an expression the worker can evaluate, checked here first. */
function toExpression(fn: (...args: never[]) => unknown): string {
  const source = Function.prototype.toString.call(fn);
  const cached = compiledCheck.get(source);
  if (cached !== undefined) return cached;
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) {
    throw new NotSelfContainedError(
      `submit() sends the function by its source text, and ${fn.name || 'this function'} is native or bound, so it has none; ` +
        'pass an arrow function that calls it, or { module, export }.',
    );
  }
  // Method shorthand (`name(a) { ... }`) is not an expression on its own.
  const candidates = [source, `({ ${source} })[${JSON.stringify(fn.name)}]`];
  for (const expression of candidates) {
    try {
      new Function(`return (${expression});`);
      compiledCheck.set(source, expression);
      return expression;
    } catch {
      // try the next form
    }
  }
  throw new NotSelfContainedError(`submit() could not rebuild ${fn.name || 'the function'} from its source text; pass { module, export } instead.`);
}

function checkModuleExport(target: ModuleExport): { module: string; export: string } {
  if (typeof target !== 'object' || target === null || typeof target.module !== 'string' || typeof target.export !== 'string') {
    throw new TypeError('submit() takes a function or { module, export } naming a module and its exported function.');
  }
  if (target.module.startsWith('.') && !isAbsolute(target.module)) {
    throw new TypeError(`submit({ module: ${JSON.stringify(target.module)} }): a relative path has no base on a worker; pass require.resolve(${JSON.stringify(target.module)}).`);
  }
  return { module: target.module, export: target.export };
}

const BUILTIN_ERRORS: Record<string, ErrorConstructor> = {
  TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError,
};

/** The worker's error as an Error of the same name, with the submit call site in its stack. */
function rebuildError(serialized: SerializedError, job: Job): Error {
  const notDefined = serialized.name === 'ReferenceError' && job.message.kind === 'source' ? /^(\S+) is not defined$/.exec(serialized.message) : null;
  let error: Error;
  if (notDefined !== null) {
    const name = notDefined[1];
    // TypeScript compiles `import * as fs from 'fs'` to `fs_1`: name what the user wrote.
    const compiledImport = /^(\w+)_\d+$/.exec(name);
    const what = compiledImport ? `\`${name}\` (the compiled name of an import of ${compiledImport[1]})` : `\`${name}\``;
    error = new NotSelfContainedError(
      `submit() sends the function by its source text, and it uses ${what} from outside; move that inside the function or pass { module, export }.`,
    );
  } else {
    const Ctor = BUILTIN_ERRORS[serialized.name] ?? Error;
    error = new Ctor(serialized.message);
    if (error.name !== serialized.name) Object.defineProperty(error, 'name', { value: serialized.name, configurable: true, writable: true });
    if (serialized.code !== undefined) Object.assign(error, { code: serialized.code });
    if (serialized.value !== undefined) Object.assign(error, { value: serialized.value });
  }
  error.stack = `${serialized.stack ?? `${serialized.name}: ${serialized.message}`}\n    --- in a worker thread, submitted at ${job.callSite}`;
  return error;
}

