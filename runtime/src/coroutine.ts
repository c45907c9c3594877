/**
 * `coroutine`: a generator function becomes a function returning a `Future`,
 * driven by a runner with Tornado's semantics.
 */
import { type Site, callSiteOf, claimCallSites, takeAmbientCallSite, unclaimedSites } from './callsite.js';
import { convertYielded } from './combinators.js';
import { Future } from './future.js';
import { IOLoop } from './ioloop.js';
import { CancelledError } from './errors.js';

/* eslint-disable @typescript-eslint/no-explicit-any --
   `any` is the generator's TNext on purpose: it is what a plain `yield` evaluates
   to (SPEC), and supplying it here spares strict TypeScript error TS7057. */

/**
 * A generator function as `coroutine` accepts it; `yield` inside gives `any`.
 *
 * @example
 * const body: CoroutineBody<[number], string> = function* (n) { yield sleep(n); return 'ok'; };
 */
export type CoroutineBody<A extends unknown[], R> = (...args: A) => Generator<unknown, R, any>;

// Module-level copies of imports used on every step: compiled to CommonJS, an import
// is a property load on the other module's exports at each use, which costs the
// hot path a few percent (bench/runtime.js (a)); a local constant is one load.
const unclaimed = unclaimedSites;
const FutureClass = Future;

const COROUTINE = Symbol('gust.coroutine');
const GeneratorFunctionPrototype: unknown = Object.getPrototypeOf(function* () {});

/** The name of the coroutine whose body is executing right now, if any. */
let runningName: string | undefined;

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
  if (typeof body !== 'function') {
    throw new TypeError(`coroutine() takes a generator function (function* () { ... }), got ${body === null ? 'null' : typeof body}.`);
  }
  const name = (context !== undefined ? String(context.name) : body.name) || 'anonymous';
  // Checked once here, so the hot path does not test every call's result.
  const makesGenerators = Object.getPrototypeOf(body) === GeneratorFunctionPrototype;
  // The hot path (a body that returns at once) stays small enough for V8 to inline
  // the wrapper into its caller; everything rarer lives in functions of its own.
  const wrapper = function (this: unknown): Future<unknown> {
    const future = new FutureClass<unknown>();
    const spawned = takeAmbientCallSite();
    const caller = runningName;
    let gen: Generator<unknown, unknown, unknown>;
    try {
      // `arguments` rather than a rest parameter: one array less per call on the hot path.
      // eslint-disable-next-line prefer-rest-params
      gen = body.apply(this, arguments as unknown as unknown[]) as Generator<unknown, unknown, unknown>;
    } catch (error) {
      return failedAtStart(future, kind, spawned, caller, error);
    }
    if (!makesGenerators && !isGenerator(gen)) return plainResult(future, name, gen);
    // The first step runs here rather than in advance(): its own call site for
    // gen.next() keeps the common case (a body that returns at once) fast.
    let first: IteratorResult<unknown, unknown>;
    const mark = unclaimed.length;
    runningName = name;
    try {
      first = gen.next();
    } catch (error) {
      runningName = caller;
      claimCallSites(future, mark);
      return failedAtStart(future, kind, spawned, caller, error);
    }
    runningName = caller;
    if (unclaimed.length !== mark) claimCallSites(future, mark);
    if (first.done) {
      future.settleUnseen(first.value);
      return future;
    }
    return suspendedAtStart(future, kind, spawned, caller, gen, first.value);
  };
  const kind: Kind = { name, wrapper };
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

/** What the slow paths need to know about a coroutine: one object per coroutine() call. */
interface Kind {
  readonly name: string;
  /** The wrapper, for a call site taken below it. */
  readonly wrapper: (...args: never[]) => unknown;
}

/** The body threw before its first `yield` (or was not callable with these arguments). */
function failedAtStart(future: Future<unknown>, kind: Kind, spawned: Site | undefined, caller: string | undefined, error: unknown): Future<unknown> {
  future.coroutineName = kind.name;
  future.callSite = spawned ?? callSiteOf(kind.wrapper, caller);
  fail(future, error);
  return future;
}

/** A plain function wrapped in coroutine(): its value (or Future) is the result. */
function plainResult(future: Future<unknown>, name: string, value: unknown): Future<unknown> {
  future.coroutineName = name;
  settleFrom(future, value);
  return future;
}

/** The body yielded in its first step: run it on until it suspends, fails or ends. */
function suspendedAtStart(
  future: Future<unknown>,
  kind: Kind,
  spawned: Site | undefined,
  caller: string | undefined,
  gen: Generator<unknown, unknown, unknown>,
  yielded: unknown,
): Future<unknown> {
  // Only now can anything report this coroutine: its name is needed from here on.
  future.coroutineName = kind.name;
  const outcome = advance(gen, future, undefined, true, undefined, true, yielded);
  // Only a coroutine that suspends or fails records where it was called
  // (see callsite.ts); one that completes at once is never reported.
  if (outcome !== COMPLETED) {
    future.callSite = spawned ?? callSiteOf(kind.wrapper, caller);
    if (outcome === FAILED) {
      const error = firstError;
      firstError = undefined;
      fail(future, error);
    }
  }
  return future;
}

const NOTHING = Symbol('nothing yielded yet');
const COMPLETED = 0;
const SUSPENDED = 1;
const FAILED = 2;
/** The error of a first step that failed (`FAILED`), for the wrapper to record the call site first. */
let firstError: unknown;

