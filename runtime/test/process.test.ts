import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const FIXTURES = resolve(__dirname, '../../test/fixtures/process');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a fixture script in a child `node` and collects what a user would see. */
function run(script: string, nodeArgs: string[] = []): Promise<Outcome> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...nodeArgs, resolve(FIXTURES, script)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${script} did not exit within 15 s; stderr: ${stderr}`));
    }, 15_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** `file:line` of the line holding `marker` in a fixture. */
function where(script: string, marker: string): string {
  const lines = readFileSync(resolve(FIXTURES, script), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(marker)) + 1;
  assert.ok(line > 0, `${marker} not in ${script}`);
  return `${resolve(FIXTURES, script)}:${line}:`;
}

describe('what a script sees (child processes)', function () {
  this.timeout(30_000);

  it('a spawnCallback error is printed on stderr with the coroutine’s name and spawn site', async () => {
    const { code, stderr } = await run('spawn-error.js');
    assert.match(stderr, /^Uncaught error in spawned callback divide, called from /);
    assert.ok(stderr.split('\n')[0].includes(where('spawn-error.js', '// SPAWN')), stderr);
    assert.match(stderr, /RangeError: division by zero/);
    assert.equal(code, 0);
  });

  it('an unawaited failing runSync prints the error and exits non-zero', async () => {
    const { code, stderr } = await run('unawaited-run-sync.js');
    assert.match(stderr, /Uncaught error in runSync \(its Promise was never awaited\) main, called from /);
    assert.ok(stderr.includes(where('unawaited-run-sync.js', '// RUN')), stderr);
    assert.match(stderr, /Error: main failed/);
    assert.notEqual(code, 0);
  });

  it('the process exits by itself once runSync is done (timers, withTimeout, worker pools)', async () => {
    const { code, stdout, stderr, ms } = await run('run-sync-exits.js');
    assert.equal(stderr, '');
    assert.match(stdout, /^result: fast 42 pooled\nexited after \d+ ms\n$/);
    assert.equal(code, 0);
    // The 60 s withTimeout and runSync timeouts must not hold the process open.
    assert.ok(ms < 15_000, `${ms} ms`);
  });

  it('a failed Future dropped unretrieved is reported when collected, with where it was called', async () => {
    const { code, stdout, stderr } = await run('never-retrieved-gc.js', ['--expose-gc']);
    const lines = stdout.split('\n');
    assert.equal(lines.length, 3, stdout);
    assert.ok(lines[0].startsWith(`reported future divide from forget (${where('never-retrieved-gc.js', '// FORGOTTEN')}`), stdout);
    assert.ok(lines[0].endsWith(': division by zero'), stdout);
    assert.deepEqual(lines.slice(1), ['after gc', '']);
    assert.equal(stderr, '', 'reported once, at collection, not again at exit');
    assert.equal(code, 0);
  });

  it('a failed Future never retrieved is reported as a short script exits', async () => {
    const { code, stderr } = await run('never-retrieved-exit.js');
    assert.match(stderr, /^Future exception was never retrieved in coroutine divide, called from /);
    assert.ok(stderr.includes(where('never-retrieved-exit.js', '// CALLED')), stderr);
    assert.equal(code, 0);
  });

  it('a failed Future still referenced but never retrieved is reported at close()', async () => {
    const { stderr, stdout } = await run('never-retrieved-close.js');
    assert.match(stderr, /^Future exception was never retrieved in coroutine divide, called from /);
    assert.ok(stderr.includes(where('never-retrieved-close.js', '// KEPT')), stderr);
    assert.equal(stdout, 'still referenced: true\n');
  });

  it('nothing is reported for errors retrieved by yield, await, catch, result() or exception()', async () => {
    const { code, stdout, stderr } = await run('retrieved.js', ['--expose-gc']);
    assert.equal(stderr, '');
    assert.equal(stdout, 'ok\n');
    assert.equal(code, 0);
  });
});
