import * as assert from 'node:assert/strict';
import { TestClient } from '../lsp-client';
import { Workspace } from '../workspace';
import { coroutineChain as chain } from './sample';

const lines = (ds: { range: { start: { line: number } } }[]) => ds.map((d) => d.range.start.line);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('protocol: incremental re-lint of large documents', function () {
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

  it('an edit inside one coroutine is re-linted in part, then confirmed by a whole run with the same diagnostics', async () => {
    client = await TestClient.start({ root: ws.root, initializationOptions: { incrementalFrom: 0, confirmAfterMs: 300 } });
    const text = chain(20);
    const uri = await client.open(ws.file('chain.ts'), text);
    const before = await client.diagnostics(uri, 1);
    assert.equal(before.length, 20);
    // line of `step9(id + 1);`: import, blank, then 4 lines per block; the call is the third
    const line = 2 + 10 * 4 + 2;
    assert.equal(text.split('\n')[line], '  step9(id + 1);');
    const version = await client.edit(uri, { start: { line, character: 2 }, end: { line, character: 2 } }, 'yield ');
    const after = await client.diagnostics(uri, version);
    assert.deepEqual(lines(after), lines(before).filter((l) => l !== line));
    // the whole run that confirms the incremental one publishes again, the same
    const confirmation = await client.waitFor('the confirming run', () => (client!.publicationsFor(uri).filter((p) => p.version === version).length >= 2 ? true : undefined));
    assert.ok(confirmation);
    const [first, second] = client.publicationsFor(uri).filter((p) => p.version === version);
    assert.deepEqual(second.diagnostics, first.diagnostics);
    assert.ok(!client.logs.some((l) => l.message.includes('differed')), JSON.stringify(client.logs));
  });

  it('1,000 keystrokes in a row inside one coroutine: final diagnostics match the final text, confirmed', async () => {
    client = await TestClient.start({ root: ws.root, initializationOptions: { incrementalFrom: 0, confirmAfterMs: 300 } });
    const text = chain(40);
    const uri = await client.open(ws.file('chain.ts'), text);
    const before = await client.diagnostics(uri, 1);
    assert.equal(before.length, 40);
    // digits typed into `step9(id + 1);` (line 44), one change each; then `yield ` before it
    const line = 44;
    let version = 1;
    for (let i = 0; i < 1000; i++) {
      const character = '  step9(id + 1'.length + i;
      version = await client.edit(uri, { start: { line, character }, end: { line, character } }, '7');
    }
    version = await client.edit(uri, { start: { line, character: 2 }, end: { line, character: 2 } }, 'yield ');
    const after = await client.diagnostics(uri, version, 30000);
    assert.deepEqual(lines(after), lines(before).filter((l) => l !== line));
    await client.waitFor('the confirming run', () => (client!.publicationsFor(uri).filter((p) => p.version === version).length >= 2 ? true : undefined));
    const [first, second] = client.publicationsFor(uri).filter((p) => p.version === version);
    assert.deepEqual(second.diagnostics, first.diagnostics);
    assert.ok(!client.logs.some((l) => l.message.includes('differed')), JSON.stringify(client.logs));
  });

  it('a document under incrementalFrom is linted whole, once per change', async () => {
    client = await TestClient.start({ root: ws.root, initializationOptions: { incrementalFrom: 1_000_000, confirmAfterMs: 100 } });
    const uri = await client.open(ws.file('chain.ts'), chain(20));
    await client.diagnostics(uri, 1);
    const version = await client.edit(uri, { start: { line: 44, character: 2 }, end: { line: 44, character: 2 } }, 'yield ');
    assert.equal((await client.diagnostics(uri, version)).length, 19);
    await pause(600);
    assert.equal(client.publicationsFor(uri).filter((p) => p.version === version).length, 1);
  });
});
