import * as assert from 'node:assert/strict';
import { forwardedSection, mapConfigurationResults } from '../src/settings';

describe('extension settings', () => {
  describe('forwardedSection', () => {
    it('leaves out the client-only trace key and keeps the rest as VS Code gives it', () => {
      assert.deepEqual(
        forwardedSection({
          enable: false,
          run: 'onSave',
          typeAware: true,
          rules: { 'gust/prefer-parallel-yield': 'off' },
          trace: { server: 'verbose' },
        }),
        { enable: false, run: 'onSave', typeAware: true, rules: { 'gust/prefer-parallel-yield': 'off' } },
      );
    });

    it('passes wrong values on untouched, so the server reports them', () => {
      assert.deepEqual(forwardedSection({ run: 'onChange', rules: ['x'], trace: 'on' }), { run: 'onChange', rules: ['x'] });
    });

    it('passes a section that is not an object on untouched', () => {
      assert.equal(forwardedSection('on'), 'on');
      assert.equal(forwardedSection(null), null);
      assert.equal(forwardedSection(undefined), undefined);
    });

    it('does not change the object it was given', () => {
      const raw = { enable: true, trace: { server: 'off' } };
      forwardedSection(raw);
      assert.deepEqual(raw, { enable: true, trace: { server: 'off' } });
    });
  });

  describe('mapConfigurationResults', () => {
    it('maps the gust section and passes other sections through', () => {
      const editor = { tabSize: 2, trace: true };
      const results = mapConfigurationResults(
        [{ section: 'editor' }, { section: 'gust', scopeUri: 'file:///w/a.ts' }],
        [editor, { run: 'onType', trace: { server: 'messages' } }],
      );
      assert.equal(results[0], editor);
      assert.deepEqual(results[1], { run: 'onType' });
    });

    it('maps the gust part of a request for the whole configuration', () => {
      const results = mapConfigurationResults([{}], [{ editor: { tabSize: 2 }, gust: { typeAware: true, trace: { server: 'off' } } }]);
      assert.deepEqual(results, [{ editor: { tabSize: 2 }, gust: { typeAware: true } }]);
    });
  });
});
