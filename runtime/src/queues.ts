/**
 * Queues for coordinating producer and consumer coroutines, after Tornado's
 * `tornado.queues`. Like the locks, every `timeout` is a duration in milliseconds from
 * the call; `undefined` waits for ever.
 */
import { TimeoutError } from './errors.js';
import { Future } from './future.js';
import { armTimeout, checkTimeout, Event } from './locks.js';
import { heapPop, heapPush } from './heap.js';

/**
 * Raised by `getNowait()` on an empty queue.
 *
 * @example
 *   try { q.getNowait(); } catch (e) { if (!(e instanceof QueueEmpty)) throw e; }
 */
export class QueueEmpty extends Error {
  override name = 'QueueEmpty';
  constructor(message = 'The queue is empty: use `yield queue.get()` to wait for an item instead of getNowait()') {
    super(message);
  }
}

/**
 * Raised by `putNowait()` on a full queue.
 *
 * @example
 *   const q = new Queue<number>({ maxsize: 1 });
 *   q.putNowait(1);
 *   q.putNowait(2); // throws QueueFull
 */
export class QueueFull extends Error {
  override name = 'QueueFull';
  constructor(message = 'The queue is full (maxsize reached): use `yield queue.put(item)` to wait for room instead of putNowait()') {
    super(message);
  }
}

/**
 * Options for {@link Queue}.
 *
 * @example
 *   new Queue<string>({ maxsize: 100 });
 */
export interface QueueOptions {
  /** Most items held at once; `0` (the default) means no limit. */
  maxsize?: number;
}

/**
 * A first-in first-out queue for coroutines. `put` waits while the queue is full,
 * `get` waits while it is empty; `taskDone` and `join` let a producer wait until every
 * item has been processed.
 *
 * @example
 *   const q = new Queue<string>({ maxsize: 2 });
 *   const consumer = coroutine(function* () {
 *     while (true) {
 *       const item: string = yield q.get();
 *       try { console.log('doing', item); yield sleep(10); } finally { q.taskDone(); }
 *     }
 *   });
 *   const producer = coroutine(function* () {
 *     for (const item of ['a', 'b', 'c']) yield q.put(item);
 *   });
 *   // spawnCallback(consumer); yield producer(); yield q.join();
 */
export class Queue<T> {
  readonly maxsize: number;
  private getters: Future<T>[] = [];
  private putters: Array<[T, Future<void>]> = [];
  private unfinishedTasks = 0;
  private readonly finished = new Event();

  constructor(options: QueueOptions = {}) {
    const maxsize = options.maxsize ?? 0;
    if (!Number.isInteger(maxsize) || maxsize < 0) {
      throw new RangeError(`Queue maxsize is a whole number >= 0 (0 for no limit); got ${String(options.maxsize)}`);
    }
    this.maxsize = maxsize;
    this.finished.set();
  }

  /** Number of items in the queue. */
  qsize(): number {
    return this.size();
  }

  /** Whether the queue holds no item. */
  empty(): boolean {
    return this.size() === 0;
  }

  /** Whether the queue holds `maxsize` items (never, without a `maxsize`). */
  full(): boolean {
    return this.maxsize === 0 ? false : this.size() >= this.maxsize;
  }

  /** Puts an item, waiting for room; fails with `TimeoutError` after `timeout` ms. */
  put(item: T, timeout?: number): Future<void> {
    checkTimeout(timeout);
    const future = new Future<void>();
    try {
      this.putNowait(item);
    } catch (error) {
      if (!(error instanceof QueueFull)) throw error;
      this.putters.push([item, future]);
      armTimeout(future, timeout, () =>
        future.setException(new TimeoutError(`Queue.put() timed out after ${timeout} ms: the queue stayed full`)),
      );
      return future;
    }
    future.setResult(undefined);
    return future;
  }

  /** Puts an item without waiting; throws `QueueFull` if there is no room. */
  putNowait(item: T): void {
    this.consumeExpired();
    const getter = this.getters.shift();
    if (getter !== undefined) {
      // A getter only waits on an empty queue, so this item goes straight to it.
      this.putInternal(item);
      getter.setResult(this.take());
    } else if (this.full()) {
      throw new QueueFull();
    } else {
      this.putInternal(item);
    }
  }

  /** Removes and returns an item, waiting for one; fails with `TimeoutError` after `timeout` ms. */
  get(timeout?: number): Future<T> {
    checkTimeout(timeout);
    const future = new Future<T>();
    let item: T;
    try {
      item = this.getNowait();
    } catch (error) {
      if (!(error instanceof QueueEmpty)) throw error;
      this.getters.push(future);
      armTimeout(future, timeout, () =>
        future.setException(new TimeoutError(`Queue.get() timed out after ${timeout} ms: the queue stayed empty`)),
      );
      return future;
    }
    future.setResult(item);
    return future;
  }