/**
 * Sends a value (ok) or throws an error into the generator until it suspends
 * or ends. A loop, not recursion: done Futures continue at once, without a
 * trip through the event loop and without growing the stack. The Runner that
 * keeps a suspended coroutine is made on its first suspension only.
 */
function advance(
  gen: Generator<unknown, unknown, unknown>,
  future: Future<unknown>,
  runner: Runner | undefined,
  ok: boolean,
  value: unknown,
  first: boolean,
  yielded: unknown = NOTHING,
): number {
  const outer = runningName;
  const name = future.coroutineName;
  let skip = yielded !== NOTHING; // started with a value the body already yielded
  // The coroutine counts as running for the whole loop, not just around each step
  // (two writes less per yield of a done Future); only code outside the body that
  // runs in between (a thenable's `then`) sees the outer coroutine again. Likewise
  // the call sites its steps make are claimed once, before anything else can run,
  // rather than after every step: callees claim their own, so everything past
  // `mark` was made by this coroutine's body.
  runningName = name;
  let mark = unclaimed.length;
  for (;;) {
    let y: unknown;
    if (skip) {
      skip = false;
      y = yielded;
    } else {
      let r: IteratorResult<unknown, unknown>;
      try {
        r = ok ? gen.next(value) : gen.throw(value);
      } catch (error) {
        runningName = outer;
        claimCallSites(future, mark);
        if (first && !future.done()) {
          firstError = error;
          return FAILED;
        }
        finish(future, true, error);
        return COMPLETED;
      }
      if (r.done) {
        runningName = outer;
        if (unclaimed.length !== mark) claimCallSites(future, mark);
        finish(future, false, r.value);
        return COMPLETED;
      }
      y = r.value;
    }
    let f: Future<unknown>;
    if (y instanceof FutureClass) {
      f = y;
    } else {
      if (unclaimed.length !== mark) claimCallSites(future, mark);
      runningName = outer;
      try {
        f = convertYielded(y);
      } catch (error) {
        ok = false;
        value = error;
        continue;
      } finally {
        runningName = name;
        mark = unclaimed.length;
      }
    }
    if (f.done()) {
      ok = f.succeeded();
      if (!ok) f.retrieve();
      value = f.peek();
      continue;
    }
    runningName = outer;
    if (unclaimed.length !== mark) claimCallSites(future, mark);
    (runner ?? new Runner(gen, future)).wait(f);
    return SUSPENDED;
  }
}

/** Keeps a suspended coroutine: what it waits on, and how to resume or cancel it. */
class Runner {
  private waiting: Future<unknown> | undefined = undefined;

  constructor(
    private readonly gen: Generator<unknown, unknown, unknown>,
    private readonly future: Future<unknown>,
  ) {
    // The runner itself is the canceller and the done listener: no closures per coroutine.
    future.onCancel = this;
  }

  wait(f: Future<unknown>): void {
    this.waiting = f;
    f.listen(this);
  }

  /** Cancelling the coroutine's Future cancels what it waits on: CancelledError at its yield. */
  cancel(): void {
    this.waiting?.cancel();
  }

  futureDone(done: Future<unknown>): void {
    if (this.waiting !== done) return;
    this.waiting = undefined;
    const ok = done.succeeded();
    if (!ok) done.retrieve();
    advance(this.gen, this.future, this, ok, done.peek(), false);
  }
}

function finish(future: Future<unknown>, error: boolean, value: unknown): void {
  future.onCancel = undefined;
  if (future.cancelled()) {
    if (error && !(value instanceof CancelledError)) {
      IOLoop.current().handleError(value, { kind: 'after-cancel', name: future.coroutineName, callSite: future.callSite?.toString() });
    }
    return;
  }
  if (error) fail(future, value);
  else future.settle(false, value);
}

/** Fails a coroutine's Future, adding the coroutine's call site to the error's stack. */
function fail(future: Future<unknown>, error: unknown): void {
  if (error instanceof Error && typeof error.stack === 'string') {
    try {
      error.stack = `${withoutRuntimeFrames(error.stack)}\n    --- in coroutine ${future.coroutineName}, called from ${future.callSite?.nearest() ?? 'unknown'}`;
    } catch {
      // A frozen error keeps its stack as it is.
    }
  }
  future.settle(true, error);
}

const RUNTIME_DIR = __dirname;
const RESUME_FRAME = /^\s+at \S+\.(next|throw) \(<anonymous>\)$/;
const NODE_FRAME = /\((node:internal\/|node:async_hooks)|^\s+at node:internal\//;

/**
 * The stack without the runner's own frames (and the Node scheduling frames
 * under them), which say nothing about the user's code. Done once per error:
 * the first coroutine it passes through trims it.
 */
function withoutRuntimeFrames(stack: string): string {
  if (stack.includes('\n    --- in coroutine ')) return stack;
  const lines = stack.split('\n');
  const first = lines.findIndex((l) => l.includes(RUNTIME_DIR));
  if (first < 0) return stack;
  const kept = lines.slice(0, first).filter((l, i, all) => !(i === all.length - 1 && RESUME_FRAME.test(l)));
  for (const line of lines.slice(first)) {
    if (!line.includes(RUNTIME_DIR) && !NODE_FRAME.test(line) && !RESUME_FRAME.test(line)) kept.push(line);
  }
  return kept.join('\n');
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
