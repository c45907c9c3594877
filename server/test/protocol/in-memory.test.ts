// The server in this process over in-memory streams: the same protocol, no process to
// start. Quick checks of the everyday loop; the stdio suites keep the real process.
import * as assert from 'node:assert/strict';
import { TestClient } from '../lsp-client';
import { Workspace, action, applyAction } from '../workspace';
import { SAMPLE, SAMPLE_CODES, coroutineChain } from './sample';

describe('protocol: in memory', function () {
  this.timeout(30000);
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

  it('publishes diagnostics, offers the Yield fix, and refreshes after it', async () => {
    client = await TestClient.inMemory({ root: ws.root });
    const uri = await client.open(ws.file('a.ts'), SAMPLE);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      SAMPLE_CODES,
    );
    const fixed = applyAction(SAMPLE, uri, action(await client.codeActions(uri, [diagnostics[0]]), /^Yield the coroutine/));
    assert.ok(fixed.includes('  yield fetchUser(1);'));
    const version = await client.change(uri, fixed);
    assert.equal((await client.diagnostics(uri, version)).length, diagnostics.length - 1);
  });

  it('re-lints a large document in part, 300 keystrokes in a row, ending on the final text', async () => {
    client = await TestClient.inMemory({ root: ws.root, initializationOptions: { incrementalFrom: 0, confirmAfterMs: 0 } });
    const uri = await client.open(ws.file('large.ts'), coroutineChain(30));
    assert.equal((await client.diagnostics(uri, 1)).length, 30);
    // digits typed into step4's discarded call (line 20), then `yield ` before it
    for (let i = 0; i < 300; i++) {
      const character = '  step4(id + 1'.length + i;
      await client.edit(uri, { start: { line: 20, character }, end: { line: 20, character } }, '9');
    }
    const version = await client.edit(uri, { start: { line: 20, character: 2 }, end: { line: 20, character: 2 } }, 'yield ');
    const final = await client.diagnostics(uri, version, 20000);
    assert.equal(final.length, 29);
    assert.ok(!final.some((d) => d.range.start.line === 20));
  });
});
