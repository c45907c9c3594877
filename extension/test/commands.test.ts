// The extension's commands and status bar item in a real VS Code, through
// commands-e2e.mjs (code-server and chromium from the shared e2e tool's install).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const prefix = process.env.E2E_PREFIX ?? '/tmp/vscode-e2e-cache';

describe('extension commands in a real VS Code (e2e)', function () {
  this.timeout(300_000);

  it('shows the server running in the status bar, restarts it, fixes all, lints an untitled buffer, offers the snippets, and opens the output on click', async () => {
    const vsix = path.join(root, 'extension/gust-vscode.vsix');
    assert.ok(fs.existsSync(vsix), 'extension/gust-vscode.vsix is missing: run npm run build');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gust-commands-out-'));
    const output = await new Promise<string>((resolve) => {
      execFile(
        process.execPath,
        [path.join(root, 'extension/test/commands-e2e.mjs'), '--prefix', prefix, '--vsix', vsix, '--out', out],
        { cwd: root, timeout: 280_000, maxBuffer: 16 * 1024 * 1024 },
        (_error, stdout, stderr) => resolve(`${stdout}${stderr}`),
      );
    });
    const lines = output.trim().split('\n');
    assert.equal(lines[lines.length - 1], '1 passed, 0 failed', `${output}\n(screenshots and logs in ${out})`);
    assert.match(output, /restarted: status running again, diagnostic back/);
    assert.match(output, /export const loop = IOLoop\.current\(\);/);
    assert.match(output, /untitled buffer linted: This coroutine's Future is discarded/);
    assert.match(output, /snippet inserted: the background loop/);
    fs.rmSync(out, { recursive: true, force: true });
  });
});
