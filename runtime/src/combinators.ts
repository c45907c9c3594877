/**
 * What a coroutine yields and the helpers that make it: `convertYielded`,
 * `wait`, `moment`, `sleep`, `multi`, `withTimeout`, `task`.
 */
import { BadYieldError, TimeoutError } from './errors.js';
import { Future, fromThenable, isThenable } from './future.js';
import { IOLoop } from './ioloop.js';

declare const momentBrand: unique symbol;

/**
 * The type of `moment`.
 *
 * @example
 * const pause: Moment = moment;
 */
export interface Moment {
  readonly [momentBrand]: true;
}

/**
 * `yield moment` gives the loop one turn (other callbacks and I/O run), then
 * continues: for long computations that should let others in.
 *
 * @example
 * for (const row of rows) { work(row); yield moment; }
 */
export const moment: Moment = Object.freeze({ toString: () => 'moment' }) as unknown as Moment;

/**
 * What a yield of `Y` evaluates to: a Future's or thenable's result, element by
 * element for arrays and plain objects.
 *
 * @example
 * type T = Resolved<[Future<number>, Promise<string>]>; // [number, string]
 */
export type Resolved<Y> = Y extends PromiseLike<infer R>
  ? R
  : Y extends Moment
    ? undefined
    : Y extends Generator<unknown, infer R, unknown>
      ? R
      : Y extends readonly unknown[]
        ? { -readonly [K in keyof Y]: Resolved<Y[K]> }
        : Y extends object
          ? { -readonly [K in keyof Y]: Resolved<Y[K]> }
          : never;

/**
 * Turns anything yieldable into a Future: a Future is returned as is, a
 * thenable is followed, an array or plain object waits for all its members
 * (see `multi`), `moment` completes after one loop turn. Anything else throws
 * `BadYieldError`.
 *
 * @example
 * const f = convertYielded(fetch(url)); // Future<Response>
 * const both = convertYielded([a(), b()]); // Future<[A, B]>
 */
export function convertYielded<Y>(yielded: Y): Future<Resolved<Y>>;
export function convertYielded(yielded: unknown): Future<unknown> {
  if (yielded instanceof Future) return yielded;
  if (yielded === moment) {
    const f = new Future<undefined>();
    IOLoop.current().soon(f);
    return f;
  }
  if (isThenable(yielded)) return fromThenable(yielded);
  if (Array.isArray(yielded) || isPlainObject(yielded)) return multi(yielded as readonly unknown[]);
  throw new BadYieldError(
    `Yielded ${describe(yielded)}, which is not yieldable. Yield a Future, a Promise, moment, or an array or plain object of those` +
      `${isGeneratorObject(yielded) ? '; a generator needs coroutine(...) around its function, or yield* it' : ''}.`,
  );
}

/**
 * `yield* wait(x)` waits for any yieldable and gives its result its type
 * (plain `yield x` gives `any`).
 *
 * @example
 * const n = yield* wait(fetchCount());                       // number
 * const [user, posts] = yield* wait([getUser(1), getPosts(1)]); // [User, Post[]]
 */
export function* wait<const Y>(yielded: Y): Generator<Future<Resolved<Y>>, Resolved<Y>, unknown> {
  return (yield convertYielded(yielded)) as Resolved<Y>;
}

/**
 * A Future that completes after `ms` milliseconds. Cancelling it removes its timer.
 *
 * @example
 * while (true) { yield poll(); yield sleep(1000); }
 */
export function sleep(ms: number): Future<void> {
  const f = new Future<void>();
  const loop = IOLoop.current();
  const handle = loop.later(ms, () => f.settle(false, undefined));
  f.onCancel = () => loop.removeTimeout(handle);
  return f;
}

/**
 * Options of `multi` and `withTimeout`.
 *
 * @example
 * withTimeout(1000, fetchPage(), { quietExceptions: [ConnectionResetError] });
 */
export interface QuietOptions {
  /** Error classes not to report when they arrive too late to be raised. */
  quietExceptions?: ReadonlyArray<abstract new (...args: never[]) => unknown>;
}

/**
 * Waits for all children in parallel; the result has the same shape (array or
 * object). The first error fails the result; later errors are reported to the
 * loop (unless listed in `quietExceptions`). Cancelling the result cancels the
 * children. `yield [a, b]` is `yield multi([a, b])`.
 *
 * @example
 * const { user, posts } = yield* wait(multi({ user: getUser(1), posts: getPosts(1) }));
 */
export function multi<const C extends readonly unknown[] | Readonly<Record<string, unknown>>>(
  children: C,
  options: QuietOptions = {},
): Future<Resolved<C>> {
  const isArray = Array.isArray(children);
  const keys = isArray ? undefined : Object.keys(children);
  const values: readonly unknown[] = isArray ? (children as readonly unknown[]) : keys!.map((k) => (children as Record<string, unknown>)[k]);
  const futures = values.map((v) => convertYielded(v));
  const result = new Future<Resolved<C>>();
  let remaining = futures.length;
  const finish = (): void => {
    const outs = futures.map((f) => f.peek());
    if (isArray) result.settle(false, outs);
    else result.settle(false, Object.fromEntries(keys!.map((k, i) => [k, outs[i]])));
  };
  if (remaining === 0) {
    finish();
    return result;
  }
  const onDone = (f: Future<unknown>): void => {
    remaining--;
    if (!f.succeeded()) {
      const error = f.exception();
      if (!result.done()) result.setException(error);
      else if (!f.cancelled() && !isQuiet(error, options)) IOLoop.current().handleError(error, { kind: 'multi' });
    } else if (remaining === 0 && !result.done()) {
      finish();
    }
  };
  for (const f of futures) f.addDoneCallback(onDone);
  if (!result.done()) result.onCancel = () => futures.forEach((f) => f.cancel());
  return result;
}

