// The packaged extension in a real VS Code (code-server's workbench in headless
// chromium), driven by the team's shared tool: install the VSIX, open a file with a
// discarded coroutine call, see the diagnostic, apply the "Yield" quick fix, save.
// Needs `bash ../shared/tools/vscode-e2e/install.sh /tmp/vscode-e2e-cache` first (.ci/run
// does it) and the VSIX from `npm run build`.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const prefix = process.env.E2E_PREFIX ?? '/tmp/vscode-e2e-cache';

// CI clones the repo beside `shared/`; a worktree one level deeper finds it one further up.
function e2eScript(): string {
  const candidates = [path.resolve(root, '../shared'), path.resolve(root, '../../shared')];
  for (const shared of candidates) {
    const script = path.join(shared, 'tools/vscode-e2e/e2e.mjs');
    if (fs.existsSync(script)) return script;
  }
  throw new Error(`the shared e2e tool is not in ${candidates.join(' or ')}: clone the repo beside shared/`);
}

function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

describe('extension in a real VS Code (e2e)', function () {
  this.timeout(300_000);

  it('shows the discarded-coroutine diagnostic and applies the "Yield" quick fix', async () => {
    const vsix = path.join(root, 'extension/gust-vscode.vsix');
    assert.ok(fs.existsSync(vsix), 'extension/gust-vscode.vsix is missing: run npm run build');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gust-e2e-out-'));
    const { code, output } = await run(
      process.execPath,
      [
        e2eScript(),
        '--prefix', prefix,
        '--vsix', 'extension/gust-vscode.vsix',
        '--workspace', 'extension/test/fixtures/workspace',
        '--file', 'unyielded.ts',
        '--message', 'discarded',
        '--fix-title', 'Yield',
        '--expect', 'yield ',
        '--out', out,
      ],
      280_000,
    );
    const lines = output.trim().split('\n');
    assert.equal(lines[lines.length - 1], '1 passed, 0 failed', `${output}\n(screenshots and logs in ${out})`);
    assert.equal(code, 0, output);
    assert.match(output, /yield fetchUser\(\);/, 'the fixed call is on disk');
    fs.rmSync(out, { recursive: true, force: true });
  });
});
