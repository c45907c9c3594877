import { strict as assert } from 'node:assert';
import { coroutine, moment } from '../src/index.js';
import { captureLog, turn } from './log.js';

describe('Future exception was never retrieved', () => {
  const { log } = captureLog();

  const divide = coroutine(function* divide(a: number, b: number) {
    yield moment;
    if (b === 0) throw new RangeError('division by zero');
    return a / b;
  });

  async function settled(): Promise<void> {
    await turn();
    await turn();
  }

  it('is reported at close(), once, with the coroutine’s name and call site', async () => {
    const loop = log().loop;
    divide(1, 0);
    await settled();
    assert.equal(log().entries.length, 0);
    loop.close();
    const entry = log().take('future', /division by zero/);
    assert.equal(entry.context.name, 'divide');
    assert.match(entry.context.callSite ?? '', /unobserved\.test\.js:\d+:\d+/);
  });

  it('is reported for a coroutine that fails before its first yield too', async () => {
    const early = coroutine(function* early() {
      throw new Error('early failure');
      yield moment;
    });
    early();
    log().loop.close();
    const entry = log().take('future', /early failure/);
    assert.match(entry.context.callSite ?? '', /unobserved\.test\.js/);
  });

  it('is not reported when a done Future\u2019s error was retrieved by yield*', async () => {
    const failed = divide(1, 0);
    await settled();
    const caller = coroutine(function* () {
      try {
        yield* failed; // done already: the error comes back from the iterator at once
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    });
    assert.equal(caller().result(), 'division by zero');
    log().loop.close();
    assert.equal(log().entries.length, 0);
  });

  it('is not reported when the error was retrieved by yield', async () => {
    const caller = coroutine(function* () {
      try {
        yield divide(1, 0);
      } catch {
        return 'caught';
      }
    });
    assert.equal(await caller(), 'caught');
  });

  it('is not reported when the error was retrieved by await', async () => {
    await assert.rejects(async () => await divide(1, 0), RangeError);
  });

  it('is not reported when the error was retrieved by then or catch', async () => {
    const a = divide(1, 0);
    await settled();
    await a.then(undefined, () => undefined);
    const b = divide(2, 0);
    await Promise.resolve(b).catch(() => undefined);
  });

  it('is not reported when the error was retrieved by result() or exception()', async () => {
    const a = divide(1, 0);
    const b = divide(2, 0);
    await settled();
    assert.throws(() => a.result(), RangeError);
    assert.ok(b.exception() instanceof RangeError);
  });

  it('is not reported for a cancelled Future', async () => {
    divide(1, 1).cancel();
    await settled();
  });
});
