import { strict as assert } from 'node:assert';
import { sleep } from '../src/combinators.js';
import { coroutine } from '../src/coroutine.js';
import { TimeoutError } from '../src/errors.js';
import type { Future } from '../src/future.js';
import { BoundedSemaphore, Condition, Event, Lock, ReleaseError, Releaser, Semaphore } from '../src/locks.js';
import { captureLoopErrors } from './loop-log.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Whether a Future is settled, after letting the loop turn once. */
async function settled(f: Future<unknown>): Promise<boolean> {
  await tick();
  return f.done();
}

describe('locks', () => {
  captureLoopErrors();

  describe('Condition', () => {
    it('wakes waiters one at a time, in the order they waited', async () => {
      const cond = new Condition();
      const order: string[] = [];
      const waiters = ['a', 'b', 'c'].map((name) => {
        const w = cond.wait();
        w.addDoneCallback(() => order.push(name));
        return w;
      });
      assert.equal(cond.waiting, 3);
      cond.notify();
      assert.equal(await waiters[0], true);
      assert.deepEqual(order, ['a']);
      assert.equal(await settled(waiters[1]), false);
      cond.notify(2);
      await Promise.all(waiters);
      assert.deepEqual(order, ['a', 'b', 'c']);
    });

    it('wakes everyone with notifyAll()', async () => {
      const cond = new Condition();
      const waiters = [cond.wait(), cond.wait(), cond.wait()];
      cond.notifyAll();
      assert.deepEqual(await Promise.all(waiters), [true, true, true]);
      assert.equal(cond.waiting, 0);
    });

    it('does nothing when notified with nobody waiting', async () => {
      const cond = new Condition();
      cond.notify();
      const late = cond.wait();
      assert.equal(await settled(late), false, 'a notify is not remembered');
      cond.notify();
      assert.equal(await late, true);
    });

    it('resolves false (and does not fail) when the timeout passes first', async () => {
      const cond = new Condition();
      const started = Date.now();
      assert.equal(await cond.wait(20), false);
      assert.ok(Date.now() - started >= 15);
      assert.equal(cond.waiting, 0, 'the timed-out waiter is dropped');
    });

    it('does not count a timed-out waiter when notifying', async () => {
      const cond = new Condition();
      const impatient = cond.wait(5);
      const patient = cond.wait();
      assert.equal(await impatient, false);
      cond.notify(1);
      assert.equal(await patient, true);
    });

    it('rejects a timeout that is not a duration', () => {
      const cond = new Condition();
      assert.throws(() => cond.wait(-1), RangeError);
      assert.throws(() => cond.wait(Number.NaN), /duration in milliseconds/);
    });
  });

  describe('Event', () => {
    it('starts unset, and wait() blocks until set()', async () => {
      const event = new Event();
      assert.equal(event.isSet(), false);
      const waiters = [event.wait(), event.wait()];
      assert.equal(await settled(waiters[0]), false);
      event.set();
      assert.equal(event.isSet(), true);
      await Promise.all(waiters);
    });

    it('returns a done Future from wait() once set, until clear()', async () => {
      const event = new Event();
      event.set();
      event.set(); // setting twice is harmless
      assert.equal(event.wait().done(), true);
      event.clear();
      assert.equal(event.isSet(), false);
      const w = event.wait();
      assert.equal(await settled(w), false);
      event.set();
      await w;
    });

    it('fails wait() with TimeoutError after the timeout', async () => {
      const event = new Event();
      await assert.rejects(Promise.resolve(event.wait(10)), (e: unknown) => {
        assert.ok(e instanceof TimeoutError);
        assert.match((e as Error).message, /Event.wait\(\) timed out after 10 ms/);
        return true;
      });
      // the event still works for later waiters
      const w = event.wait(1000);
      event.set();
      await w;
    });

    it('skips a cancelled waiter', async () => {
      const event = new Event();
      const cancelled = event.wait();
      const kept = event.wait();
      assert.equal(cancelled.cancel(), true);
      event.set();
      await kept;
      assert.equal(cancelled.cancelled(), true);
    });
  });

  describe('Semaphore', () => {
    it('refuses a negative or fractional initial value', () => {
      assert.throws(() => new Semaphore(-1), RangeError);
      assert.throws(() => new Semaphore(1.5), /whole number >= 0/);
    });

    it('lets `value` holders in at once and queues the rest in order', async () => {
      const sem = new Semaphore(2);
      const a = sem.acquire();
      const b = sem.acquire();
      assert.ok(a.done() && b.done());
      assert.equal(sem.locked(), true);
      const c = sem.acquire();
      const d = sem.acquire();
      assert.equal(await settled(c), false);
      (await a).release();
      assert.ok(await settled(c));
      assert.equal(await settled(d), false);
      (await b).release();
      assert.ok(await settled(d));
      assert.equal(sem.available, 0);
      (await c).release();
      (await d).release();
      assert.equal(sem.available, 2);
    });

    it('fails acquire() with TimeoutError, and does not hand the slot to the timed-out waiter', async () => {
      const sem = new Semaphore(1);
      const held = await sem.acquire();
      await assert.rejects(Promise.resolve(sem.acquire(10)), TimeoutError);
      held.release();
      assert.equal(sem.available, 1, 'the slot went back to the semaphore, not to the timed-out waiter');
    });

    it('skips a cancelled acquire()', async () => {
      const sem = new Semaphore(0);
      const cancelled = sem.acquire();
      const kept = sem.acquire();
      cancelled.cancel();
      sem.release();
      assert.ok(await settled(kept));
      assert.equal(sem.available, 0);
    });

    it('rejects a timeout that is not a duration, leaving no waiter behind', async () => {
      const sem = new Semaphore(0);
      assert.throws(() => sem.acquire(-1), RangeError);
      sem.release();
      assert.equal(sem.available, 1, 'the slot was not handed to the refused acquire()');
    });

    it('may be released above its initial value (unlike BoundedSemaphore)', () => {
      const sem = new Semaphore(1);
      sem.release();
      assert.equal(sem.available, 2);
    });

    it('limits how many coroutines run a section at once', async () => {
      const sem = new Semaphore(2);
      let inside = 0;
      let most = 0;
      const worker = coroutine(function* () {
        const held: Releaser = yield sem.acquire();
        try {
          inside++;
          most = Math.max(most, inside);
          yield sleep(5);
        } finally {
          inside--;
          held.release();
        }
      });
      await Promise.all([worker(), worker(), worker(), worker(), worker()]);
      assert.equal(most, 2);
      assert.equal(sem.available, 2);
    });

    it('releases through Symbol.dispose, as `using` does', async () => {
      const sem = new Semaphore(1);
      const held = await sem.acquire();
      held[Symbol.dispose]();
      assert.equal(sem.available, 1);
    });
  });

  describe('BoundedSemaphore', () => {
    it('throws ReleaseError when released more often than acquired', async () => {
      const sem = new BoundedSemaphore(2);
      assert.throws(() => sem.release(), (e: unknown) => {
        assert.ok(e instanceof ReleaseError);
        assert.equal((e as Error).name, 'ReleaseError');
        assert.match((e as Error).message, /released too many times/);
        return true;
      });
      const held = await sem.acquire();
      held.release();
      assert.throws(() => held.release(), ReleaseError);
      assert.equal(sem.available, 2);
    });
  });

  describe('Lock', () => {
    it('is held by one coroutine at a time, handed over in order', async () => {
      const lock = new Lock();
      const log: string[] = [];
      const critical = coroutine(function* (name: string) {
        const held: Releaser = yield lock.acquire();
        try {
          log.push(`${name} in`);
          yield sleep(2);
          log.push(`${name} out`);
        } finally {
          held.release();
        }
      });
      await Promise.all([critical('a'), critical('b'), critical('c')]);
      assert.deepEqual(log, ['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
      assert.equal(lock.locked(), false);
    });

    it('throws ReleaseError when released unlocked', () => {
      const lock = new Lock();
      assert.throws(() => lock.release(), /release\(\) called on an unlocked Lock/);
    });

    it('fails acquire() with TimeoutError while someone else holds it', async () => {
      const lock = new Lock();
      const held = await lock.acquire();
      await assert.rejects(Promise.resolve(lock.acquire(10)), TimeoutError);
      assert.equal(lock.locked(), true, 'the holder keeps the lock');
      held.release();
      assert.equal(lock.locked(), false);
      const again = await lock.acquire(10);
      again.release();
    });

    it('does not lock for ever when a waiting acquire() is cancelled', async () => {
      const lock = new Lock();
      const held = await lock.acquire();
      const cancelled = lock.acquire();
      cancelled.cancel();
      held.release();
      assert.equal(lock.locked(), false);
      (await lock.acquire()).release();
    });

    it('releases through the Releaser it resolves to', async () => {
      const lock = new Lock();
      const held = await lock.acquire();
      assert.ok(held instanceof Releaser);
      held.release();
      assert.equal(lock.locked(), false);
      assert.throws(() => held.release(), /Lock.release\(\) called on an unlocked Lock/);
    });
  });
});
