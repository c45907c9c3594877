import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import plugin from '../src/index';

const ids = Object.keys(plugin.rules);
const recommendedIds = ids.filter((id) => plugin.rules[id].meta.docs?.recommended && !plugin.rules[id].meta.docs.requiresTypeChecking);

describe('configs built from rule meta', () => {
  it('recommended enables the recommended rules, problems as errors and advice as warnings', () => {
    const expected = Object.fromEntries(
      recommendedIds.map((id) => [`gust/${id}`, plugin.rules[id].meta.type === 'suggestion' ? 'warn' : 'error']),
    );
    assert.deepEqual(plugin.configs.recommended.rules, expected);
    assert.equal(plugin.configs.recommended.plugins?.gust, plugin);
    assert.equal(plugin.configs['legacy-recommended'].rules, plugin.configs.recommended.rules);
    assert.deepEqual(plugin.configs['legacy-recommended'].plugins, ['gust']);
  });

  it('all enables every rule as an error', () => {
    assert.deepEqual(plugin.configs.all.rules, Object.fromEntries(ids.map((id) => [`gust/${id}`, 'error'])));
    assert.deepEqual(plugin.configs['legacy-all'].rules, plugin.configs.all.rules);
  });

  it('recommended-type-checked turns on the project service with typescript-eslint’s parser', () => {
    const config = plugin.configs['recommended-type-checked'];
    assert.equal((config.languageOptions?.parser as { meta?: { name?: string } } | undefined)?.meta?.name, 'typescript-eslint/parser');
    assert.deepEqual(config.languageOptions?.parserOptions, { projectService: true });
    assert.deepEqual(Object.keys(config.rules ?? {}).sort(), ids.filter((id) => plugin.rules[id].meta.docs?.recommended).map((id) => `gust/${id}`).sort());
    assert.equal(plugin.configs['legacy-recommended-type-checked'].parser, '@typescript-eslint/parser');
  });

  it('the plugin names itself with the package’s version', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { name: string; version: string };
    assert.deepEqual({ name: plugin.meta.name, version: plugin.meta.version }, { name: manifest.name, version: manifest.version });
  });
});
