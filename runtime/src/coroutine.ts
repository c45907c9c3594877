/**
 * `coroutine`: a generator function becomes a function returning a `Future`,
 * driven by a runner with Tornado's semantics.
 */
import { CallSite, takeAmbientCallSite } from './callsite.js';
import { convertYielded } from './combinators.js';
import { Future } from './future.js';
import { IOLoop } from './ioloop.js';
import { CancelledError } from './errors.js';

/* eslint-disable @typescript-eslint/no-explicit-any --
   `any` is the generator's TNext on purpose: it is what a plain `yield` evaluates
   to (SPEC), and supplying it here spares strict TypeScript error TS7057. */

/** A generator function as `coroutine` accepts it. */
export type CoroutineBody<A extends unknown[], R> = (...args: A) => Generator<unknown, R, any>;

const COROUTINE = Symbol('gust.coroutine');

/**
 * Makes a coroutine: a function that runs `body` and returns a `Future` of its
 * return value. The body runs synchronously up to its first `yield`; each
 * `yield` waits for a Future, a thenable, `moment`, or an array or plain object
 * of those (in parallel). A yielded Future that is already done continues the
 * body at once, without a trip through the event loop. Nothing the body throws
 * escapes: it fails the Future, with the coroutine's call site added to the
 * error's stack.
 *
 * Also a standard method decorator. TypeScript keeps a decorated method's
 * declared (generator) type, so call it with `yield*` for a typed result, or
 * `convertYielded(obj.method())` for its Future.
 *
 * @example
 * const divide = coroutine(function* (a: number, b: number) {
 *   yield sleep(10);
 *   if (b === 0) throw new RangeError('division by zero');
 *   return a / b;
 * });
 * const main = coroutine(function* () {
 *   const q = yield* divide(1, 2); // q: number
 *   const r = yield divide(3, 4);  // r: any
 * });
 *
 * class Api {
 *   @coroutine *get(id: number) { return yield* fetchUser(id); }
 * }
 */
export function coroutine<This, M extends (this: This, ...args: any[]) => Generator<unknown, unknown, any>>(
  method: M,
  context: ClassMethodDecoratorContext<This, M>,
): M;
export function coroutine<A extends unknown[], R>(body: CoroutineBody<A, R>): (...args: A) => Future<R>;
export function coroutine(
  body: (...args: unknown[]) => unknown,
  context?: ClassMethodDecoratorContext,
): (...args: unknown[]) => Future<unknown> {
  const name = (context !== undefined ? String(context.name) : body.name) || 'anonymous';
  const wrapper = function (this: unknown): Future<unknown> {
    const future = new Future<unknown>();
    future.coroutineName = name;
    // Taking a stack costs microseconds, so only a coroutine that suspends or
    // fails records where it was called; one that completes at once needs no report.
    const spawned = takeAmbientCallSite();
    let gen: unknown;
    try {
      // `arguments` rather than a rest parameter: one array less per call on the hot path.
      // eslint-disable-next-line prefer-rest-params
      gen = body.apply(this, arguments as unknown as unknown[]);
    } catch (error) {
      future.callSite = spawned ?? new CallSite(wrapper);
      fail(future, error);
      return future;
    }
    if (!isGenerator(gen)) {
      // A plain function wrapped in coroutine(): its value (or Future) is the result.
      settleFrom(future, gen);
      return future;
    }
    const runner = new Runner(gen, future);
    runner.step(true, undefined);
    if (!future.done() || runner.failure !== undefined) future.callSite = spawned ?? new CallSite(wrapper);
    if (runner.failure !== undefined) fail(future, runner.failure.error);
    runner.failure = undefined;
    runner.starting = false;
    return future;
  };
  Object.defineProperty(wrapper, 'name', { value: name });
  Object.defineProperty(wrapper, COROUTINE, { value: true });
  return wrapper;
}

/**
 * True for a function made by `coroutine`.
 *
 * @example
 * isCoroutineFunction(coroutine(function* () {})); // true
 */
export function isCoroutineFunction(fn: unknown): boolean {
  return typeof fn === 'function' && (fn as unknown as Record<symbol, unknown>)[COROUTINE] === true;
}

/** Drives one generator; lives while the coroutine is suspended. */
class Runner {
  private waiting: Future<unknown> | undefined = undefined;
  /** True during the first step, run inside the coroutine's call. */
  starting = true;
  /** An error the first step ended with, left for the caller to record its call site first. */
  failure: { error: unknown } | undefined = undefined;
  private resumeCallback: ((f: Future<unknown>) => void) | undefined = undefined;

  constructor(
    private readonly gen: Generator<unknown, unknown, unknown>,
    private readonly future: Future<unknown>,
  ) {
    future.onCancel = () => this.waiting?.cancel();
  }

  /** Sends a value (ok) or throws an error into the generator until it suspends or ends. */
  step(ok: boolean, value: unknown): void {
    const gen = this.gen;
    // A loop, not recursion: done Futures continue at once without growing the stack.
    for (;;) {
      let r: IteratorResult<unknown, unknown>;
      try {
        r = ok ? gen.next(value) : gen.throw(value);
      } catch (error) {
        this.finish(true, error);
        return;
      }
      if (r.done) {
        this.finish(false, r.value);
        return;
      }
      let f: Future<unknown>;
      const y = r.value;
      if (y instanceof Future) {
        f = y;
      } else {
        try {
          f = convertYielded(y);
        } catch (error) {
          ok = false;
          value = error;
          continue;
        }
      }
      if (f.done()) {
        ok = f.succeeded();
        if (!ok) f.retrieve();
        value = f.peek();
        continue;
      }
      this.waiting = f;
      f.addDoneCallback((this.resumeCallback ??= (done) => this.resume(done)));
      return;
    }
  }

  private resume(done: Future<unknown>): void {
    if (this.waiting !== done) return;
    this.waiting = undefined;
    const ok = done.succeeded();
    if (!ok) done.retrieve();
    this.step(ok, done.peek());
  }

  private finish(error: boolean, value: unknown): void {
    const future = this.future;
    future.onCancel = undefined;
    if (future.cancelled()) {
      if (error && !(value instanceof CancelledError)) {
        IOLoop.current().handleError(value, { kind: 'after-cancel', name: future.coroutineName, callSite: future.callSite?.toString() });
      }
      return;
    }
    if (!error) future.settle(false, value);
    else if (this.starting) this.failure = { error: value };
    else fail(future, value);
  }
}

/** Fails a coroutine's Future, adding the coroutine's call site to the error's stack. */
function fail(future: Future<unknown>, error: unknown): void {
  if (error instanceof Error && typeof error.stack === 'string') {
    try {
      error.stack += `\n    --- in coroutine ${future.coroutineName}, called at ${future.callSite}`;
    } catch {
      // A frozen error keeps its stack as it is.
    }
  }
  future.settle(true, error);
}

function settleFrom(future: Future<unknown>, value: unknown): void {
  if (value instanceof Future || (typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function')) {
    convertYielded(value).addDoneCallback((done) => {
      if (done.succeeded()) future.settle(false, done.peek());
      else fail(future, done.exception());
    });
  } else {
    future.settle(false, value);
  }
}

function isGenerator(x: unknown): x is Generator<unknown, unknown, unknown> {
  return typeof x === 'object' && x !== null && typeof (x as Generator).next === 'function' && typeof (x as Generator).throw === 'function';
}
