import { strict as assert } from 'node:assert';
import { coroutine, Future, InvalidStateError, IOLoop, ManualClock, moment, sleep } from '../src/index.js';
import { assertNothingLeft, captureLog, turn } from './log.js';

describe('IOLoop', () => {
  describe('callbacks', () => {
    const { log } = captureLog();

    it('current() is one loop per thread and instance() is its deprecated alias', () => {
      assert.equal(IOLoop.current(), log().loop);
      assert.equal(IOLoop.instance(), IOLoop.current());
    });

    it('addCallback runs on the next turn, in order, with its arguments', async () => {
      const seen: string[] = [];
      log().loop.addCallback((a: string, b: number) => seen.push(`${a}${b}`), 'x', 1);
      log().loop.addCallback(() => seen.push('second'));
      assert.deepEqual(seen, []);
      await turn();
      assert.deepEqual(seen, ['x1', 'second']);
    });

    it('runs callbacks added by a callback on a later turn, not in the same batch', async () => {
      const seen: string[] = [];
      const loop = log().loop;
      loop.addCallback(() => {
        seen.push('first');
        loop.addCallback(() => seen.push('added by first'));
      });
      loop.addCallback(() => seen.push('second'));
      await turn();
      assert.deepEqual(seen, ['first', 'second']);
      await turn();
      assert.deepEqual(seen, ['first', 'second', 'added by first']);
    });

    it('reports an error a callback throws, with its name and where it was added', async () => {
      log().loop.addCallback(function flaky() {
        throw new Error('callback failed');
      });
      await turn();
      const entry = log().take('callback', /callback failed/);
      assert.equal(entry.context.name, 'flaky');
      assert.match(entry.context.callSite ?? '', /ioloop\.test\.js:\d+:\d+/);
    });

    it('reports the error of a Future or Promise a callback returns', async () => {
      const loop = log().loop;
      const failing = new Future<void>();
      loop.addCallback(function returnsFuture() {
        return failing;
      });
      loop.addCallback(function returnsPromise() {
        return Promise.reject(new Error('promise failed'));
      });
      await turn();
      failing.setException(new Error('future failed'));
      await turn();
      assert.equal(log().take('callback', /future failed/).context.name, 'returnsFuture');
      assert.equal(log().take('callback', /promise failed/).context.name, 'returnsPromise');
    });

    it('reports a generator function passed where a coroutine belongs', async () => {
      log().loop.spawnCallback(function* notWrapped() {
        yield moment;
      });
      await turn();
      log().take('spawn', /returned a generator, so nothing ran; wrap the generator function in coroutine/);
    });

    it('spawnCallback starts a coroutine detached and reports its error with its name and spawn site', async () => {
      const divide = coroutine(function* divide(a: number, b: number) {
        yield moment;
        if (b === 0) throw new RangeError('division by zero');
        return a / b;
      });
      log().loop.spawnCallback(divide, 1, 0);
      await turn();
      await turn();
      const entry = log().take('spawn', /division by zero/);
      assert.equal(entry.context.name, 'divide');
      assert.match(entry.context.callSite ?? '', /ioloop\.test\.js:\d+:\d+/);
      assert.match((entry.error as Error).stack ?? '', /--- in coroutine divide, called from .*ioloop\.test\.js/);
    });

    it('spawnCallback of a coroutine that succeeds reports nothing', async () => {
      const seen: number[] = [];
      const ok = coroutine(function* (n: number) {
        yield moment;
        seen.push(n);
      });
      log().loop.spawnCallback(ok, 4);
      await turn();
      await turn();
      assert.deepEqual(seen, [4]);
    });

    it('addFuture calls back on the loop once the Future (or Promise) is done', async () => {
      const loop = log().loop;
      const f = new Future<number>();
      const seen: unknown[] = [];
      loop.addFuture(f, (done) => seen.push(done.result()));
      loop.addFuture(Promise.resolve('p'), (done) => seen.push(done.result()));
      f.setResult(1);
      await turn();
      await turn();
      assert.deepEqual(seen.sort(), [1, 'p']);
    });

    it('addFuture reports an error its callback raises', async () => {
      const f = new Future<number>();
      f.setResult(1);
      log().loop.addFuture(f, function onDone() {
        throw new Error('addFuture callback failed');
      });
      await turn();
      assert.equal(log().take('callback', /addFuture callback failed/).context.name, 'onDone');
    });

    it('time() is monotonic milliseconds', async () => {
      const a = log().loop.time();
      await new Promise((r) => setTimeout(r, 5));
      const b = log().loop.time();
      assert.ok(b - a >= 4, `${b - a}`);
    });

    it('runs timeouts on real timers too', async () => {
      const loop = log().loop;
      const start = loop.time();
      const at = await new Promise<number>((resolve) => loop.callLater(10, () => resolve(loop.time())));
      assert.ok(at - start >= 9, `${at - start}`);
    });
  });

  describe('error handler', () => {
    const { log } = captureLog();

    it('a report no test takes fails the test (the check every test runs after it)', () => {
      const loop = log().loop;
      loop.handleError(new Error('stray'), { kind: 'callback', name: 'leftover' });
      assert.throws(() => assertNothingLeft(log().entries), /unexpected log lines[\s\S]*\[callback leftover\] stray/);
      log().take('callback', /stray/);
      assert.doesNotThrow(() => assertNothingLeft(log().entries));
    });

    it('handleError goes to the replaceable handler', () => {
      const loop = log().loop;
      const seen: string[] = [];
      loop.setErrorHandler((e, ctx) => seen.push(`${ctx.kind}:${(e as Error).message}`));
      loop.handleError(new Error('x'), { kind: 'periodic', name: 'poll' });
      assert.deepEqual(seen, ['periodic:x']);
    });

    it('a handler that throws falls back to stderr with both errors', () => {
      const loop = log().loop;
      loop.setErrorHandler(() => {
        throw new Error('handler broke');
      });
      const written = captureStderr(() => loop.handleError(new Error('original'), { kind: 'callback', name: 'cb' }));
      assert.match(written, /Uncaught error in callback cb\nError: original/);
      assert.match(written, /Error: handler broke/);
    });

    it('setErrorHandler(null) restores the default, which prints the name, call site and stack', () => {
      const loop = log().loop;
      loop.setErrorHandler(null);
      const written = captureStderr(() =>
        loop.handleError(new RangeError('division by zero'), { kind: 'spawn', name: 'divide', callSite: 'main (/app/x.js:3:9)' }),
      );
      assert.match(written, /^Uncaught error in spawned callback divide, called from main \(\/app\/x\.js:3:9\)\nRangeError: division by zero\n {4}at /);
    });
  });

  describe('timeouts on a manual clock', () => {
    const { log, clock } = captureLog({ manual: true });

    it('callLater runs after the delay, with its arguments', () => {
      const seen: string[] = [];
      log().loop.callLater(100, (s: string) => seen.push(s), 'fired');
      clock().advance(99);
      assert.deepEqual(seen, []);
      clock().advance(1);
      assert.deepEqual(seen, ['fired']);
    });

    it('callAt and addTimeout take a deadline on time(); earlier deadlines run first, ties in order', () => {
      const loop = log().loop;
      const seen: string[] = [];
      const now = loop.time();
      loop.callAt(now + 50, () => seen.push('b'));
      loop.addTimeout(now + 20, () => seen.push('a'));
      loop.callAt(now + 50, () => seen.push('c'));
      const h = loop.callLater(30, () => seen.push('removed'));
      assert.equal(h.deadline, now + 30);
      loop.removeTimeout(h);
      clock().advance(100);
      assert.deepEqual(seen, ['a', 'b', 'c']);
    });

    it('removeTimeout is harmless after the timeout ran, and rejects a foreign handle', () => {
      const loop = log().loop;
      const h = loop.callLater(1, () => undefined);
      clock().advance(1);
      loop.removeTimeout(h);
      assert.throws(() => loop.removeTimeout({ deadline: 1 }), /takes the handle that callLater/);
    });

    it('a timeout removed by an earlier one in the same batch does not run', () => {
      const loop = log().loop;
      const seen: string[] = [];
      const handles: ReturnType<IOLoop['callLater']>[] = [];
      loop.callLater(10, () => {
        seen.push('first');
        loop.removeTimeout(handles[0]);
      });
      handles.push(loop.callLater(10, () => seen.push('second')));
      clock().advance(10);
      assert.deepEqual(seen, ['first']);
    });

    it('reports an error a timeout callback throws', () => {
      log().loop.callLater(5, function tick() {
        throw new Error('tick failed');
      });
      clock().advance(5);
      const entry = log().take('timeout', /tick failed/);
      assert.equal(entry.context.name, 'tick');
      assert.match(entry.context.callSite ?? '', /ioloop\.test\.js/);
    });

    it('a timeout added by a timeout callback waits for its own deadline', () => {
      const loop = log().loop;
      const seen: number[] = [];
      loop.callLater(10, () => {
        seen.push(loop.time());
        loop.callLater(10, () => seen.push(loop.time()));
      });
      clock().advance(15);
      assert.deepEqual(seen, [1010]);
      clock().advance(5);
      assert.deepEqual(seen, [1010, 1020]);
    });

    it('reports the error of a coroutine a timeout starts, with where the timeout was set', async () => {
      const failing = coroutine(function* late() {
        yield moment;
        throw new Error('late failure');
      });
      log().loop.callLater(5, failing);
      clock().advance(5);
      await turn();
      await turn();
      const entry = log().take('timeout', /late failure/);
      assert.equal(entry.context.name, 'late');
      assert.match(entry.context.callSite ?? '', /ioloop\.test\.js/);
    });

    it('keeps deadline order with many timeouts removed (the heap compacts)', () => {
      const loop = log().loop;
      const fired: number[] = [];
      const handles = [];
      for (let i = 0; i < 1000; i++) handles.push(loop.callLater(1000 - i, () => fired.push(1000 - i)));
      for (let i = 0; i < 1000; i++) if (i % 10 !== 0) loop.removeTimeout(handles[i]);
      clock().advance(1000);
      const expected = Array.from({ length: 100 }, (_, k) => 1000 - 10 * k).sort((a, b) => a - b);
      assert.deepEqual(fired, expected);
    });

    it('sleep completes on the loop clock', async () => {
      const f = sleep(1000);
      clock().advance(999);
      assert.equal(f.done(), false);
      clock().advance(1);
      assert.equal(f.done(), true);
    });
  });

  describe('close', () => {
    const { log } = captureLog();

    it('drops pending timeouts and callbacks, refuses new ones, and current() makes a new loop', async () => {
      const loop = log().loop;
      const seen: string[] = [];
      loop.callLater(1, () => seen.push('timeout'));
      loop.addCallback(() => seen.push('callback'));
      loop.close();
      await new Promise((r) => setTimeout(r, 5));
      assert.deepEqual(seen, []);
      assert.throws(() => loop.addCallback(() => undefined), InvalidStateError);
      assert.throws(() => loop.callLater(1, () => undefined), /closed; use IOLoop\.current\(\)/);
      const next = IOLoop.current();
      assert.notEqual(next, loop);
      next.close();
    });

    it('a loop with its own clock keeps it', () => {
      const clock = new ManualClock(500);
      const loop = new IOLoop({ clock });
      assert.equal(loop.time(), 500);
      clock.advance(20);
      assert.equal(loop.time(), 520);
      loop.close();
    });
  });
});

function captureStderr(fn: () => void): string {
  const original = process.stderr.write;
  let written = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    written += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    fn();
  } finally {
    process.stderr.write = original;
  }
  return written;
}
