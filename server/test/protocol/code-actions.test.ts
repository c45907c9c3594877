import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from '../lsp-client';
import { Workspace, action, applyAction, editsFor, titles } from '../workspace';
import { LINTED, SAMPLE, withLine } from './sample';

describe('protocol: code actions', function () {
  this.timeout(30000);
  let ws: Workspace;
  let client: TestClient;
  let uri: string;
  let diagnostics: Diagnostic[];
  beforeEach(async () => {
    ws = new Workspace();
    client = await TestClient.start({ root: ws.root });
    uri = await client.open(ws.file('a.ts'), SAMPLE);
    diagnostics = await client.diagnostics(uri, 1);
  });
  afterEach(async () => {
    await client.stop();
    ws.dispose();
  });

  const unyielded = () => diagnostics.find((d) => d.code === 'gust/no-unyielded-coroutine')!;
  const deprecated = () => diagnostics.filter((d) => d.code === 'gust/no-deprecated-api');

  it('offers the suggestions, disable and docs actions for a discarded coroutine', async () => {
    const actions = await client.codeActions(uri, [unyielded()]);
    assert.deepEqual(titles(actions), LINTED.unyieldedTitles);
    for (const a of actions as CodeAction[]) {
      assert.equal(a.kind, 'quickfix');
      assert.equal(a.isPreferred, undefined);
      assert.deepEqual(a.diagnostics, [unyielded()]);
    }
  });

  it('the "Yield" suggestion adds yield, and the problem goes away', async () => {
    const actions = await client.codeActions(uri, [unyielded()]);
    const after = applyAction(SAMPLE, uri, action(actions, /^Yield/));
    assert.equal(after, withLine(8, '  yield fetchUser(1);'));
    const v2 = await client.change(uri, after);
    assert.deepEqual((await client.diagnostics(uri, v2)).map((d) => d.code), ['gust/no-deprecated-api', 'gust/no-deprecated-api']);
  });

  it('each suggestion has the edit of its title', async () => {
    const actions = await client.codeActions(uri, [unyielded()]);
    for (const [title, line] of LINTED.unyieldedSuggestions) {
      assert.equal(applyAction(SAMPLE, uri, action(actions, title)), line, title);
    }
  });

  it('"Disable for this line" adds an indented comment that ESLint honours', async () => {
    const actions = await client.codeActions(uri, [unyielded()]);
    const after = applyAction(SAMPLE, uri, action(actions, 'Disable gust/no-unyielded-coroutine for this line'));
    const expected = SAMPLE.replace('  fetchUser(1);', '  // eslint-disable-next-line gust/no-unyielded-coroutine\n  fetchUser(1);');
    assert.equal(after, expected);
    const v2 = await client.change(uri, after);
    assert.deepEqual((await client.diagnostics(uri, v2)).map((d) => d.code), ['gust/no-deprecated-api', 'gust/no-deprecated-api']);
  });

  it('"Disable for this line" merges into an existing eslint-disable-next-line comment', async () => {
    const text = SAMPLE.replace('  fetchUser(1);', '  // eslint-disable-next-line no-console -- fine here\n  fetchUser(1);');
    const v2 = await client.change(uri, text);
    const d = (await client.diagnostics(uri, v2)).find((x) => x.code === 'gust/no-unyielded-coroutine')!;
    const after = applyAction(text, uri, action(await client.codeActions(uri, [d]), 'Disable gust/no-unyielded-coroutine for this line'));
    assert.equal(after, SAMPLE.replace('  fetchUser(1);', '  // eslint-disable-next-line no-console, gust/no-unyielded-coroutine -- fine here\n  fetchUser(1);'));
    const v3 = await client.change(uri, after);
    assert.equal((await client.diagnostics(uri, v3)).filter((x) => x.code === 'gust/no-unyielded-coroutine').length, 0);
  });

  it('"Disable for the entire file" adds a block comment on top', async () => {
    const after = applyAction(SAMPLE, uri, action(await client.codeActions(uri, [deprecated()[0]]), 'Disable gust/no-deprecated-api for the entire file'));
    assert.equal(after, '/* eslint-disable gust/no-deprecated-api */\n' + SAMPLE);
    const v2 = await client.change(uri, after);
    assert.deepEqual((await client.diagnostics(uri, v2)).map((d) => d.code), ['gust/no-unyielded-coroutine']);
  });

  it('offers the fix (preferred) and "Fix all" for a rule with several fixable problems', async () => {
    const actions = await client.codeActions(uri, [deprecated()[0]]);
    assert.deepEqual(titles(actions), [
      'Fix this gust/no-deprecated-api problem',
      ...LINTED.deprecatedSuggestionTitles,
      'Disable gust/no-deprecated-api for this line',
      'Fix all gust/no-deprecated-api problems',
      'Disable gust/no-deprecated-api for the entire file',
      'Show documentation for gust/no-deprecated-api',
    ]);
    const fix = action(actions, 'Fix this gust/no-deprecated-api problem');
    assert.equal(fix.isPreferred, true);
    assert.equal(applyAction(SAMPLE, uri, fix), withLine(9, '  const loop = IOLoop.current();'));
    const all = applyAction(SAMPLE, uri, action(actions, 'Fix all gust/no-deprecated-api problems'));
    assert.equal(all, SAMPLE.replaceAll('IOLoop.instance()', 'IOLoop.current()'));
  });

  it('edits name the document version they were computed for', async () => {
    const [fix] = (await client.codeActions(uri, [deprecated()[0]])) as CodeAction[];
    assert.deepEqual((fix.edit!.documentChanges![0] as { textDocument: unknown }).textDocument, { uri, version: 1 });
  });

  it('"Show documentation" opens the rule docs through window/showDocument', async () => {
    const docs = action(await client.codeActions(uri, [unyielded()]), 'Show documentation for gust/no-unyielded-coroutine');
    assert.equal(docs.edit, undefined);
    await client.connection.sendRequest('workspace/executeCommand', docs.command);
    assert.deepEqual(client.documentsShown, [{ uri: unyielded().codeDescription!.href, external: true }]);
  });

  it('source.fixAll.gust applies every safe fix (and no suggestion)', async () => {
    const actions = (await client.codeActions(uri, [], ['source.fixAll'])) as CodeAction[];
    assert.deepEqual(titles(actions), ['Fix all auto-fixable gust problems']);
    assert.equal(actions[0].kind, 'source.fixAll.gust');
    assert.equal(applyAction(SAMPLE, uri, actions[0]), SAMPLE.replaceAll('IOLoop.instance()', 'IOLoop.current()'));
    // only source actions were asked for
    assert.ok(!titles(await client.codeActions(uri, deprecated(), ['source.fixAll'])).some((t) => t.startsWith('Fix this')));
  });

  it('source.fixAll.gust offers nothing when there is nothing to fix', async () => {
    const v2 = await client.change(uri, SAMPLE.replaceAll('IOLoop.instance()', 'IOLoop.current()'));
    await client.diagnostics(uri, v2);
    assert.deepEqual(await client.codeActions(uri, [], ['source.fixAll.gust']), []);
  });

  it('the gust.server.fixAll command applies the fixes through workspace/applyEdit', async () => {
    await client.connection.sendRequest('workspace/executeCommand', { command: 'gust.server.fixAll', arguments: [uri] });
    assert.equal(client.appliedEdits.length, 1);
    const edits = editsFor(client.appliedEdits[0].edit, uri);
    assert.equal(applyAction(SAMPLE, uri, { title: 'applied', edit: { changes: { [uri]: edits } } }), SAMPLE.replaceAll('IOLoop.instance()', 'IOLoop.current()'));
  });

  it('answers nothing for diagnostics of another server', async () => {
    const foreign: Diagnostic = { ...unyielded(), source: 'ts', code: 2304, message: "Cannot find name 'x'." };
    assert.deepEqual(await client.codeActions(uri, [foreign]), []);
  });
});
