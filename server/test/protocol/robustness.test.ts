import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { spawn } from 'node:child_process';
import { TestClient, SERVER_BIN } from '../lsp-client';
import { PLUGIN_PATH, Workspace } from '../workspace';
import { SAMPLE, SAMPLE_CODES } from './sample';

const codes = (ds: { code?: unknown }[]) => ds.map((d) => d.code);

/** Resident memory of a process in MB (Linux /proc). */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

describe('protocol: robustness', function () {
  this.timeout(60000);
  let ws: Workspace;
  let client: TestClient | undefined;
  beforeEach(() => {
    ws = new Workspace();
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    ws.dispose();
  });

  it('a crashing rule is logged to the client and the other rules still report', async () => {
    ws.write(
      'eslint.config.js',
      [
        `const gust = require(${JSON.stringify(PLUGIN_PATH)});`,
        "const parser = require(require.resolve('@typescript-eslint/parser', { paths: [" + JSON.stringify(__dirname) + '] }));',
        "const boom = { create: () => ({ CallExpression() { throw new Error('boom: rule bug'); } }) };",
        'module.exports = [{ files: ["**/*.ts"], languageOptions: { parser }, plugins: { gust, local: { rules: { boom } } },',
        '  rules: { "local/boom": "error", "gust/no-floating-generator": "error", "gust/no-unyielded-coroutine": "error" } }];',
      ].join('\n'),
    );
    client = await TestClient.start({ root: ws.root });
    const uri = await client.open(ws.file('a.ts'), SAMPLE);
    assert.deepEqual(codes(await client.diagnostics(uri, 1)), SAMPLE_CODES);
    const logged = client.logs.find((l) => l.message.includes('local/boom'));
    assert.ok(logged, JSON.stringify(client.logs));
    assert.equal(logged.type, 1);
    assert.match(logged.message, /^gust: rule local\/boom crashed on file:.*a\.ts and was left out; the other rules' results are shown\. boom: rule bug/);
  });

  it('a file over the size limit is skipped with a message; smaller files still lint', async () => {
    client = await TestClient.start({ root: ws.root, initializationOptions: { maxFileSize: 20000 } });
    const big = await client.open(ws.file('big.ts'), SAMPLE + '\n'.padEnd(30000, '/'));
    assert.deepEqual(await client.diagnostics(big, 1), []);
    const shown = await client.waitFor('size message', () => client!.shown[0]);
    assert.match(shown.message, /^gust: file:.*big\.ts was not linted: 30\d\d\d characters is over the limit of 20000/);
    const small = await client.open(ws.file('small.ts'), SAMPLE);
    assert.deepEqual(codes(await client.diagnostics(small, 1)), SAMPLE_CODES);
  });

  it('1,000 changes in a second: few runs, bounded memory, final diagnostics match the final text', async () => {
    client = await TestClient.start({ root: ws.root });
    const uri = await client.open(ws.file('a.ts'), SAMPLE);
    await client.diagnostics(uri, 1);
    const before = rssMb(client.child.pid!);
    const start = Date.now();
    let version = 1;
    let text = SAMPLE;
    for (let i = 0; i < 1000; i++) {
      // each change appends one discarded call: the final text has 1,000 of them
      const line = text.split('\n').length - 1;
      version = await client.edit(uri, { start: { line, character: 0 }, end: { line, character: 0 } }, `fetchUser(${i});\n`);
      text += `fetchUser(${i});\n`;
    }
    const sendMs = Date.now() - start;
    const final = await client.diagnostics(uri, version, 30000);
    assert.ok(sendMs < 1500, `sending took ${sendMs} ms`);
    // a top-level call outside a coroutine is still a discarded Future
    assert.equal(final.filter((d) => d.code === 'gust/no-unyielded-coroutine').length, 1002);
    assert.equal(final.at(-1)!.range.start.line, SAMPLE.split('\n').length + 998);
    const runs = client.publicationsFor(uri).length;
    assert.ok(runs <= 20, `${runs} publications for 1,000 changes`);
    const after = rssMb(client.child.pid!);
    assert.ok(after - before < 150, `memory grew from ${before.toFixed(0)} MB to ${after.toFixed(0)} MB`);
  });

  it('offers no quick fix computed for an older text while a newer one waits for its lint', async () => {
    client = await TestClient.start({ root: ws.root, initializationOptions: { debounceMs: 3000 } });
    const uri = await client.open(ws.file('a.ts'), SAMPLE);
    const [first] = await client.diagnostics(uri, 1);
    // A quiet spell, so v2 is linted at once and v3, coming right after, is debounced for
    // 3 s whatever the machine's speed (a v3 arriving 3 s after v2 would be linted at once).
    await new Promise((resolve) => setTimeout(resolve, 3100));
    await client.change(uri, '\n\n' + SAMPLE);
    await client.diagnostics(uri, 2);
    await client.change(uri, '\n\n\n' + SAMPLE); // linted 3 s later: code actions come first
    assert.deepEqual(await client.codeActions(uri, [{ ...first, range: { start: { line: 11, character: 2 }, end: { line: 11, character: 14 } } }]), []);
    const v3 = await client.diagnostics(uri, 3);
    assert.equal(v3[0].range.start.line, 11);
    assert.ok((await client.codeActions(uri, [v3[0]]))!.length > 0);
  });

  it('a client refusing dynamic registration gets a warning, and the server keeps linting', async () => {
    client = await TestClient.start({ root: ws.root, refuseRegistrations: true });
    const uri = await client.open(ws.file('a.ts'), SAMPLE);
    assert.deepEqual(codes(await client.diagnostics(uri, 1)), SAMPLE_CODES);
    const refused = await client.waitFor('two refusal warnings', () => {
      const warnings = client!.logs.filter((l) => l.message.includes('the client refused'));
      return warnings.length === 2 ? warnings : undefined;
    });
    assert.deepEqual(
      refused.map((l) => [l.type, /refused to send ([a-z ]+) \(/.exec(l.message)?.[1]]).sort(),
      [
        [2, 'config file changes'],
        [2, 'settings changes'],
      ],
    );
    assert.equal(client.child.exitCode, null);
  });

  it('exits when the client closes its end of the pipe', async () => {
    client = await TestClient.start({ root: ws.root });
    client.child.stdin!.end();
    const code = await Promise.race([client.exit, new Promise((r) => setTimeout(() => r('still running'), 5000))]);
    assert.notEqual(code, 'still running');
  });

  it('exits when the client process named in initialize is gone', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.once('exit', r));
    const child = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const exited = new Promise((r) => child.once('exit', (c) => r(c)));
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: dead.pid, rootUri: null, capabilities: {} } });
    child.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 10000))]);
    if (code === 'still running') child.kill('SIGKILL');
    assert.equal(code, 1);
  });
});
