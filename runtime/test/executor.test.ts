import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import {
  coroutine,
  InvalidStateError,
  NotSelfContainedError,
  ThreadPoolExecutor,
  WorkerCrashedError,
} from '../src/index.js';
import { captureLog } from './log.js';

const WORK_MODULE = resolve(__dirname, '../../test/fixtures/work-module.js');

describe('ThreadPoolExecutor', function () {
  this.timeout(20_000);
  const { log } = captureLog();
  let pool: ThreadPoolExecutor;
  beforeEach(() => (pool = new ThreadPoolExecutor(2)));
  afterEach(async () => {
    await pool.shutdown({ cancelPending: true });
  });

  it('runs a self-contained function on a worker thread with its arguments', async () => {
    // The function runs on the worker, where `require` is given to it; this is its own import.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const threadId = await pool.submit(() => require('node:worker_threads').threadId as number);
    assert.notEqual(threadId, 0);
    assert.equal(await pool.submit((a: number, b: number) => a * b, 6, 7), 42);
  });

  it('waits for an async function’s result', async () => {
    const value = await pool.submit(async (ms: number) => {
      await new Promise((r) => setTimeout(r, ms));
      return 'slept';
    }, 5);
    assert.equal(value, 'slept');
  });

  it('is yieldable from a coroutine, with a typed yield*', async () => {
    const main = coroutine(function* () {
      const n: number = yield* pool.submit((s: string) => s.length, 'four');
      return n;
    });
    assert.equal(await main(), 4);
  });

  it('runs up to maxWorkers tasks at once and queues the rest', async () => {
    const started = Date.now();
    const block = (ms: number): number => {
      const end = Date.now() + ms;
      while (Date.now() < end);
      return ms;
    };
    const results = await Promise.all([pool.submit(block, 200), pool.submit(block, 200), pool.submit(block, 10)]);
    assert.deepEqual(results, [200, 200, 10]);
    assert.ok(Date.now() - started >= 200);
  });

  it('fails the Future with the error the function throws, same name, and the pool goes on', async () => {
    await assert.rejects(
      async () =>
        await pool.submit(() => {
          throw new RangeError('bad range');
        }),
      (e: unknown) => {
        assert.ok(e instanceof RangeError);
        assert.equal(e.message, 'bad range');
        assert.match(e.stack ?? '', /--- in a worker thread, submitted at .*executor\.test\.js/);
        return true;
      },
    );
    assert.equal(await pool.submit(() => 'still working'), 'still working');
  });

  it('keeps a custom error’s name and code', async () => {
    await assert.rejects(
      async () =>
        await pool.submit(() => {
          class DbError extends Error {
            override name = 'DbError';
            code = 'E_DB';
          }
          throw new DbError('no table');
        }),
      (e: unknown) => e instanceof Error && e.name === 'DbError' && (e as Error & { code: string }).code === 'E_DB',
    );
  });

  it('fails only the task whose worker crashes (process.exit), and the pool goes on', async () => {
    await assert.rejects(
      async () => await pool.submit(() => process.exit(3)),
      (e: unknown) => e instanceof WorkerCrashedError && /exit code 3/.test(e.message),
    );
    assert.equal(await pool.submit(() => 1 + 1), 2);
  });

  it('fails only the task whose worker dies of an uncaught error in a timer', async () => {
    const other = pool.submit(() => 'unaffected');
    await assert.rejects(
      async () =>
        await pool.submit(
          () =>
            new Promise(() => {
              setTimeout(() => {
                throw new Error('thrown in a timer');
              }, 1);
            }),
        ),
      (e: unknown) => e instanceof WorkerCrashedError && /thrown in a timer/.test(e.message),
    );
    assert.equal(await other, 'unaffected');
    assert.equal(await pool.submit(() => 'after the crash'), 'after the crash');
  });

  it('says which outside name a function sent by source used', async () => {
    const db = { query: () => 1 };
    await assert.rejects(
      async () => await pool.submit(() => db.query()),
      (e: unknown) => {
        assert.ok(e instanceof NotSelfContainedError);
        assert.equal(
          e.message,
          'submit() sends the function by its source text, and it uses `db` from outside; move that inside the function or pass { module, export }.',
        );
        return true;
      },
    );
  });

  it('names the import behind a compiled module name (fs_1) in that error', async () => {
    // What TypeScript's CommonJS output makes of `readFileSync(...)` after `import { readFileSync } from 'fs'`.
    const compiled = new Function('return () => (0, fs_1.readFileSync)("x")')() as () => unknown;
    await assert.rejects(async () => await pool.submit(compiled), /uses `fs_1` \(the compiled name of an import of fs\) from outside/);
  });

  it('refuses a native or bound function at once, with a clear error', () => {
    assert.throws(() => pool.submit(Math.max, 1, 2), NotSelfContainedError);
    assert.throws(() => pool.submit((() => 1).bind(null)), /native or bound, so it has none/);
  });

  it('accepts a method written in shorthand', async () => {
    const methods = {
      twice(n: number) {
        return n * 2;
      },
    };
    assert.equal(await pool.submit(methods.twice, 21), 42);
  });

  it('runs a module export by name ({ module, export })', async () => {
    const expected = createHash('sha256').update('gustabc').digest('hex');
    assert.equal(await pool.submit<string>({ module: WORK_MODULE, export: 'saltedHash' }, 'abc'), expected);
  });

  it('fails clearly for a missing export, a throwing export, or a relative module path', async () => {
    await assert.rejects(async () => await pool.submit({ module: WORK_MODULE, export: 'notAFunction' }), /has no exported function "notAFunction" \(found number\)/);
    await assert.rejects(async () => await pool.submit({ module: WORK_MODULE, export: 'fails' }), RangeError);
    assert.throws(() => pool.submit({ module: './work-module.js', export: 'x' }), /pass require\.resolve\("\.\/work-module\.js"\)/);
  });

  it('fails clearly when arguments or results cannot cross threads', async () => {
    await assert.rejects(async () => await pool.submit((f: unknown) => typeof f, () => 1), /cannot be sent to a worker thread/);
    await assert.rejects(async () => await pool.submit(() => () => 1), /could not be cloned/);
  });

  it('cancels a queued task without running it', async () => {
    const single = new ThreadPoolExecutor(1);
    const blocker = single.submit(() => new Promise((r) => setTimeout(() => r('first'), 50)));
    const queued = single.submit(() => 'never');
    assert.equal(queued.cancel(), true);
    assert.equal(await blocker, 'first');
    await single.shutdown();
  });

  it('cancels a running task by ending its worker, and the pool goes on', async () => {
    const running = pool.submit(() => new Promise(() => setInterval(() => undefined, 1000)));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(running.cancel(), true);
    assert.equal(await pool.submit(() => 'next'), 'next');
  });

  it('shutdown() lets queued tasks finish, then refuses new ones', async () => {
    const task = pool.submit(() => 'queued before shutdown');
    const done = pool.shutdown();
    assert.throws(() => pool.submit(() => 1), InvalidStateError);
    assert.equal(await task, 'queued before shutdown');
    await done;
  });

  it('runInExecutor(null, ...) uses a shared default pool', async () => {
    assert.equal(await log().loop.runInExecutor(null, (n: number) => n + 1, 1), 2);
    assert.equal(await log().loop.runInExecutor(pool, () => 'given pool'), 'given pool');
  });

  it('rejects a pool size that is not a whole number of at least 1', () => {
    assert.throws(() => new ThreadPoolExecutor(0), RangeError);
  });
});