  /** Removes and returns an item without waiting; throws `QueueEmpty` if there is none. */
  getNowait(): T {
    this.consumeExpired();
    const putter = this.putters.shift();
    if (putter !== undefined) {
      // A putter only waits on a full queue: take the head, then let it in.
      const [item, future] = putter;
      this.putInternal(item);
      future.setResult(undefined);
      return this.take();
    }
    if (this.size() > 0) return this.take();
    throw new QueueEmpty();
  }

  /**
   * Marks one item taken by `get` as processed. When every item put has been marked,
   * `join()` resolves. Throws `RangeError` when called more often than items were put.
   */
  taskDone(): void {
    if (this.unfinishedTasks <= 0) {
      throw new RangeError('Queue.taskDone() called too many times: call it once per item taken with get()');
    }
    this.unfinishedTasks -= 1;
    if (this.unfinishedTasks === 0) this.finished.set();
  }

  /** Resolves once every item put has been marked with `taskDone()`; `TimeoutError` after `timeout` ms. */
  join(timeout?: number): Future<void> {
    return this.finished.wait(timeout);
  }

  /**
   * Iterates for ever with `for await`, getting one item per turn.
   *
   * @example
   *   for await (const item of queue) { handle(item); queue.taskDone(); }
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return { next: () => this.get().then((value) => ({ value, done: false as const })) };
  }

  /** Storage hooks, overridden by the priority and LIFO queues. */
  protected items: T[] = [];
  protected size(): number {
    return this.items.length;
  }
  protected store(item: T): void {
    this.items.push(item);
  }
  protected take(): T {
    return this.items.shift() as T;
  }

  private putInternal(item: T): void {
    this.store(item); // first: a PriorityQueue may refuse an item it cannot order
    this.unfinishedTasks += 1;
    this.finished.clear();
  }

  // Waiters that timed out or were cancelled stay listed until they reach the front.
  private consumeExpired(): void {
    while (this.putters.length > 0 && this.putters[0][1].done()) this.putters.shift();
    while (this.getters.length > 0 && this.getters[0].done()) this.getters.shift();
  }
}

/**
 * Orders two items: negative when `a` comes first, as `Array#sort` expects.
 *
 * @example
 *   const byDue: Compare<{ due: number }> = (a, b) => a.due - b.due;
 */
export type Compare<T> = (a: T, b: T) => number;

/**
 * Options for {@link PriorityQueue}.
 *
 * @example
 *   new PriorityQueue<Job>({ maxsize: 10, compare: (a, b) => a.priority - b.priority });
 */
export interface PriorityQueueOptions<T> extends QueueOptions {
  /** How to order items; by default numbers, strings and arrays of them (tuples) compare naturally. */
  compare?: Compare<T>;
}

/**
 * A queue that hands out the smallest item first. Items are typically tuples such as
 * `[priority, payload]`, compared element by element as Python compares tuples; pass
 * `compare` for anything else.
 *
 * @example
 *   const q = new PriorityQueue<[number, string]>();
 *   q.putNowait([1, 'medium']); q.putNowait([0, 'high']); q.putNowait([10, 'low']);
 *   q.getNowait(); // [0, 'high']
 */
export class PriorityQueue<T> extends Queue<T> {
  private readonly compare: Compare<T>;

  constructor(options: PriorityQueueOptions<T> = {}) {
    super(options);
    this.compare = options.compare ?? (naturalOrder as Compare<T>);
  }

  private readonly less = (a: T, b: T): boolean => this.compare(a, b) < 0;

  protected override store(item: T): void {
    heapPush(this.items, item, this.less);
  }

  protected override take(): T {
    return heapPop(this.items, this.less) as T;
  }
}

/**
 * A queue that hands out the most recently put item first.
 *
 * @example
 *   const q = new LifoQueue<number>();
 *   q.putNowait(3); q.putNowait(2); q.putNowait(1);
 *   q.getNowait(); // 1
 */
export class LifoQueue<T> extends Queue<T> {
  protected override take(): T {
    return this.items.pop() as T;
  }
}

/** Python-like ordering for numbers, bigints, strings and arrays of them. */
function naturalOrder(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = naturalOrder(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  const comparable = (x: unknown) => typeof x === 'number' || typeof x === 'bigint' || typeof x === 'string';
  if (comparable(a) && comparable(b) && (typeof a === 'string') === (typeof b === 'string')) {
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  }
  throw new TypeError(
    `PriorityQueue cannot order ${typeof a} and ${typeof b} by default: ` +
      'use numbers, strings or [priority, value] tuples, or pass { compare: (a, b) => ... }',
  );
}
