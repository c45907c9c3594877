import { strict as assert } from 'node:assert';
import { CancelledError, Future, InvalidStateError, isFuture, VERSION } from '../src/index.js';
import { captureLog } from './log.js';

describe('Future', () => {
  const { log } = captureLog();

  it('names the package version', () => {
    assert.match(VERSION, /^\d+\.\d+\.\d+$/);
  });

  it('holds a result once set', () => {
    const f = new Future<number>();
    assert.equal(f.done(), false);
    f.setResult(42);
    assert.equal(f.done(), true);
    assert.equal(f.result(), 42);
    assert.equal(f.exception(), undefined);
    assert.equal(f.cancelled(), false);
  });

  it('raises its error from result() and gives it from exception()', () => {
    const f = new Future<number>();
    const error = new RangeError('boom');
    f.setException(error);
    assert.throws(() => f.result(), (e) => e === error);
    assert.equal(f.exception(), error);
  });

  it('refuses result() and exception() while pending, with InvalidStateError', () => {
    const f = new Future();
    assert.throws(() => f.result(), InvalidStateError);
    assert.throws(() => f.exception(), InvalidStateError);
  });

  it('refuses to complete twice', () => {
    const f = new Future<number>();
    f.setResult(1);
    assert.throws(() => f.setResult(2), /already done/);
    assert.throws(() => f.setException(new Error('late')), InvalidStateError);
    assert.equal(f.result(), 1);
  });

  it('runs a done callback at once when already done', () => {
    const f = new Future<string>();
    f.setResult('x');
    const seen: string[] = [];
    f.addDoneCallback((done) => seen.push(done.result()));
    assert.deepEqual(seen, ['x']);
  });

  it('runs done callbacks in a microtask after completion, in order, never inside setResult', async () => {
    const f = new Future<number>();
    const seen: string[] = [];
    f.addDoneCallback(() => seen.push('a'));
    f.addDoneCallback(() => seen.push('b'));
    f.setResult(1);
    seen.push('after setResult');
    await Promise.resolve();
    assert.deepEqual(seen, ['after setResult', 'a', 'b']);
  });

  it('reports an error thrown by a done callback to the loop', async () => {
    const f = new Future<number>();
    f.addDoneCallback(function onDone() {
      throw new Error('callback broke');
    });
    f.setResult(1);
    await Promise.resolve();
    const entry = log().take('callback', /callback broke/);
    assert.equal(entry.context.name, 'onDone');
  });

  it('cancels while pending: CancelledError, callbacks run, cancel() true once', async () => {
    const f = new Future<number>();
    let called = 0;
    f.addDoneCallback(() => called++);
    assert.equal(f.cancel(), true);
    assert.equal(f.cancelled(), true);
    assert.equal(f.done(), true);
    assert.throws(() => f.result(), CancelledError);
    assert.ok(f.exception() instanceof CancelledError);
    assert.equal(f.cancel(), false);
    await Promise.resolve();
    assert.equal(called, 1);
  });

  it('does not cancel a done Future', () => {
    const f = new Future<number>();
    f.setResult(3);
    assert.equal(f.cancel(), false);
    assert.equal(f.result(), 3);
  });

  it('yield*: a done Future returns its result (or throws its error) from the first next(), without yielding', () => {
    const done = new Future<number>();
    done.setResult(4);
    assert.deepEqual(done[Symbol.iterator]().next(), { done: true, value: 4 });
    const failed = new Future<number>();
    const error = new RangeError('no');
    failed.setException(error);
    assert.throws(() => failed[Symbol.iterator]().next(), (e) => e === error);
  });

  it('yield*: a pending Future is yielded once, then the runner sends its result or throws its error in', () => {
    const pending = new Future<number>();
    const it = pending[Symbol.iterator]();
    assert.deepEqual(it.next(), { done: false, value: pending });
    pending.setResult(7);
    assert.deepEqual(it.next(7), { done: true, value: 7 });
    const other = new Future<number>()[Symbol.iterator]();
    other.next();
    const error = new Error('thrown in');
    assert.throws(() => other.throw(error), (e) => e === error);
    const cancelled = new Future<number>()[Symbol.iterator]();
    cancelled.next();
    assert.deepEqual(cancelled.return(3), { done: true, value: 3 });
  });

  it('is awaitable', async () => {
    const f = new Future<number>();
    setTimeout(() => f.setResult(7), 1);
    assert.equal(await f, 7);
  });

  it('rejects an await with its error', async () => {
    const f = new Future<number>();
    setTimeout(() => f.setException(new TypeError('bad')), 1);
    await assert.rejects(async () => await f, TypeError);
  });

  it('supports then(ok, err) and chains like a Promise', async () => {
    const f = new Future<number>();
    f.setResult(2);
    const doubled = await f.then((n) => n * 2);
    assert.equal(doubled, 4);
    const g = new Future<number>();
    g.setException(new Error('no'));
    const recovered = await g.then(undefined, (e: unknown) => (e as Error).message);
    assert.equal(recovered, 'no');
    const h = new Future<number>();
    h.setException(new Error('caught'));
    assert.equal(await h.catch((e: unknown) => (e as Error).message), 'caught');
  });

  it('is iterable: yielding itself once and returning what it is sent', () => {
    const f = new Future<number>();
    const it = f[Symbol.iterator]();
    const first = it.next();
    assert.equal(first.done, false);
    assert.equal(first.value, f);
    assert.deepEqual(it.next(5), { done: true, value: 5 });
  });

  it('isFuture tells Futures from other thenables', () => {
    assert.equal(isFuture(new Future()), true);
    assert.equal(isFuture(Promise.resolve()), false);
    assert.equal(isFuture({ then() {} }), false);
  });

  it('is covariant: a Future<number> is a Future<unknown>', () => {
    const f: Future<unknown> = new Future<number>();
    assert.ok(f);
  });
});
