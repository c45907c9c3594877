import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { TestClient } from '../lsp-client';
import { Workspace } from '../workspace';
import { SAMPLE, SAMPLE_CODES, withLines } from './sample';

describe('protocol: diagnostics', function () {
  this.timeout(30000);
  let ws: Workspace;
  let client: TestClient;
  beforeEach(async () => {
    ws = new Workspace();
    client = await TestClient.start({ root: ws.root });
  });
  afterEach(async () => {
    await client.stop();
    ws.dispose();
  });

  it('advertises what the client supports', async () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.gust'] });
    assert.deepEqual(caps.executeCommandProvider, { commands: ['gust.server.showDocumentation', 'gust.server.fixAll'] });
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    await client.waitFor('registrations', () => (client.registrations.length >= 2 ? true : undefined));
    assert.deepEqual(client.registrations, ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
  });

  it('advertises no code actions, commands or registrations to a client without them', async () => {
    const bare = await TestClient.start({ root: ws.root, capabilities: {} });
    try {
      const caps = bare.initializeResult.capabilities;
      assert.equal(caps.codeActionProvider, undefined);
      assert.equal(caps.executeCommandProvider, undefined);
      assert.equal(caps.workspace, undefined);
      // and it still lints, with the settings sent by didChangeConfiguration
      await bare.changeSettings({ rules: { 'gust/no-floating-generator': 'off' } });
      const uri = await bare.open(ws.file('a.ts'), SAMPLE);
      const diagnostics = await bare.diagnostics(uri, 1);
      assert.deepEqual(diagnostics.map((d) => d.code), ['gust/no-unyielded-coroutine', 'gust/no-unyielded-coroutine']);
      assert.equal(bare.registrations.length, 0);
    } finally {
      await bare.stop();
    }
  });

  it('publishes gust diagnostics with code, docs link, severity and version on open', async () => {
    const uri = await client.open(ws.file('a.ts'), SAMPLE);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.code, d.source, d.severity]),
      [
        [8, 2, 'gust/no-unyielded-coroutine', 'gust', DiagnosticSeverity.Error],
        [9, 2, 'gust/no-unyielded-coroutine', 'gust', DiagnosticSeverity.Error],
        [16, 0, 'gust/no-floating-generator', 'gust', DiagnosticSeverity.Error],
      ],
    );
    assert.deepEqual(diagnostics[0].range.end, { line: 8, character: 14 });
    assert.equal(diagnostics[0].message, "This coroutine's Future is discarded, so its errors are lost. Yield it, await it, or hand it to the IOLoop.");
    assert.equal(diagnostics[0].codeDescription!.href, 'https://github.com/gust-ts/gust/blob/main/rules/docs/rules/no-unyielded-coroutine.md');
    assert.equal(diagnostics[2].codeDescription!.href, 'https://github.com/gust-ts/gust/blob/main/rules/docs/rules/no-floating-generator.md');
    assert.equal(client.publicationsFor(uri).at(-1)!.version, 1);
  });

  it('lints the four languages and nothing else', async () => {
    const js = SAMPLE.replace('(id: number)', '(id)');
    const uris = [
      await client.open(ws.file('b.tsx'), SAMPLE, 'typescriptreact'),
      await client.open(ws.file('c.js'), js, 'javascript'),
      await client.open(ws.file('d.jsx'), js, 'javascriptreact'),
    ];
    for (const uri of uris) assert.deepEqual((await client.diagnostics(uri, 1)).map((d) => d.code), SAMPLE_CODES, uri);
    const md = await client.open(ws.file('e.md'), SAMPLE, 'markdown');
    await client.diagnostics(uris[0], 1);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(client.publicationsFor(md).length, 0);
  });

  it('refreshes diagnostics after a change and clears them on close', async () => {
    const uri = await client.open(ws.file('a.ts'), SAMPLE);
    assert.deepEqual((await client.diagnostics(uri, 1)).map((d) => d.code), SAMPLE_CODES);
    const v2 = await client.change(uri, withLines({ 8: '  yield fetchUser(1);' }));
    const after = await client.diagnostics(uri, v2);
    assert.deepEqual(after.map((d) => [d.code, d.range.start.line]), [['gust/no-unyielded-coroutine', 9], ['gust/no-floating-generator', 16]]);
    await client.close(uri);
    await client.waitFor('cleared diagnostics', () => (client.publicationsFor(uri).at(-1)!.diagnostics.length === 0 ? true : undefined));
  });

  it('publishes one parsing error for a file that does not parse, and recovers', async () => {
    const uri = await client.open(ws.file('a.ts'), 'const x = ;\n' + SAMPLE);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.equal(diagnostics.length, 1);
    assert.match(String(diagnostics[0].message), /^Parsing error: /);
    assert.equal(diagnostics[0].range.start.line, 0);
    assert.equal(diagnostics[0].source, 'gust');
    const v2 = await client.change(uri, SAMPLE);
    assert.deepEqual((await client.diagnostics(uri, v2)).map((d) => d.code), SAMPLE_CODES);
  });
});
