import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, mapConfigurationResults, ruleId, toServerSettings } from '../src/settings';

describe('extension settings', () => {
  describe('toServerSettings', () => {
    it('gives the defaults for a missing section', () => {
      assert.deepEqual(toServerSettings(undefined), {
        settings: { enable: true, run: 'onType', typeAware: false, rules: {} },
        problems: [],
      });
    });

    it('keeps valid values and drops the client-only trace setting', () => {
      const reading = toServerSettings({
        enable: false,
        run: 'onSave',
        typeAware: true,
        rules: { 'gust/prefer-parallel-yield': 'off', 'gust/no-unyielded-coroutine': 'error' },
        trace: { server: 'verbose' },
      });
      assert.deepEqual(reading, {
        settings: {
          enable: false,
          run: 'onSave',
          typeAware: true,
          rules: { 'gust/prefer-parallel-yield': 'off', 'gust/no-unyielded-coroutine': 'error' },
        },
        problems: [],
      });
    });

    it('completes short rule ids and maps ESLint numeric severities', () => {
      const reading = toServerSettings({ rules: { 'no-deprecated-api': 2, 'prefer-parallel-yield': 0, 'gust/no-floating-generator': 1 } });
      assert.deepEqual(reading.settings.rules, {
        'gust/no-deprecated-api': 'error',
        'gust/prefer-parallel-yield': 'off',
        'gust/no-floating-generator': 'warn',
      });
      assert.deepEqual(reading.problems, []);
    });

    it('falls back to the default for a wrong run value and says how to fix it', () => {
      const reading = toServerSettings({ run: 'onChange' });
      assert.equal(reading.settings.run, 'onType');
      assert.deepEqual(reading.problems, ['gust.run is "onChange"; use "onType" or "onSave". Using "onType".']);
    });

    it('falls back to the defaults for non-boolean switches', () => {
      const reading = toServerSettings({ enable: 'yes', typeAware: 1 });
      assert.equal(reading.settings.enable, true);
      assert.equal(reading.settings.typeAware, false);
      assert.deepEqual(reading.problems, [
        'gust.enable is "yes"; use true or false. Using true.',
        'gust.typeAware is 1; use true or false. Using false.',
      ]);
    });

    it('ignores a bad severity but keeps the other rules', () => {
      const reading = toServerSettings({ rules: { 'gust/no-unobserved-future': 'warning', 'gust/no-deprecated-api': 'warn', 'gust/x': 3 } });
      assert.deepEqual(reading.settings.rules, { 'gust/no-deprecated-api': 'warn' });
      assert.deepEqual(reading.problems, [
        'gust.rules["gust/no-unobserved-future"] is "warning"; use "off", "warn" or "error". Ignoring it.',
        'gust.rules["gust/x"] is 3; use "off", "warn" or "error". Ignoring it.',
      ]);
    });

    it('ignores rules that are not an object', () => {
      const reading = toServerSettings({ rules: ['gust/no-deprecated-api'] });
      assert.deepEqual(reading.settings.rules, {});
      assert.equal(reading.problems.length, 1);
      assert.match(reading.problems[0] ?? '', /^gust\.rules is \["gust\/no-deprecated-api"\]; use an object/);
    });

    it('uses the defaults when the section itself is not an object', () => {
      const reading = toServerSettings('on');
      assert.deepEqual(reading.settings, { ...DEFAULT_SETTINGS, rules: {} });
      assert.deepEqual(reading.problems, ['The gust settings section is "on"; it must be an object. Using the defaults.']);
    });

    it('never hands out the frozen default rules object', () => {
      const reading = toServerSettings(undefined);
      reading.settings.rules['gust/no-deprecated-api'] = 'off';
      assert.deepEqual(DEFAULT_SETTINGS.rules, {});
    });
  });

  describe('ruleId', () => {
    it('adds the plugin prefix once', () => {
      assert.equal(ruleId('no-unyielded-coroutine'), 'gust/no-unyielded-coroutine');
      assert.equal(ruleId('gust/no-unyielded-coroutine'), 'gust/no-unyielded-coroutine');
    });
  });

  describe('mapConfigurationResults', () => {
    it('narrows the gust section and passes other sections through', () => {
      const editor = { tabSize: 2 };
      const { results, problems } = mapConfigurationResults(
        [{ section: 'editor' }, { section: 'gust', scopeUri: 'file:///w/a.ts' }],
        [editor, { run: 'always', rules: { 'no-deprecated-api': 'off' } }],
      );
      assert.equal(results[0], editor);
      assert.deepEqual(results[1], { enable: true, run: 'onType', typeAware: false, rules: { 'gust/no-deprecated-api': 'off' } });
      assert.deepEqual(problems, ['gust.run is "always"; use "onType" or "onSave". Using "onType".']);
    });

    it('narrows the gust part of a request for the whole configuration', () => {
      const { results } = mapConfigurationResults([{}], [{ editor: { tabSize: 2 }, gust: { typeAware: true } }]);
      assert.deepEqual(results[0], {
        editor: { tabSize: 2 },
        gust: { enable: true, run: 'onType', typeAware: true, rules: {} },
      });
    });
  });
});
