import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The seven patterns as a user runs them: each compiled example in its own node
// process (the root `tsc -b` builds examples/ after the runtime).
const examples = path.resolve(__dirname, '..', '..', '..', 'examples', 'dist');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runExample(name: string): Promise<Run> {
  const file = path.join(examples, `${name}.js`);
  assert.ok(fs.existsSync(file), `${file} is missing: build the examples with \`npx tsc -b\` at the root`);
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { timeout: 15000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}

function assertClean(run: Run): void {
  assert.equal(run.stderr, '', 'nothing reported on stderr');
  assert.equal(run.code, 0, `exit code ${run.code}\n${run.stdout}`);
}

describe('examples (one process each)', () => {
  it('1: calling coroutines: yield, spawnCallback and runSync', async () => {
    const run = await runExample('01-calling-coroutines');
    assertClean(run);
    assert.match(run.stdout, /yield divide\(1, 0\) -> caught division by zero/);
    assert.match(run.stdout, /spawnCallback\(divide, 1, 0\) -> the loop reported "division by zero" \(spawn\)/);
    assert.match(run.stdout, /runSync\(main\) -> 0\.5/);
  });

  it('2: callbacks with task, blocking work on worker threads', async () => {
    const run = await runExample('02-callbacks-and-threads');
    assertClean(run);
    assert.match(run.stdout, /task\(lookupUser, 2\) -> failed: no user 2/);
    assert.match(run.stdout, /-> 17984 and 9592 primes/);
    assert.match(run.stdout, /runInExecutor\(executor, countPrimes, 1000\) -> 168/);
  });

  it('3: parallel yields of an array and an object', async () => {
    const run = await runExample('03-parallel');
    assertClean(run);
    assert.match(run.stdout, /array: \/a \/b \/c in/);
    assert.match(run.stdout, /object: user=\/user posts=\/posts in/);
  });

  it('4: interleaving a started Future with other work', async () => {
    const run = await runExample('04-interleaving');
    assertClean(run);
    assert.match(run.stdout, /other work, step 3/);
    assert.match(run.stdout, /"report ready" after \d+ ms/);
  });

  it('5: looping on yield cursor.fetchNext()', async () => {
    const run = await runExample('05-looping');
    assertClean(run);
    assert.match(run.stdout, /read 7 records over HTTP, page by page: ant, bee, cat, dog, eel, fox, gnu/);
  });

  it('6: background loops started with spawnCallback', async () => {
    const run = await runExample('06-background');
    assertClean(run);
    assert.match(run.stdout, /in 300 ms: \d+ rounds end to start .*, \d+ start to start/);
  });

  it('7: delayed work with callLater, addTimeout and sleep', async () => {
    const run = await runExample('07-delayed');
    assertClean(run);
    assert.match(run.stdout, /callLater\(50\) at \d+ ms\naddTimeout\(now \+ 100\) at \d+ ms\nsleep\(150\) done at \d+ ms/);
    assert.doesNotMatch(run.stdout, /never runs/);
  });

  it('unyielded.ts: the lost error is reported as never retrieved, and the script exits 0', async () => {
    const run = await runExample('unyielded');
    assert.equal(run.code, 0);
    assert.match(run.stderr, /Future exception was never retrieved in coroutine divide/);
    assert.match(run.stderr, /RangeError: division by zero/);
    assert.match(run.stdout, /while blocking the loop/);
  });
});
