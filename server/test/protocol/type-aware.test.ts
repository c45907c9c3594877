import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestClient } from '../lsp-client';

// On disk in the repo so `gust` resolves (its Future type is what typed rules look for).
const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'typed');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

describe('protocol: typeAware', function () {
  this.timeout(60000);
  let client: TestClient;
  beforeEach(async () => {
    client = await TestClient.start({ root: FIXTURES, settings: { typeAware: true } });
  });
  afterEach(() => client.stop());

  it('publishes syntactic results first, then typed results that replace them', async () => {
    const uri = await client.open(path.join(FIXTURES, 'use.ts'), read('use.ts'));
    // `load` comes from another file: only the type checker knows it returns a Future
    const typed = await client.waitFor('typed diagnostics', () => {
      const last = client.publicationsFor(uri).at(-1);
      return last && last.diagnostics.length > 0 ? last.diagnostics : undefined;
    }, 40000);
    assert.deepEqual(typed.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['gust/no-unyielded-coroutine', 3, 2]]);
    const all = client.publicationsFor(uri);
    assert.equal(all.length, 2);
    assert.deepEqual(all[0].diagnostics, []);
  });

  it('a change in one file re-lints the open files that depend on it', async () => {
    const use = await client.open(path.join(FIXTURES, 'use.ts'), read('use.ts'));
    await client.waitFor('typed diagnostics', () => (client.publicationsFor(use).at(-1)?.diagnostics.length === 1 ? true : undefined), 40000);
    const other = await client.open(path.join(FIXTURES, 'other.ts'), read('other.ts'));
    await client.waitFor('other.ts linted', () => (client.publicationsFor(other).length >= 2 ? true : undefined), 40000);
    const lib = await client.open(path.join(FIXTURES, 'lib.ts'), read('lib.ts'));
    await client.waitFor('lib linted', () => (client.publicationsFor(lib).length >= 2 ? true : undefined), 40000);
    // Let every run that opening the files asked for finish (on a loaded machine a typed run
    // can still be on its way), so what follows counts only what the change to lib.ts causes.
    let otherRuns = -1;
    while (otherRuns !== client.publicationsFor(other).length) {
      otherRuns = client.publicationsFor(other).length;
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    // load stops returning a Future: use.ts, unchanged, must lose its diagnostic
    await client.change(lib, 'export const load = (id: number): number => id;\n');
    await client.waitFor('use.ts re-linted without the diagnostic', () => (client.publicationsFor(use).at(-1)?.diagnostics.length === 0 ? true : undefined), 40000);
    // and back: the Future returns, so does the diagnostic
    await client.change(lib, read('lib.ts'));
    await client.waitFor('use.ts re-linted with the diagnostic', () => (client.publicationsFor(use).at(-1)?.diagnostics.length === 1 ? true : undefined), 40000);
    // other.ts does not import lib.ts: it was left alone
    assert.equal(client.publicationsFor(other).length, otherRuns);
  });
});
