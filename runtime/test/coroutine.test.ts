import { strict as assert } from 'node:assert';
import {
  BadYieldError,
  CancelledError,
  coroutine,
  convertYielded,
  Future,
  IOLoop,
  isCoroutineFunction,
  moment,
  setCallSiteCapture,
  sleep,
  wait,
} from '../src/index.js';
import { captureLog, turn } from './log.js';

function resolved<T>(value: T): Future<T> {
  const f = new Future<T>();
  f.setResult(value);
  return f;
}

describe('coroutine', () => {
  const { log } = captureLog();

  it('returns a Future of the body’s return value', async () => {
    const add = coroutine(function* (a: number, b: number) {
      yield moment;
      return a + b;
    });
    const f = add(1, 2);
    assert.ok(f instanceof Future);
    assert.equal(await f, 3);
  });

  it('runs the body synchronously up to its first yield', () => {
    const steps: string[] = [];
    const body = coroutine(function* () {
      steps.push('before');
      yield sleep(1000);
      steps.push('after');
    });
    const f = body();
    assert.deepEqual(steps, ['before']);
    f.cancel();
  });

  it('completes at once when the body never yields a pending Future', () => {
    const f = coroutine(function* () {
      return (yield resolved(2)) * 3;
    })();
    assert.equal(f.done(), true);
    assert.equal(f.result(), 6);
  });

  it('never throws synchronously: an error before the first yield fails the Future', () => {
    const divide = coroutine(function* (a: number, b: number) {
      if (b === 0) throw new RangeError('division by zero');
      yield moment;
      return a / b;
    });
    let f: Future<number> | undefined;
    assert.doesNotThrow(() => (f = divide(1, 0)));
    assert.ok(f);
    assert.ok(f.exception() instanceof RangeError);
  });

  it('fails the Future with an error thrown after a yield', async () => {
    const late = coroutine(function* () {
      yield moment;
      throw new TypeError('late');
    });
    await assert.rejects(async () => await late(), TypeError);
  });

  it('waits for a Promise and for any thenable', async () => {
    const f = coroutine(function* () {
      const a: number = yield Promise.resolve(1);
      const b: number = yield { then: (ok: (v: number) => void) => ok(2) };
      return a + b;
    })();
    assert.equal(await f, 3);
  });

  it('throws a rejected Promise’s error into the body at the yield, where it can be caught', async () => {
    const f = coroutine(function* () {
      try {
        yield Promise.reject(new Error('rejected'));
        return 'not reached';
      } catch (e) {
        return `caught ${(e as Error).message}`;
      }
    })();
    assert.equal(await f, 'caught rejected');
  });

  it('waits for an array of yieldables in parallel, result in the same order', async () => {
    const order: number[] = [];
    const delayed = coroutine(function* (n: number, turns: number) {
      for (let i = 0; i < turns; i++) yield moment;
      order.push(n);
      return n;
    });
    const f = coroutine(function* () {
      return yield [delayed(1, 3), delayed(2, 1), Promise.resolve(3)];
    })();
    assert.deepEqual(await f, [1, 2, 3]);
    assert.deepEqual(order, [2, 1]);
  });

  it('waits for a plain object of yieldables, result with the same keys', async () => {
    const f = coroutine(function* () {
      return yield { a: Promise.resolve('A'), b: resolved('B'), nested: [resolved(1)] };
    })();
    assert.deepEqual(await f, { a: 'A', b: 'B', nested: [1] });
  });

  it('gives the loop one turn on yield moment: callbacks already queued run first', async () => {
    const seen: string[] = [];
    IOLoop.current().addCallback(() => seen.push('queued callback'));
    const f = coroutine(function* () {
      seen.push('start');
      yield moment;
      seen.push('resumed');
    })();
    await Promise.resolve();
    assert.deepEqual(seen, ['start']);
    await f;
    assert.deepEqual(seen, ['start', 'queued callback', 'resumed']);
  });

  it('throws BadYieldError into the body at a yield of something not yieldable', async () => {
    const caught: unknown[] = [];
    const f = coroutine(function* () {
      for (const bad of [42, 'text', null, new Date(0), (function* () {})()]) {
        try {
          yield bad;
        } catch (e) {
          caught.push(e);
        }
      }
      return 'went on';
    })();
    assert.equal(await f, 'went on');
    assert.equal(caught.length, 5);
    for (const e of caught) assert.ok(e instanceof BadYieldError);
    assert.match((caught[0] as Error).message, /the number 42, which is not yieldable/);
    assert.match((caught[4] as Error).message, /a generator needs coroutine\(\.\.\.\)/);
  });

  it('fails with BadYieldError when the body does not catch it', async () => {
    const f = coroutine(function* () {
      yield 1;
    })();
    await assert.rejects(async () => await f, BadYieldError);
  });

  it('continues at once on a done Future: no trip through the event loop', () => {
    const f = coroutine(function* () {
      const a: number = yield resolved(1);
      const b: number[] = yield [resolved(2), resolved(3)];
      return a + b[0] + b[1];
    })();
    // Still inside the same synchronous job: the body has already finished.
    assert.equal(f.result(), 6);
  });

  it('survives 1,000,000 sequential yields of done Futures without growing the stack', () => {
    const done = resolved(1);
    const f = coroutine(function* () {
      let sum = 0;
      for (let i = 0; i < 1_000_000; i++) sum += yield done;
      return sum;
    })();
    assert.equal(f.result(), 1_000_000);
  });

  it('survives 100,000 nested coroutines that complete at once', async () => {
    // eslint-disable-next-line require-yield -- a coroutine that completes at once is the case under test
    const leaf = coroutine(function* (n: number) {
      return n;
    });
    const f = coroutine(function* () {
      let sum = 0;
      for (let i = 0; i < 100_000; i++) sum += yield* leaf(1);
      return sum;
    })();
    assert.equal(await f, 100_000);
  });

  it('gives typed results through yield* future and yield* wait(x)', async () => {
    const count = coroutine(function* () {
      yield moment;
      return 5;
    });
    const f = coroutine(function* () {
      const n: number = yield* count();
      const [a, b] = yield* wait([count(), Promise.resolve('s')]);
      const s: string = b;
      return n + a + s.length;
    })();
    assert.equal(await f, 11);
  });

  it('passes this and arguments through', async () => {
    const obj = {
      base: 10,
      add: coroutine(function* (this: { base: number }, n: number) {
        yield moment;
        return this.base + n;
      }),
    };
    assert.equal(await obj.add(5), 15);
  });

  it('works as a standard method decorator', async () => {
    class Counter {
      total = 0;
      @coroutine
      *add(n: number) {
        yield moment;
        this.total += n;
        return this.total;
      }
    }
    const c = new Counter();
    const f = convertYielded(c.add(2));
    assert.ok(f instanceof Future);
    assert.equal(await f, 2);
    const typed = coroutine(function* () {
      const t: number = yield* c.add(3);
      return t;
    })();
    assert.equal(await typed, 5);
    assert.equal(c.add.name, 'add');
  });

  it('refuses something that is not a function when the coroutine is defined', () => {
    assert.throws(() => coroutine(42 as unknown as () => Generator), /coroutine\(\) takes a generator function \(function\* \(\) \{ \.\.\. \}\), got number/);
  });

  it('names the wrapper after the body and marks it as a coroutine', () => {
    const fetchUser = coroutine(function* fetchUser() {
      yield moment;
    });
    assert.equal(fetchUser.name, 'fetchUser');
    assert.equal(isCoroutineFunction(fetchUser), true);
    assert.equal(isCoroutineFunction(() => 1), false);
  });

  it('wraps a plain function: its value or Promise becomes the result', async () => {
    const plain = coroutine((() => 7) as unknown as () => Generator<unknown, number>);
    assert.equal(plain().result(), 7);
    const promised = coroutine((() => Promise.resolve(8)) as unknown as () => Generator<unknown, number>);
    assert.equal(await promised(), 8);
  });

  it('adds the chain of calling coroutines to the stack of an error passing through them', async () => {
    const inner = coroutine(function* inner() {
      yield moment;
      throw new Error('deep');
    });
    const middle = coroutine(function* middle() {
      yield inner();
    });
    const outer = coroutine(function* outer() {
      yield middle();
    });
    const error = (await outer().then(
      () => undefined,
      (e: unknown) => e,
    )) as Error;
    const stack = error.stack ?? '';
    const chain = stack.split('\n').filter((l) => l.includes('--- in coroutine'));
    assert.deepEqual(chain.slice(0, 2), ['    --- in coroutine inner, called from coroutine middle', '    --- in coroutine middle, called from coroutine outer']);
    assert.match(chain[2], /^ {4}--- in coroutine outer, called from .*coroutine\.test\.js:\d+:\d+\)$/);
    assert.equal(chain.length, 3, stack);
    // The runner's own frames and Node's scheduling frames under them are trimmed.
    assert.doesNotMatch(stack, /dist[\\/]src[\\/]|node:internal|\.next \(<anonymous>\)/, stack);
    assert.match(stack.split('\n')[1], /^ {4}at inner \(.*coroutine\.test\.js:\d+:\d+\)$/);
  });

  it('keeps the caller’s frames in the stack of an error thrown before the first yield', () => {
    const early = coroutine(function* early() {
      throw new Error('early');
      yield moment;
    });
    function callerFrame(): Future<never> {
      return early();
    }
    const stack = (callerFrame().exception() as Error).stack ?? '';
    assert.match(stack, /^Error: early\n {4}at early \(.*\n {4}at callerFrame \(/, stack);
    assert.doesNotMatch(stack, /dist[\\/]src[\\/]/, stack);
    assert.match(stack, /--- in coroutine early, called from callerFrame \(/);
  });

  it('records exact frames for nested coroutines with setCallSiteCapture("all")', async () => {
    const previous = setCallSiteCapture('all');
    try {
      const inner = coroutine(function* inner() {
        yield moment;
        throw new Error('deep');
      });
      const outer = coroutine(function* outer() {
        yield inner();
      });
      const error = (await outer().then(
        () => undefined,
        (e: unknown) => e,
      )) as Error;
      const chain = (error.stack ?? '').split('\n').filter((l) => l.includes('--- in coroutine'));
      assert.match(chain[0], /--- in coroutine inner, called from outer \(.*coroutine\.test\.js:\d+:\d+\)$/);
      assert.match(chain[1], /--- in coroutine outer, called from .*coroutine\.test\.js:\d+:\d+\)$/);
    } finally {
      setCallSiteCapture(previous);
    }
  });

  it('reports a never-retrieved nested Future with the chain of coroutines up to a real frame', async () => {
    const failing = coroutine(function* failing() {
      yield moment;
      throw new Error('ignored');
    });
    const parent = coroutine(function* parent() {
      failing(); // the Future is dropped: the pattern the lint rule catches
      yield moment;
    });
    parent();
    await turn();
    await turn();
    log().loop.close();
    const entry = log().take('future', /ignored/);
    assert.match(entry.context.callSite ?? '', /^coroutine parent ← .*coroutine\.test\.js:\d+:\d+\)$/);
  });

  describe('cancellation', () => {
    it('throws CancelledError into the body at its current yield, running finally blocks', async () => {
      const seen: string[] = [];
      const waiter = coroutine(function* () {
        try {
          yield sleep(60_000);
          seen.push('not reached');
        } finally {
          seen.push('cleanup');
        }
      });
      const f = waiter();
      assert.equal(f.cancel(), true);
      assert.equal(f.cancelled(), true);
      await turn();
      assert.deepEqual(seen, ['cleanup']);
    });

    it('cancels the nested coroutine it waits on', async () => {
      const seen: string[] = [];
      const inner = coroutine(function* () {
        try {
          yield sleep(60_000);
        } catch (e) {
          seen.push(`inner got ${(e as Error).name}`);
          throw e;
        }
      });
      const outer = coroutine(function* () {
        yield inner();
      });
      const f = outer();
      f.cancel();
      await turn();
      assert.deepEqual(seen, ['inner got CancelledError']);
      assert.throws(() => f.result(), CancelledError);
    });

    it('ignores the result of a body that catches the cancellation and returns', async () => {
      const f = coroutine(function* () {
        try {
          yield sleep(60_000);
        } catch {
          return 'recovered';
        }
      })();
      f.cancel();
      await turn();
      assert.equal(f.cancelled(), true);
    });

    it('reports an unrelated error raised after the cancellation', async () => {
      const f = coroutine(function* cleanupFails() {
        try {
          yield sleep(60_000);
        } finally {
          // eslint-disable-next-line no-unsafe-finally -- the case under test
          throw new Error('cleanup failed');
        }
      })();
      f.cancel();
      await turn();
      const entry = log().take('after-cancel', /cleanup failed/);
      assert.equal(entry.context.name, 'cleanupFails');
    });
  });
});
