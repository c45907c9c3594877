/**
 * `WaitIterator`: results of several Futures in the order they complete.
 */
import { convertYielded } from './combinators.js';
import { Future } from './future.js';

/**
 * Yields the results of several Futures (or thenables) as they complete, with
 * `currentIndex` telling which one (its array index or object key). An error
 * of one is raised by the `next()` that delivers it; the others go on.
 *
 * @example
 * const it = new WaitIterator({ a: fetchA(), b: fetchB() });
 * while (!it.done()) {
 *   try { const r = yield it.next(); console.log(it.currentIndex, r); }
 *   catch (e) { console.error(it.currentIndex, e); }
 * }
 */
export class WaitIterator<T = unknown> {
  /** The index or key of the Future whose result the last `next()` gave. */
  currentIndex: number | string | undefined = undefined;
  /** The Future whose result the last `next()` gave. */
  currentFuture: Future<T> | undefined = undefined;
  private readonly keys = new Map<Future<T>, number | string>();
  private readonly finished: Future<T>[] = [];
  private unfinished: number;
  private waiting: Future<T> | undefined = undefined;

  constructor(futures: ReadonlyArray<Future<T> | PromiseLike<T>> | Readonly<Record<string, Future<T> | PromiseLike<T>>>) {
    const entries: [number | string, Future<T> | PromiseLike<T>][] = Array.isArray(futures)
      ? futures.map((f, i) => [i, f])
      : Object.entries(futures);
    this.unfinished = entries.length;
    for (const [key, yielded] of entries) {
      const f = convertYielded(yielded) as Future<T>;
      this.keys.set(f, key);
      f.addDoneCallback((done) => this.onDone(done));
    }
  }

  /**
   * True when every result has been handed out by `next()`.
   *
   * @example
   * while (!it.done()) console.log(yield it.next());
   */
  done(): boolean {
    if (this.finished.length > 0 || this.unfinished > 0) return false;
    this.currentIndex = undefined;
    this.currentFuture = undefined;
    return true;
  }

  /**
   * A Future of the next result to complete. Call it only while `!done()`,
   * and yield each one before asking for the next.
   *
   * @example
   * const first = yield it.next(); // whichever finished first
   */
  next(): Future<T> {
    const f = new Future<T>();
    this.waiting = f;
    const ready = this.finished.shift();
    if (ready !== undefined) this.deliver(ready);
    return f;
  }

  /**
   * `for await (const value of it)` outside coroutines: each result in
   * completion order (an error stops the loop).
   *
   * @example
   * for await (const page of new WaitIterator(urls.map(fetchPage))) console.log(page.length);
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    while (!this.done()) yield await this.next();
  }

  private onDone(done: Future<T>): void {
    this.unfinished--;
    if (this.waiting !== undefined && this.finished.length === 0) this.deliver(done);
    else this.finished.push(done);
  }

  private deliver(done: Future<T>): void {
    const target = this.waiting;
    if (target === undefined) return;
    this.waiting = undefined;
    this.currentFuture = done;
    this.currentIndex = this.keys.get(done);
    if (done.succeeded()) target.settle(false, done.peek());
    else target.settle(true, done.exception());
  }
}
