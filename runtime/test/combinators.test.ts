import { strict as assert } from 'node:assert';
import {
  BadYieldError,
  CancelledError,
  convertYielded,
  coroutine,
  Future,
  moment,
  multi,
  sleep,
  task,
  TimeoutError,
  WaitIterator,
  withTimeout,
} from '../src/index.js';
import { captureLog, turn } from './log.js';

function later<T>(value: T): Future<T> {
  const f = new Future<T>();
  setImmediate(() => f.setResult(value));
  return f;
}

function failing(message: string): Future<never> {
  const f = new Future<never>();
  setImmediate(() => f.setException(new Error(message)));
  return f;
}

describe('combinators', () => {
  describe('on a manual clock', () => {
    const { log, clock } = captureLog({ manual: true });

    it('sleep(ms) completes after ms, not before', () => {
      const f = sleep(50);
      clock().advance(49);
      assert.equal(f.done(), false);
      clock().advance(1);
      assert.equal(f.result(), undefined);
    });

    it('cancelling a sleep removes its timer', () => {
      const f = sleep(50);
      f.cancel();
      const timeouts = (log().loop as unknown as { timeouts: { live: number } }).timeouts;
      assert.equal(timeouts.live, 0);
    });

    it('withTimeout fails with TimeoutError when the work is slower', () => {
      const work = new Future<number>();
      const f = withTimeout(100, work);
      clock().advance(100);
      assert.throws(() => f.result(), (e: unknown) => e instanceof TimeoutError && /Timed out after 100 ms/.test(e.message));
      assert.equal(work.cancelled(), false, 'the work itself goes on, as in Tornado');
    });

    it('withTimeout gives the result when the work is faster, and clears its timer', async () => {
      const work = new Future<number>();
      const f = withTimeout(100, work);
      work.setResult(5);
      await Promise.resolve();
      assert.equal(f.result(), 5);
      assert.equal((log().loop as unknown as { timeouts: { live: number } }).timeouts.live, 0);
    });

    it('withTimeout reports an error that arrives after the timeout', async () => {
      const work = new Future<number>();
      const f = withTimeout(10, work);
      clock().advance(10);
      assert.throws(() => f.result(), TimeoutError);
      work.setException(new Error('too late'));
      await Promise.resolve();
      log().take('after-timeout', /too late/);
    });

    it('withTimeout stays quiet about a late error listed in quietExceptions', async () => {
      const work = new Future<number>();
      const f = withTimeout(10, work, { quietExceptions: [RangeError] });
      clock().advance(10);
      assert.throws(() => f.result(), TimeoutError);
      work.setException(new RangeError('expected kind'));
      await Promise.resolve();
    });

    it('withTimeout of a done Future is done at once, with no timer left', () => {
      const done = new Future<string>();
      done.setResult('ready');
      assert.equal(withTimeout(100, done).result(), 'ready');
      assert.equal((log().loop as unknown as { timeouts: { live: number } }).timeouts.live, 0);
    });

    it('cancelling withTimeout cancels the work', () => {
      const work = new Future<number>();
      withTimeout(10, work).cancel();
      assert.equal(work.cancelled(), true);
    });

    it('a coroutine can catch a TimeoutError and go on', async () => {
      const f = coroutine(function* () {
        try {
          yield withTimeout(10, sleep(1000));
        } catch (e) {
          if (!(e instanceof TimeoutError)) throw e;
          return 'gave up';
        }
      })();
      clock().advance(10);
      await Promise.resolve();
      await Promise.resolve();
      assert.equal(f.result(), 'gave up');
    });
  });

  describe('on the real loop', () => {
    const { log } = captureLog();

    it('multi waits for an array in parallel, result in order', async () => {
      assert.deepEqual(await multi([later(1), Promise.resolve('two'), later(3)]), [1, 'two', 3]);
    });

    it('multi waits for an object, result with the same keys', async () => {
      assert.deepEqual(await multi({ a: later(1), b: later('b') }), { a: 1, b: 'b' });
    });

    it('multi of nothing is done at once', () => {
      assert.deepEqual(multi([]).result(), []);
      assert.deepEqual(multi({}).result(), {});
    });

    it('multi of done Futures is done at once', () => {
      const a = new Future<number>();
      a.setResult(1);
      assert.deepEqual(multi([a, a]).result(), [1, 1]);
    });

    it('multi fails with the first error and reports a later one', async () => {
      const f = multi([failing('first'), later(1), failing('second')]);
      await assert.rejects(async () => await f, /first/);
      await turn();
      log().take('multi', /second/);
    });

    it('multi stays quiet about later errors listed in quietExceptions', async () => {
      const slowFailure = new Future<never>();
      const f = multi([failing('first'), slowFailure], { quietExceptions: [TypeError] });
      await assert.rejects(async () => await f, /first/);
      slowFailure.setException(new TypeError('quiet'));
      await turn();
    });

    it('multi throws BadYieldError for a member that is not yieldable', () => {
      assert.throws(() => multi([later(1), 2]), BadYieldError);
    });

    it('cancelling multi cancels its children', () => {
      const a = new Future<number>();
      const b = new Future<number>();
      multi([a, b]).cancel();
      assert.equal(a.cancelled(), true);
      assert.equal(b.cancelled(), true);
    });

    it('task wraps a Node-style callback API', async () => {
      const add = (a: number, b: number, cb: (err: Error | null, sum: number) => void): void => {
        setImmediate(() => cb(null, a + b));
      };
      const f = task(add, 2, 3);
      assert.equal(await f, 5);
    });

    it('task fails with the callback’s error, or with what fn throws', async () => {
      const failingApi = (cb: (err: Error | null, v?: number) => void): void => cb(new Error('api error'));
      await assert.rejects(async () => await task(failingApi), /api error/);
      const throwing = (_cb: (err: unknown, v: number) => void): void => {
        throw new Error('sync throw');
      };
      await assert.rejects(async () => await task(throwing), /sync throw/);
    });

    it('convertYielded: a Future as is, a Promise followed, moment after a turn, anything else BadYieldError', async () => {
      const f = new Future<number>();
      assert.equal(convertYielded(f), f);
      assert.equal(await convertYielded(Promise.resolve(4)), 4);
      const m = convertYielded(moment);
      assert.equal(m.done(), false);
      await turn();
      assert.equal(m.done(), true);
      assert.throws(() => convertYielded(Symbol('x')), BadYieldError);
      assert.throws(() => convertYielded(new Map()), /a Map, which is not yieldable/);
    });

    it('WaitIterator gives results in completion order with their index', async () => {
      const slow = new Future<string>();
      const fast = new Future<string>();
      const it = new WaitIterator([slow, fast]);
      const seen: unknown[] = [];
      const reader = coroutine(function* () {
        while (!it.done()) {
          const value: string = yield it.next();
          seen.push([it.currentIndex, value]);
        }
      })();
      fast.setResult('fast');
      await turn();
      slow.setResult('slow');
      await reader;
      assert.deepEqual(seen, [
        [1, 'fast'],
        [0, 'slow'],
      ]);
      assert.equal(it.currentIndex, undefined);
    });

    it('WaitIterator raises an error from the next() that delivers it and goes on', async () => {
      const it = new WaitIterator({ bad: failing('broken'), good: later('ok') });
      const seen: string[] = [];
      const reader = coroutine(function* () {
        while (!it.done()) {
          try {
            const value: string = yield it.next();
            seen.push(`${String(it.currentIndex)}:${value}`);
          } catch (e) {
            seen.push(`${String(it.currentIndex)} failed: ${(e as Error).message}`);
          }
        }
      })();
      await reader;
      assert.deepEqual(seen.sort(), ['bad failed: broken', 'good:ok']);
    });

    it('WaitIterator over nothing is done at once', () => {
      assert.equal(new WaitIterator([]).done(), true);
    });

    it('WaitIterator works with for await', async () => {
      const values: number[] = [];
      for await (const v of new WaitIterator([later(1), Promise.resolve(2)])) values.push(v);
      assert.deepEqual(values.sort(), [1, 2]);
    });

    it('a cancelled child surfaces as CancelledError in multi', async () => {
      const a = new Future<number>();
      const f = multi([a]);
      a.cancel();
      await assert.rejects(async () => await f, CancelledError);
    });
  });
});
