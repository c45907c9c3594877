/**
 * The plugin under every supported ESLint major, through each one's real CLI: flat config
 * on 10, 9 and 8.57, the legacy eslintrc config on 8.57, and the type-checked config on 10.
 * ESLint 8 and 9 come from `rules/test/compat` (`npm ci --prefix rules/test/compat`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eslintBin, type Finding, lintWithCli, repoRoot } from './cli';

const project = path.join(repoRoot, 'rules', 'test', 'fixtures', 'project');

const expected: Finding[] = [
  {
    file: 'src/app.ts', ruleId: 'gust/no-unyielded-coroutine', line: 12, column: 3, endLine: 12, endColumn: 15, messageId: 'discarded', fixable: false,
    suggestions: ['Yield the coroutine', 'Run it with IOLoop.current().spawnCallback(...) so the loop reports its errors'],
  },
  { file: 'src/app.ts', ruleId: 'gust/no-unobserved-future', line: 13, column: 9, endLine: 13, endColumn: 16, messageId: 'unobserved', fixable: false, suggestions: [] },
  {
    file: 'src/app.ts', ruleId: 'gust/no-floating-generator', line: 14, column: 3, endLine: 14, endColumn: 10, messageId: 'floating', fixable: false,
    suggestions: ['Delegate to the generator with yield*', 'Wrap the definition in coroutine(...)'],
  },
  { file: 'src/app.ts', ruleId: 'gust/no-deprecated-api', line: 18, column: 21, endLine: 18, endColumn: 29, messageId: 'instance', fixable: true, suggestions: [] },
];

describe('ESLint compatibility (real CLIs on rules/test/fixtures/project)', function () {
  this.timeout(120000);

  it('ESLint 10 with the flat config', () => {
    assert.deepEqual(lintWithCli(eslintBin('eslint'), ['src/app.ts'], project), expected);
  });

  it('ESLint 10 with the type-checked flat config', () => {
    assert.deepEqual(lintWithCli(eslintBin('eslint'), ['--config', 'eslint.typed.config.js', 'src/app.ts'], project), expected);
  });

  it('ESLint 9 with the flat config', function () {
    if (!fs.existsSync(eslintBin('eslint-v9'))) this.skip();
    assert.deepEqual(lintWithCli(eslintBin('eslint-v9'), ['src/app.ts'], project), expected);
  });

  it('ESLint 8.57 with the flat config', function () {
    if (!fs.existsSync(eslintBin('eslint-v8'))) this.skip();
    assert.deepEqual(lintWithCli(eslintBin('eslint-v8'), ['src/app.ts'], project, { ESLINT_USE_FLAT_CONFIG: 'true' }), expected);
  });

  it('ESLint 8.57 with the legacy eslintrc config (plugin:gust/legacy-recommended)', function () {
    if (!fs.existsSync(eslintBin('eslint-v8'))) this.skip();
    assert.deepEqual(lintWithCli(eslintBin('eslint-v8'), ['src/app.ts'], project, { ESLINT_USE_FLAT_CONFIG: 'false' }), expected);
  });

  it('ESLint 8.57 with the legacy type-checked config (plugin:gust/legacy-recommended-type-checked)', function () {
    if (!fs.existsSync(eslintBin('eslint-v8'))) this.skip();
    const args = ['--no-eslintrc', '--config', '.eslintrc.typed.json', '--parser-options', `tsconfigRootDir:${project}`, 'src/app.ts'];
    assert.deepEqual(lintWithCli(eslintBin('eslint-v8'), args, project, { ESLINT_USE_FLAT_CONFIG: 'false' }), expected);
  });
});
