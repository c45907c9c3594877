import { strict as assert } from 'node:assert';
import { sleep } from '../src/combinators.js';
import { coroutine } from '../src/coroutine.js';
import { TimeoutError } from '../src/errors.js';
import type { Future } from '../src/future.js';
import { LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueFull } from '../src/queues.js';
import { captureLoopErrors } from './loop-log.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function settled(f: Future<unknown>): Promise<boolean> {
  await tick();
  return f.done();
}

describe('queues', () => {
  captureLoopErrors();

  describe('Queue: construction and size', () => {
    it('refuses a negative or fractional maxsize', () => {
      assert.throws(() => new Queue({ maxsize: -1 }), RangeError);
      assert.throws(() => new Queue({ maxsize: 1.5 }), /whole number >= 0/);
    });

    it('is never full without a maxsize', () => {
      const q = new Queue<number>();
      assert.equal(q.maxsize, 0);
      for (let i = 0; i < 1000; i++) q.putNowait(i);
      assert.equal(q.full(), false);
      assert.equal(q.qsize(), 1000);
    });

    it('reports empty, full and qsize', () => {
      const q = new Queue<string>({ maxsize: 2 });
      assert.ok(q.empty());
      q.putNowait('a');
      assert.ok(!q.empty() && !q.full());
      q.putNowait('b');
      assert.ok(q.full());
      assert.equal(q.qsize(), 2);
    });
  });

  describe('Queue: get', () => {
    it('hands items out first in, first out', async () => {
      const q = new Queue<number>();
      q.putNowait(1);
      q.putNowait(2);
      q.putNowait(3);
      assert.equal(q.getNowait(), 1);
      assert.equal(await q.get(), 2);
      assert.equal(await q.get(), 3);
    });

    it('throws QueueEmpty from getNowait() on an empty queue', () => {
      const q = new Queue<number>();
      assert.throws(() => q.getNowait(), (e: unknown) => {
        assert.ok(e instanceof QueueEmpty);
        assert.equal((e as Error).name, 'QueueEmpty');
        assert.match((e as Error).message, /yield queue.get\(\)/);
        return true;
      });
    });

    it('waits for an item, serving getters in the order they asked', async () => {
      const q = new Queue<string>();
      const first = q.get();
      const second = q.get();
      assert.equal(await settled(first), false);
      q.putNowait('x');
      q.putNowait('y');
      assert.deepEqual(await Promise.all([first, second]), ['x', 'y']);
      assert.ok(q.empty());
    });

    it('fails get() with TimeoutError when nothing arrives in time', async () => {
      const q = new Queue<number>();
      await assert.rejects(Promise.resolve(q.get(10)), (e: unknown) => {
        assert.ok(e instanceof TimeoutError);
        assert.match((e as Error).message, /Queue.get\(\) timed out after 10 ms: the queue stayed empty/);
        return true;
      });
    });

    it('gives an item put after a timed-out get to the next getter, losing nothing', async () => {
      const q = new Queue<number>();
      const timedOut = q.get(5);
      const patient = q.get();
      await assert.rejects(Promise.resolve(timedOut), TimeoutError);
      q.putNowait(42);
      assert.equal(await patient, 42);
      q.putNowait(43);
      assert.equal(q.getNowait(), 43);
    });

    it('keeps an item for later when the only getter timed out', async () => {
      const q = new Queue<number>();
      await assert.rejects(Promise.resolve(q.get(5)), TimeoutError);
      q.putNowait(7);
      assert.equal(q.qsize(), 1);
      assert.equal(q.getNowait(), 7);
    });

    it('skips a cancelled getter', async () => {
      const q = new Queue<number>();
      const cancelled = q.get();
      const kept = q.get();
      cancelled.cancel();
      q.putNowait(1);
      assert.equal(await kept, 1);
    });
  });

  describe('Queue: put', () => {
    it('throws QueueFull from putNowait() on a full queue', () => {
      const q = new Queue<number>({ maxsize: 1 });
      q.putNowait(1);
      assert.throws(() => q.putNowait(2), (e: unknown) => {
        assert.ok(e instanceof QueueFull);
        assert.equal((e as Error).name, 'QueueFull');
        assert.match((e as Error).message, /yield queue.put\(item\)/);
        return true;
      });
      assert.equal(q.qsize(), 1);
    });

    it('waits for room, and a get lets the oldest putter in', async () => {
      const q = new Queue<number>({ maxsize: 1 });
      q.putNowait(0);
      const p1 = q.put(1);
      const p2 = q.put(2);
      assert.equal(await settled(p1), false);
      assert.equal(q.getNowait(), 0);
      assert.ok(await settled(p1));
      assert.equal(await settled(p2), false);
      assert.equal(await q.get(), 1);
      await p2;
      assert.equal(q.getNowait(), 2);
    });

    it('fails put() with TimeoutError when no room frees up, and drops that item', async () => {
      const q = new Queue<string>({ maxsize: 1 });
      q.putNowait('kept');
      await assert.rejects(Promise.resolve(q.put('dropped', 10)), /Queue.put\(\) timed out after 10 ms: the queue stayed full/);
      assert.equal(q.getNowait(), 'kept');
      assert.throws(() => q.getNowait(), QueueEmpty);
    });

    it('resolves put() at once when there is room', () => {
      const q = new Queue<number>({ maxsize: 1 });
      assert.ok(q.put(1).done());
    });

    it('rejects a timeout that is not a duration, leaving no waiter behind', () => {
      const q = new Queue<number>({ maxsize: 1 });
      assert.throws(() => q.get(-5), RangeError);
      q.putNowait(1); // not handed to the refused get()
      assert.throws(() => q.put(2, Number.NaN), /duration in milliseconds/);
      assert.equal(q.getNowait(), 1);
      assert.throws(() => q.getNowait(), QueueEmpty, 'the refused put() added nothing');
    });
  });

  describe('Queue: taskDone and join', () => {
    it('resolves join() at once when nothing was put', async () => {
      const q = new Queue<number>();
      assert.ok(q.join().done());
    });

    it('resolves join() once every item taken is marked done', async () => {
      const q = new Queue<number>();
      q.putNowait(1);
      q.putNowait(2);
      const joined = q.join();
      q.getNowait();
      q.taskDone();
      assert.equal(await settled(joined), false);
      q.getNowait();
      q.taskDone();
      await joined;
    });

    it('throws RangeError when taskDone() is called too often', () => {
      const q = new Queue<number>();
      q.putNowait(1);
      q.getNowait();
      q.taskDone();
      assert.throws(() => q.taskDone(), /taskDone\(\) called too many times/);
    });

    it('fails join() with TimeoutError while tasks are unfinished', async () => {
      const q = new Queue<number>();
      q.putNowait(1);
      await assert.rejects(Promise.resolve(q.join(10)), TimeoutError);
    });

    it('runs producers and consumers to completion (Tornado example)', async () => {
      const q = new Queue<number>({ maxsize: 2 });
      const consumed: number[] = [];
      const consumer = coroutine(function* () {
        for (;;) {
          const item: number = yield q.get();
          try {
            yield sleep(1);
            consumed.push(item);
          } finally {
            q.taskDone();
          }
        }
      });
      const producer = coroutine(function* () {
        for (let i = 0; i < 6; i++) yield q.put(i);
      });
      consumer();
      consumer();
      await producer();
      await q.join(2000);
      assert.deepEqual([...consumed].sort(), [0, 1, 2, 3, 4, 5]);
    });

    it('iterates with for await', async () => {
      const q = new Queue<string>();
      q.putNowait('a');
      q.putNowait('b');
      const seen: string[] = [];
      for await (const item of q) {
        seen.push(item);
        q.taskDone();
        if (seen.length === 2) break;
      }
      assert.deepEqual(seen, ['a', 'b']);
      assert.ok(q.join().done());
    });
  });

  describe('PriorityQueue', () => {
    it('hands out the smallest item first, comparing tuples element by element', async () => {
      const q = new PriorityQueue<[number, string]>();
      q.putNowait([1, 'medium']);
      q.putNowait([0, 'high']);
      q.putNowait([10, 'low']);
      q.putNowait([1, 'also medium']);
      assert.deepEqual(q.getNowait(), [0, 'high']);
      assert.deepEqual(q.getNowait(), [1, 'also medium']);
      assert.deepEqual(await q.get(), [1, 'medium']);
      assert.deepEqual(await q.get(), [10, 'low']);
    });

    it('keeps heap order over many items', () => {
      const q = new PriorityQueue<number>();
      const input = [5, 3, 9, 1, 7, 2, 8, 6, 4, 0, 3];
      for (const n of input) q.putNowait(n);
      const out: number[] = [];
      while (!q.empty()) out.push(q.getNowait());
      assert.deepEqual(out, [0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('uses a compare function when given one', () => {
      const q = new PriorityQueue<{ due: number }>({ compare: (a, b) => b.due - a.due });
      q.putNowait({ due: 1 });
      q.putNowait({ due: 3 });
      assert.deepEqual(q.getNowait(), { due: 3 });
    });

    it('refuses items it cannot order by default, and counts nothing for them', () => {
      const q = new PriorityQueue<unknown>();
      q.putNowait({ a: 1 });
      assert.throws(() => q.putNowait({ b: 2 }), /cannot order object and object by default/);
      assert.equal(q.qsize(), 1);
      q.getNowait();
      q.taskDone();
      assert.ok(q.join().done(), 'the refused item left no unfinished task');
    });

    it('respects maxsize like Queue', () => {
      const q = new PriorityQueue<number>({ maxsize: 1 });
      q.putNowait(2);
      assert.throws(() => q.putNowait(1), QueueFull);
    });
  });

  describe('LifoQueue', () => {
    it('hands out the newest item first', async () => {
      const q = new LifoQueue<number>();
      q.putNowait(3);
      q.putNowait(2);
      q.putNowait(1);
      assert.equal(q.getNowait(), 1);
      assert.equal(await q.get(), 2);
      assert.equal(q.getNowait(), 3);
      assert.throws(() => q.getNowait(), QueueEmpty);
    });
  });
});
