import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, parseSettings, qualifyRuleId } from '../src/settings';

describe('settings', () => {
  it('uses the defaults when nothing is set', () => {
    assert.deepEqual(parseSettings(undefined), { settings: DEFAULT_SETTINGS, problems: [] });
    assert.deepEqual(parseSettings(null).settings, { enable: true, run: 'onType', typeAware: false, rules: {} });
  });

  it('reads every key and qualifies rule ids', () => {
    const { settings, problems } = parseSettings({ enable: false, run: 'onSave', typeAware: true, rules: { 'no-unyielded-coroutine': 'warn', 'gust/no-deprecated-api': ['off'], 'gust/prefer-parallel-yield': 2 } });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      enable: false,
      run: 'onSave',
      typeAware: true,
      rules: { 'gust/no-unyielded-coroutine': 'warn', 'gust/no-deprecated-api': ['off'], 'gust/prefer-parallel-yield': 'error' },
    });
  });

  it('passes rule options through in ESLint\'s [level, options] form', () => {
    const { settings } = parseSettings({ rules: { 'no-unyielded-coroutine': ['warn', { autofix: 'yield' }] } });
    assert.deepEqual(settings.rules, { 'gust/no-unyielded-coroutine': ['warn', { autofix: 'yield' }] });
  });

  it('keeps the default for each wrong value and says how to fix it', () => {
    const { settings, problems } = parseSettings({ enable: 'yes', run: 'sometimes', typeAware: 1, rules: { 'no-x': 'loud' } });
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(problems, [
      'gust.enable must be true or false; got "yes".',
      'gust.run must be "onType" or "onSave"; got "sometimes".',
      'gust.typeAware must be true or false; got 1.',
      'gust.rules["no-x"] must be "off", "warn" or "error"; got "loud".',
    ]);
    assert.match(parseSettings('on').problems[0], /must be an object/);
    assert.match(parseSettings({ rules: [] }).problems[0], /gust.rules must map rule ids/);
  });

  it('qualifies rule ids once', () => {
    assert.equal(qualifyRuleId('no-x'), 'gust/no-x');
    assert.equal(qualifyRuleId('gust/no-x'), 'gust/no-x');
  });
});
