import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from '../lsp-client';
import { Workspace, action, applyAction, editsFor, titles } from '../workspace';
import { AUTOFIX_YIELD, SAMPLE, YIELDED, withLines } from './sample';

const UNYIELDED = 'gust/no-unyielded-coroutine';
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

describe('protocol: code actions', function () {
  this.timeout(30000);
  let ws: Workspace;
  let client: TestClient;
  let uri: string;
  let diagnostics: Diagnostic[];
  async function start(settings?: unknown) {
    client = await TestClient.start({ root: ws.root, settings });
    uri = await client.open(ws.file('a.ts'), SAMPLE);
    diagnostics = await client.diagnostics(uri, 1);
  }
  beforeEach(() => {
    ws = new Workspace();
  });
  afterEach(async () => {
    await client.stop();
    ws.dispose();
  });

  const unyielded = () => diagnostics.filter((d) => d.code === UNYIELDED);
  const floating = () => diagnostics.find((d) => d.code === 'gust/no-floating-generator')!;

  describe('suggestions, disable and docs', () => {
    beforeEach(() => start());

    it('offers each suggestion, disable line/file and docs for a discarded coroutine', async () => {
      const actions = await client.codeActions(uri, [unyielded()[0]]);
      assert.deepEqual(titles(actions), [
        'Yield the coroutine (gust/no-unyielded-coroutine)',
        'Run it with IOLoop.current().spawnCallback(...) so the loop reports its errors (gust/no-unyielded-coroutine)',
        'Disable gust/no-unyielded-coroutine for this line',
        'Disable gust/no-unyielded-coroutine for the entire file',
        'Show documentation for gust/no-unyielded-coroutine',
      ]);
      for (const a of actions as CodeAction[]) {
        assert.equal(a.kind, 'quickfix');
        assert.equal(a.isPreferred, undefined);
        assert.deepEqual(a.diagnostics, [unyielded()[0]]);
      }
    });

    it('"Yield the coroutine" adds yield, and the problem goes away', async () => {
      const after = applyAction(SAMPLE, uri, action(await client.codeActions(uri, [unyielded()[0]]), /^Yield the coroutine/));
      assert.equal(after, withLines({ 8: '  yield fetchUser(1);' }));
      const v2 = await client.change(uri, after);
      assert.deepEqual(codes(await client.diagnostics(uri, v2)), [UNYIELDED, 'gust/no-floating-generator']);
    });

    it('"spawnCallback" hands the call to the loop and imports IOLoop', async () => {
      const after = applyAction(SAMPLE, uri, action(await client.codeActions(uri, [unyielded()[1]]), /^Run it with IOLoop.current\(\).spawnCallback/));
      assert.equal(after, withLines({ 0: "import { coroutine, sleep, IOLoop } from 'gust';", 9: '  IOLoop.current().spawnCallback(fetchUser, 2);' }));
    });

    it('the generator suggestion wraps the definition in coroutine(...)', async () => {
      const actions = await client.codeActions(uri, [floating()]);
      assert.deepEqual(titles(actions).slice(0, 1), ['Wrap the definition in coroutine(...) (gust/no-floating-generator)']);
      const after = applyAction(SAMPLE, uri, actions![0]);
      assert.equal(after, SAMPLE.replace('function* ticks() {\n  yield 1;\n}', 'const ticks = coroutine(function* ticks() {\n  yield 1;\n});'));
    });

    it('"Disable for this line" adds an indented comment that ESLint honours', async () => {
      const after = applyAction(SAMPLE, uri, action(await client.codeActions(uri, [unyielded()[0]]), `Disable ${UNYIELDED} for this line`));
      assert.equal(after, SAMPLE.replace('  fetchUser(1);', `  // eslint-disable-next-line ${UNYIELDED}\n  fetchUser(1);`));
      const v2 = await client.change(uri, after);
      assert.deepEqual((await client.diagnostics(uri, v2)).map((d) => [d.code, d.range.start.line]), [[UNYIELDED, 10], ['gust/no-floating-generator', 17]]);
    });

    it('"Disable for this line" merges into an existing eslint-disable-next-line comment', async () => {
      const text = SAMPLE.replace('  fetchUser(1);', '  // eslint-disable-next-line no-console -- fine here\n  fetchUser(1);');
      const v2 = await client.change(uri, text);
      const d = (await client.diagnostics(uri, v2)).find((x) => x.code === UNYIELDED && x.range.start.line === 9)!;
      const after = applyAction(text, uri, action(await client.codeActions(uri, [d]), `Disable ${UNYIELDED} for this line`));
      assert.equal(after, SAMPLE.replace('  fetchUser(1);', `  // eslint-disable-next-line no-console, ${UNYIELDED} -- fine here\n  fetchUser(1);`));
      const v3 = await client.change(uri, after);
      assert.deepEqual((await client.diagnostics(uri, v3)).map((x) => x.range.start.line), [10, 17]);
    });

    it('"Disable for this line" among JSX children writes {/* ... */}, which ESLint honours', async () => {
      const page = [
        "import { coroutine, sleep } from 'gust';",
        'const loadUser = coroutine(function* (id: number) {',
        '  yield sleep(id);',
        '});',
        'export const Page = ({ ids }: { ids: number[] }) => (',
        '  <ul>',
        '    {ids.forEach(loadUser)}',
        '  </ul>',
        ');',
        '',
      ].join('\n');
      const pageUri = await client.open(ws.file('page.tsx'), page, 'typescriptreact');
      const [d] = await client.diagnostics(pageUri, 1);
      assert.equal(d.code, 'gust/no-misused-coroutine');
      const after = applyAction(page, pageUri, action(await client.codeActions(pageUri, [d]), 'Disable gust/no-misused-coroutine for this line'));
      assert.equal(after, page.replace('    {ids.forEach', '    {/* eslint-disable-next-line gust/no-misused-coroutine */}\n    {ids.forEach'));
      const v2 = await client.change(pageUri, after);
      assert.deepEqual(await client.diagnostics(pageUri, v2), []);
    });

    it('"Disable for the entire file" adds a block comment on top', async () => {
      const after = applyAction(SAMPLE, uri, action(await client.codeActions(uri, [unyielded()[1]]), `Disable ${UNYIELDED} for the entire file`));
      assert.equal(after, `/* eslint-disable ${UNYIELDED} */\n` + SAMPLE);
      const v2 = await client.change(uri, after);
      assert.deepEqual(codes(await client.diagnostics(uri, v2)), ['gust/no-floating-generator']);
    });

    it('"Show documentation" opens the rule docs through window/showDocument', async () => {
      const docs = action(await client.codeActions(uri, [unyielded()[0]]), `Show documentation for ${UNYIELDED}`);
      assert.equal(docs.edit, undefined);
      await client.connection.sendRequest('workspace/executeCommand', docs.command);
      assert.deepEqual(client.documentsShown, [{ uri: 'https://github.com/gust-ts/gust/blob/main/rules/docs/rules/no-unyielded-coroutine.md', external: true }]);
    });

    it('edits name the document version they were computed for', async () => {
      const [first] = (await client.codeActions(uri, [unyielded()[0]])) as CodeAction[];
      assert.deepEqual((first.edit!.documentChanges![0] as { textDocument: unknown }).textDocument, { uri, version: 1 });
    });

    it('source.fixAll.gust applies no suggestion: nothing to offer without fixes', async () => {
      assert.deepEqual(await client.codeActions(uri, [], ['source.fixAll']), []);
    });

    it('answers nothing for diagnostics of another server', async () => {
      const foreign: Diagnostic = { ...unyielded()[0], source: 'ts', code: 2304, message: "Cannot find name 'x'." };
      assert.deepEqual(await client.codeActions(uri, [foreign]), []);
    });
  });

  describe('fixes (the yield repair made an autofix in settings)', () => {
    beforeEach(() => start(AUTOFIX_YIELD));

    it('offers the fix (preferred) and "Fix all" for a rule with several fixable problems', async () => {
      const actions = await client.codeActions(uri, [unyielded()[0]]);
      assert.deepEqual(titles(actions), [
        `Fix this ${UNYIELDED} problem`,
        'Yield the coroutine (gust/no-unyielded-coroutine)',
        'Run it with IOLoop.current().spawnCallback(...) so the loop reports its errors (gust/no-unyielded-coroutine)',
        `Disable ${UNYIELDED} for this line`,
        `Fix all ${UNYIELDED} problems`,
        `Disable ${UNYIELDED} for the entire file`,
        `Show documentation for ${UNYIELDED}`,
      ]);
      const fix = action(actions, `Fix this ${UNYIELDED} problem`);
      assert.equal(fix.isPreferred, true);
      assert.equal(applyAction(SAMPLE, uri, fix), withLines({ 8: '  yield fetchUser(1);' }));
      assert.equal(applyAction(SAMPLE, uri, action(actions, `Fix all ${UNYIELDED} problems`)), YIELDED);
    });

    it('source.fixAll.gust applies every safe fix until stable, and no suggestion', async () => {
      const actions = (await client.codeActions(uri, [], ['source.fixAll'])) as CodeAction[];
      assert.deepEqual(titles(actions), ['Fix all auto-fixable gust problems']);
      assert.equal(actions[0].kind, 'source.fixAll.gust');
      assert.equal(applyAction(SAMPLE, uri, actions[0]), YIELDED);
      assert.ok(!titles(await client.codeActions(uri, unyielded(), ['source.fixAll'])).some((t) => t.startsWith('Fix this')));
      const v2 = await client.change(uri, YIELDED);
      await client.diagnostics(uri, v2);
      assert.deepEqual(await client.codeActions(uri, [], ['source.fixAll.gust']), []);
    });

    it('the gust.server.fixAll command applies the fixes through workspace/applyEdit', async () => {
      await client.connection.sendRequest('workspace/executeCommand', { command: 'gust.server.fixAll', arguments: [uri] });
      assert.equal(client.appliedEdits.length, 1);
      const edits = editsFor(client.appliedEdits[0].edit, uri);
      assert.equal(applyAction(SAMPLE, uri, { title: 'applied', edit: { changes: { [uri]: edits } } }), YIELDED);
    });
  });
});
