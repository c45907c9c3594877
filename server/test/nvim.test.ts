// A real editor's LSP client: headless Neovim drives the built server through the shared
// nvim-lsp-check tool (CI installs neovim; the tool sits in shared/ beside the repo).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { coroutineChain } from './protocol/sample';

const REPO = path.resolve(__dirname, '..', '..', '..');
// `../shared` from a clone; one level further up from a git worktree under wt/.
const TOOL = ['../shared/tools/nvim-lsp-check.sh', '../../shared/tools/nvim-lsp-check.sh'].map((p) => path.resolve(REPO, p)).find((p) => fs.existsSync(p)) ?? path.resolve(REPO, '../shared/tools/nvim-lsp-check.sh');
const FIXTURES = path.join(REPO, 'server', 'test', 'fixtures', 'nvim');

function readJson<T>(dir: string, name: string): T {
  return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as T;
}

describe('Neovim (a real LSP client)', function () {
  this.timeout(120000);
  let out: string;
  before(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'gust-nvim-'));
    const env = { ...process.env, LSP_ROOT: FIXTURES, LSP_SETTINGS: '{"gust":{"enable":true}}', LSP_TIMEOUT_MS: '40000', LSP_SETTLE_MS: '500' };
    await promisify(execFile)('bash', [TOOL, out, path.join(FIXTURES, 'example.ts'), '^Yield', '--', process.execPath, 'server/dist/src/bin.js', '--stdio'], { cwd: REPO, env });
  });
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it('receives the diagnostics for the example file', () => {
    const diagnostics = readJson<{ line: number; col: number; code: string; source: string; severity: number }[]>(out, 'diagnostics.json');
    assert.deepEqual(diagnostics.map((d) => [d.line, d.col, d.code, d.source, d.severity]), [[8, 2, 'gust/no-unyielded-coroutine', 'gust', 1]]);
  });

  it('gets the quick fixes, titled as ESLint users know them', () => {
    const actions = readJson<{ title: string; kind: string; has_edit: boolean }[]>(out, 'actions.json');
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.has_edit]), [
      ['Yield the coroutine (gust/no-unyielded-coroutine)', 'quickfix', true],
      ['Run it with IOLoop.current().spawnCallback(...) so the loop reports its errors (gust/no-unyielded-coroutine)', 'quickfix', true],
      ['Disable gust/no-unyielded-coroutine for this line', 'quickfix', true],
      ['Disable gust/no-unyielded-coroutine for the entire file', 'quickfix', true],
    ]);
  });

  it('the "Yield" quick fix changes the text as expected', () => {
    const before = fs.readFileSync(path.join(FIXTURES, 'example.ts'), 'utf8');
    assert.equal(fs.readFileSync(path.join(out, 'after.txt'), 'utf8'), before.replace('  fetchUser(1);', '  yield fetchUser(1);'));
  });

  it('the diagnostics refresh after the edit', () => {
    assert.deepEqual(readJson(out, 'diagnostics_after.json'), []);
    const timing = readJson<{ publishes_after_edit: number; diagnostics_after: number }>(out, 'timing.json');
    assert.ok(timing.publishes_after_edit >= 1);
  });
});

describe('Neovim (a real LSP client), a large document re-linted incrementally', function () {
  this.timeout(120000);
  let out: string;
  let root: string;
  let text: string;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gust-nvim-large-'));
    out = path.join(root, 'out');
    fs.mkdirSync(out);
    // twelve coroutines, each calling the one before and discarding one call
    text = coroutineChain(12);
    fs.writeFileSync(path.join(root, 'large.ts'), text);
    // every document takes the incremental path; no confirming whole run, so what
    // arrives after the edit is the incremental result alone
    const env = {
      ...process.env,
      LSP_ROOT: root,
      LSP_SETTINGS: '{"gust":{"enable":true}}',
      LSP_INIT_OPTIONS: '{"incrementalFrom":0,"confirmAfterMs":0}',
      LSP_TIMEOUT_MS: '40000',
      LSP_SETTLE_MS: '500',
    };
    await promisify(execFile)('bash', [TOOL, out, path.join(root, 'large.ts'), '^Yield', '--', process.execPath, 'server/dist/src/bin.js', '--stdio'], { cwd: REPO, env });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('diagnoses every discarded call, applies "Yield" to the first, and refreshes the rest', () => {
    const before = readJson<{ line: number; code: string }[]>(out, 'diagnostics.json');
    const discarded = Array.from({ length: 12 }, (_, i) => 2 + 4 * i + 2);
    assert.deepEqual(before.map((d) => [d.line, d.code]), discarded.map((line) => [line, 'gust/no-unyielded-coroutine']));
    assert.equal(fs.readFileSync(path.join(out, 'after.txt'), 'utf8'), text.replace('  sleep(id + 1);', '  yield sleep(id + 1);'));
    const after = readJson<{ line: number; code: string }[]>(out, 'diagnostics_after.json');
    assert.deepEqual(after.map((d) => [d.line, d.code]), discarded.slice(1).map((line) => [line, 'gust/no-unyielded-coroutine']));
  });
});