/**
 * Fails with `TimeoutError` if `yielded` is not done within `ms`. The work
 * itself is not cancelled (as in Tornado); an error it raises later is reported
 * unless listed in `quietExceptions`.
 *
 * @example
 * try { const page = yield withTimeout(5000, fetchPage(url)); }
 * catch (e) { if (!(e instanceof TimeoutError)) throw e; }
 */
export function withTimeout<Y>(ms: number, yielded: Y, options: QuietOptions = {}): Future<Resolved<Y>> {
  const inner = convertYielded(yielded);
  const result = new Future<Resolved<Y>>();
  const loop = IOLoop.current();
  const handle = loop.later(ms, () => {
    result.settle(true, new TimeoutError(`Timed out after ${ms} ms.`));
  });
  inner.addDoneCallback((done) => {
    loop.removeTimeout(handle);
    if (!result.done()) {
      if (done.succeeded()) result.settle(false, done.peek());
      else result.settle(true, done.exception());
    } else if (!done.succeeded() && !done.cancelled()) {
      const error = done.exception();
      if (!isQuiet(error, options)) loop.handleError(error, { kind: 'after-timeout', name: done.coroutineName, callSite: done.callSite?.toString() });
    }
  });
  result.onCancel = () => inner.cancel();
  return result;
}

/**
 * A Node-style callback: `(err, value)`, what `task` appends to the arguments.
 *
 * @example
 * const cb: NodeCallback<string> = (err, text) => { if (err) throw err; console.log(text); };
 */
export type NodeCallback<T> = (error: unknown, value: T) => void;

// TypeScript infers from an overloaded function's last signature only, which for
// Node's callback APIs is usually the shortest (`fs.readFile(path, cb)`). These types
// list up to five overloads and pick the first whose arguments fit, as a call would.

/** Up to five call signatures of `F`, in declaration order (fewer repeat the first). */
type Signatures<F> = F extends {
  (...a: infer A1): infer R1;
  (...a: infer A2): infer R2;
  (...a: infer A3): infer R3;
  (...a: infer A4): infer R4;
  (...a: infer A5): infer R5;
}
  ? [(...a: A1) => R1, (...a: A2) => R2, (...a: A3) => R3, (...a: A4) => R4, (...a: A5) => R5]
  : never;

/** A callback-last signature split into [arguments before the callback, the callback's value]. */
type CallbackLast<S> = S extends (...a: infer P) => unknown
  ? P extends [...infer A, infer C]
    ? C extends (error: never, value: infer T, ...rest: never[]) => unknown
      ? [A, T]
      : never
    : never
  : never;

/** The arguments `task` accepts for `F`: those of any callback-last overload. */
type TaskArgs<F> = CallbackLast<Signatures<F>[number]>[0];

/** The callback's value in the first of `Overloads` whose arguments accept `A`. */
type TaskValue<Overloads, A> = Overloads extends [infer S, ...infer Rest]
  ? [CallbackLast<S>] extends [never]
    ? TaskValue<Rest, A>
    : CallbackLast<S> extends [infer P, infer T]
      ? A extends P
        ? T
        : TaskValue<Rest, A>
      : TaskValue<Rest, A>
  : never;

/**
 * Calls `fn(...args, callback)` and returns a Future of what the Node-style
 * callback receives: its `value`, or its `error` when that is not null. For an
 * overloaded `fn` (up to five overloads), the result type comes from the first
 * overload the arguments fit, as it would for a direct call.
 *
 * @example
 * const text = yield* wait(task(fs.readFile, 'notes.txt', 'utf8')); // text: string
 */
export function task<F extends (...args: never[]) => unknown, const A extends TaskArgs<F>>(fn: F, ...args: A): Future<TaskValue<Signatures<F>, A>>;
/**
 * `task` with the callback's value type and the arguments given explicitly:
 * `task<string, [string, BufferEncoding]>(fs.readFile, path, 'utf8')`.
 *
 * @example
 * const text = yield* wait(task<string, [string]>(readText, 'notes.txt'));
 */
export function task<T, A extends unknown[]>(fn: (...args: [...A, NodeCallback<T>]) => unknown, ...args: A): Future<T>;
export function task(fn: (...args: never[]) => unknown, ...args: unknown[]): Future<unknown> {
  const f = new Future<unknown>();
  const callback: NodeCallback<unknown> = (error, value) => {
    if (error !== null && error !== undefined) f.settle(true, error);
    else f.settle(false, value);
  };
  try {
    (fn as (...all: unknown[]) => unknown)(...args, callback);
  } catch (error) {
    f.settle(true, error);
  }
  return f;
}

function isQuiet(error: unknown, options: QuietOptions): boolean {
  return (options.quietExceptions ?? []).some((cls) => error instanceof cls);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function isGeneratorObject(x: unknown): boolean {
  return typeof x === 'object' && x !== null && typeof (x as Generator).next === 'function' && typeof (x as Generator).throw === 'function';
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (x === undefined) return 'undefined';
  if (typeof x === 'string') return `the string ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}`;
  if (typeof x === 'object' || typeof x === 'function') {
    const ctor = (x as { constructor?: { name?: string } }).constructor?.name;
    if (isGeneratorObject(x)) return 'a generator object';
    return ctor ? `a ${ctor}` : `an ${typeof x}`;
  }
  return `the ${typeof x} ${String(x)}`;
}
