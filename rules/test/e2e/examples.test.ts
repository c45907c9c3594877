/**
 * End to end: the real `eslint` CLI lints `examples/` with the flat config the README tells
 * users to copy, and its findings must equal the checked-in expectation
 * (`examples.expected.json`). After a deliberate change to the rules or the examples,
 * regenerate it with `GUST_UPDATE_EXPECTED=1 npx mocha ... examples.test.js` and review the diff.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eslintBin, type Finding, lintWithCli, repoRoot } from './cli';

const examples = path.join(repoRoot, 'examples');
const expectationFile = path.join(repoRoot, 'rules', 'test', 'e2e', 'examples.expected.json');

/** The first ```js block of the README's "## ESLint plugin" section. */
function readmeConfig(): string {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## ESLint plugin\n'));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('README.md has no ```js block under "## ESLint plugin"');
  return match[1];
}

describe('eslint CLI on examples/ with the README config', function () {
  this.timeout(120000);

  it('reports exactly the checked-in findings', function () {
    if (!fs.existsSync(examples)) this.skip();
    // ESLint resolves a config's files from the config's own folder, so it goes next to the examples.
    const config = path.join(examples, `.readme-e2e-${process.pid}.eslint.config.cjs`);
    fs.writeFileSync(config, readmeConfig());
    let findings: Finding[];
    try {
      findings = lintWithCli(eslintBin('eslint'), ['--config', config, '*.ts'], examples);
    } finally {
      fs.rmSync(config, { force: true });
    }
    if (process.env.GUST_UPDATE_EXPECTED === '1') fs.writeFileSync(expectationFile, `${JSON.stringify(findings, null, 2)}\n`);
    const expected = JSON.parse(fs.readFileSync(expectationFile, 'utf8')) as Finding[];
    assert.ok(findings.some((finding) => finding.file === 'unyielded.ts'), 'the deliberately wrong example must be flagged');
    assert.deepEqual(findings, expected);
  });
});
