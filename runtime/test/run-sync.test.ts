import { strict as assert } from 'node:assert';
import { CancelledError, coroutine, Future, moment, sleep, TimeoutError } from '../src/index.js';
import { captureLog, turn, turns } from './log.js';

describe('IOLoop#runSync', () => {
  const { log } = captureLog();
  let exitCode: typeof process.exitCode;
  beforeEach(() => (exitCode = process.exitCode));
  afterEach(() => (process.exitCode = exitCode));

  it('returns a Promise of a coroutine’s result', async () => {
    const main = coroutine(function* () {
      yield moment;
      return 'done';
    });
    const p = log().loop.runSync(main);
    assert.ok(p instanceof Promise);
    assert.equal(await p, 'done');
  });

  it('accepts a function returning a Promise or a plain value', async () => {
    assert.equal(await log().loop.runSync(() => Promise.resolve(1)), 1);
    assert.equal(await log().loop.runSync(() => 2), 2);
  });

  it('rejects with the coroutine’s error', async () => {
    const main = coroutine(function* () {
      yield moment;
      throw new RangeError('bad input');
    });
    await assert.rejects(log().loop.runSync(main), RangeError);
  });

  it('rejects (never throws synchronously) when fn throws', async () => {
    const p = log().loop.runSync(() => {
      throw new Error('sync throw');
    });
    await assert.rejects(p, /sync throw/);
  });

  it('rejects when fn returns a generator (a missing coroutine wrapper)', async () => {
    await assert.rejects(
      log().loop.runSync(function* main() {
        yield moment;
      } as unknown as () => number),
      /returned a generator, so nothing ran/,
    );
  });

  it('fails with TimeoutError past its timeout and cancels the coroutine', async () => {
    const seen: string[] = [];
    const slow = coroutine(function* slow() {
      try {
        yield sleep(60_000);
      } catch (e) {
        seen.push((e as Error).name);
        throw e;
      }
    });
    await assert.rejects(log().loop.runSync(slow, { timeout: 20 }), (e: unknown) => {
      assert.ok(e instanceof TimeoutError);
      assert.match(e.message, /runSync\(slow\) timed out after 20 ms/);
      return true;
    });
    await turn();
    assert.deepEqual(seen, [CancelledError.name]);
  });

  it('does not time out a coroutine that finishes in time, and clears its timer', async () => {
    const loop = log().loop;
    const quick = coroutine(function* () {
      yield moment;
      return 1;
    });
    assert.equal(await loop.runSync(quick, { timeout: 10_000 }), 1);
    assert.equal((loop as unknown as { timeouts: { live: number } }).timeouts.live, 0);
  });

  it('reports a failure nobody awaited, and sets a non-zero exit code', async () => {
    const main = coroutine(function* main() {
      yield moment;
      throw new Error('nobody listened');
    });
    void log().loop.runSync(main);
    await turns(3);
    const entry = log().take('runSync', /nobody listened/);
    assert.equal(entry.context.name, 'main');
    assert.match(entry.context.callSite ?? '', /run-sync\.test\.js/);
    assert.equal(process.exitCode, 1);
  });

  it('reports nothing when the failure is caught', async () => {
    const p = log().loop.runSync(() => Promise.reject(new Error('handled')));
    const message = await p.catch((e: unknown) => (e as Error).message);
    await turns(2);
    assert.equal(message, 'handled');
    assert.notEqual(process.exitCode, 1);
  });

  it('accepts a Future', async () => {
    const f = new Future<number>();
    setTimeout(() => f.setResult(3), 1);
    assert.equal(await log().loop.runSync(() => f), 3);
  });
});
