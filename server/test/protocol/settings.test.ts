import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { TestClient, uriOf } from '../lsp-client';
import { PLUGIN_PATH, Workspace } from '../workspace';
import { SAMPLE, SAMPLE_CODES } from './sample';

const codes = (ds: { code?: unknown }[]) => ds.map((d) => d.code);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An eslint.config.js for a scratch workspace, with the plugin by absolute path. */
function flatConfig(rules: Record<string, string>, extra = ''): string {
  return [
    `const gust = require(${JSON.stringify(PLUGIN_PATH)});`,
    "const parser = require(require.resolve('@typescript-eslint/parser', { paths: [" + JSON.stringify(__dirname) + '] }));',
    extra,
    'module.exports = [',
    `  { files: ['**/*.ts'], languageOptions: { parser }, plugins: { gust }, rules: ${JSON.stringify(rules)} },`,
    '];',
    '',
  ].join('\n');
}

describe('protocol: settings and ESLint configs', function () {
  this.timeout(30000);
  let ws: Workspace;
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    ws.dispose();
  });
  beforeEach(() => {
    ws = new Workspace();
  });

  it('enable: false publishes nothing; turning it on lints the open files', async () => {
    client = await TestClient.start({ root: ws.root, settings: { enable: false } });
    const uri = await client.open(ws.file('a.ts'), SAMPLE);
    assert.deepEqual(await client.diagnostics(uri), []);
    await client.changeSettings({ enable: true });
    await client.waitFor('diagnostics after enabling', () => (codes(client!.publicationsFor(uri).at(-1)!.diagnostics).join() === SAMPLE_CODES.join() ? true : undefined));
  });

  it('rules: levels from settings override the recommended config', async () => {
    client = await TestClient.start({ root: ws.root, settings: { rules: { 'gust/no-floating-generator': 'off', 'no-unyielded-coroutine': 'warn' } } });
    const uri = await client.open(ws.file('a.ts'), SAMPLE);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['gust/no-unyielded-coroutine', 2], ['gust/no-unyielded-coroutine', 2]]);
    await client.changeSettings({ rules: { 'gust/no-unyielded-coroutine': 'off' } });
    await client.waitFor('settings applied', () => (codes(client!.publicationsFor(uri).at(-1)!.diagnostics).join() === 'gust/no-floating-generator' ? true : undefined));
  });

  it('a wrong setting is reported and its default used', async () => {
    client = await TestClient.start({ root: ws.root, settings: { run: 'sometimes' } });
    const uri = await client.open(ws.file('a.ts'), SAMPLE);
    assert.deepEqual(codes(await client.diagnostics(uri, 1)), SAMPLE_CODES);
    const shown = await client.waitFor('a message', () => client!.shown[0]);
    assert.equal(shown.message, 'gust.run must be "onType" or "onSave"; got "sometimes".');
    assert.equal(shown.type, 2);
  });

  it('run: "onSave" lints on open and save, not on change', async () => {
    client = await TestClient.start({ root: ws.root, settings: { run: 'onSave' } });
    const uri = await client.open(ws.file('a.ts'), SAMPLE);
    assert.deepEqual(codes(await client.diagnostics(uri, 1)), SAMPLE_CODES);
    await client.change(uri, SAMPLE.replace('ticks();', 'yield* ticks;'));
    await pause(500);
    assert.equal(client.publicationsFor(uri).length, 1);
    await client.save(uri);
    assert.deepEqual(codes(await client.diagnostics(uri, 2)), ['gust/no-unyielded-coroutine', 'gust/no-unyielded-coroutine']);
  });

  it('a workspace flat config enabling gust rules decides, and shows only gust messages', async () => {
    ws.write('eslint.config.js', flatConfig({ 'gust/no-floating-generator': 'warn', 'prefer-const': 'error' }));
    client = await TestClient.start({ root: ws.root, settings: { rules: { 'gust/no-floating-generator': 'off' } } });
    const uri = await client.open(ws.file('a.ts'), SAMPLE.replace('const fetchUser', 'let fetchUser'));
    // what `eslint` shows, gust part only: no-floating-generator as a warning; no prefer-const
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['gust/no-floating-generator', 2]]);
  });

  it('a config file change re-lints open files', async () => {
    const config = ws.write('eslint.config.js', flatConfig({ 'gust/no-floating-generator': 'error' }));
    client = await TestClient.start({ root: ws.root });
    const uri = await client.open(ws.file('a.ts'), SAMPLE);
    assert.deepEqual(codes(await client.diagnostics(uri, 1)), ['gust/no-floating-generator']);
    fs.writeFileSync(config, flatConfig({ 'gust/no-unyielded-coroutine': 'warn' }));
    await client.filesChanged([{ uri: uriOf(config), type: FileChangeType.Changed }]);
    await client.waitFor('re-lint with the new config', () => {
      const last = client!.publicationsFor(uri).at(-1)!;
      return codes(last.diagnostics).join() === 'gust/no-unyielded-coroutine,gust/no-unyielded-coroutine' ? true : undefined;
    });
  });

  it('a config without gust rules leaves the client settings in charge', async () => {
    ws.write('eslint.config.js', flatConfig({ 'prefer-const': 'error' }));
    client = await TestClient.start({ root: ws.root });
    const uri = await client.open(ws.file('a.ts'), SAMPLE);
    assert.deepEqual(codes(await client.diagnostics(uri, 1)), SAMPLE_CODES);
  });

  it('a broken config gives a clear message and the settings are used', async () => {
    ws.write('eslint.config.js', 'module.exports = [{ rules: { "gust/no-floating-generator": "error" } }];\nthrow new Error("oops in config");\n');
    client = await TestClient.start({ root: ws.root });
    const uri = await client.open(ws.file('a.ts'), SAMPLE);
    assert.deepEqual(codes(await client.diagnostics(uri, 1)), SAMPLE_CODES);
    const shown = await client.waitFor('an error message', () => client!.shown.find((m) => m.type === 1));
    assert.match(shown.message, /^The ESLint config .*eslint\.config\.js could not be loaded \(oops in config\); fix it so that `npx eslint` runs/);
  });
});
