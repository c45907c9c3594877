import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFixes, disableFileEdit, disableLineEdit, minimalEdit } from '../src/edits';
import { doc, lintCore } from './core-lint';

function apply(text: string, edits: ReturnType<typeof minimalEdit>): string {
  return TextDocument.applyEdits(doc(text), edits);
}

describe('edits', () => {
  describe('applyFixes', () => {
    it('applies every prefer-const fix in one pass', () => {
      const text = 'let a = 1;\nlet b = 2;\nconsole.log(a, b);\n';
      const fixes = lintCore(text, { 'prefer-const': 'error' }).map((m) => m.fix!);
      assert.equal(applyFixes(text, fixes), 'const a = 1;\nconst b = 2;\nconsole.log(a, b);\n');
    });
    it('skips a fix overlapping one already applied, as ESLint does', () => {
      assert.equal(applyFixes('abcdef', [{ range: [3, 5], text: 'Y' }, { range: [0, 4], text: 'X' }]), 'Xef');
    });
  });

  describe('minimalEdit', () => {
    it('replaces only the changed middle', () => {
      const edits = minimalEdit(doc('let a = 1;\nfoo();\n'), 'const a = 1;\nfoo();\n');
      assert.deepEqual(edits, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, newText: 'cons' }]);
      assert.equal(apply('let a = 1;\nfoo();\n', edits), 'const a = 1;\nfoo();\n');
    });
    it('gives no edit for equal texts and handles pure insertions', () => {
      assert.deepEqual(minimalEdit(doc('same'), 'same'), []);
      assert.equal(apply('aa', minimalEdit(doc('aa'), 'aaa')), 'aaa');
      assert.equal(apply('x\n', minimalEdit(doc('x\n'), 'yield x\n')), 'yield x\n');
    });
    it('never splits a surrogate pair', () => {
      const [edit] = minimalEdit(doc('a\u{1F600}b'), 'a\u{1F601}b');
      assert.deepEqual(edit.range, { start: { line: 0, character: 1 }, end: { line: 0, character: 3 } });
      assert.equal(edit.newText, '\u{1F601}');
    });
  });

  describe('disableLineEdit', () => {
    it('adds a comment above the line with its indentation', () => {
      const text = 'function f() {\n    go();\n}\n';
      const edit = disableLineEdit(doc(text), 1, 'gust/no-unyielded-coroutine')!;
      assert.equal(apply(text, [edit]), 'function f() {\n    // eslint-disable-next-line gust/no-unyielded-coroutine\n    go();\n}\n');
    });
    it('keeps CRLF line ends', () => {
      const text = 'a();\r\n\tgo();\r\n';
      assert.equal(apply(text, [disableLineEdit(doc(text), 1, 'gust/x')!]), 'a();\r\n\t// eslint-disable-next-line gust/x\r\n\tgo();\r\n');
    });
    it('merges into an existing eslint-disable-next-line comment, before its reason', () => {
      const text = '  // eslint-disable-next-line no-console -- logging is fine\n  go();\n';
      assert.equal(apply(text, [disableLineEdit(doc(text), 1, 'gust/x')!]), '  // eslint-disable-next-line no-console, gust/x -- logging is fine\n  go();\n');
      const block = '/* eslint-disable-next-line no-console */\ngo();\n';
      assert.equal(apply(block, [disableLineEdit(doc(block), 1, 'gust/x')!]), '/* eslint-disable-next-line no-console, gust/x */\ngo();\n');
    });
    it('does nothing when the directive already covers the rule', () => {
      assert.equal(disableLineEdit(doc('// eslint-disable-next-line gust/x\ngo();\n'), 1, 'gust/x'), undefined);
      assert.equal(disableLineEdit(doc('// eslint-disable-next-line\ngo();\n'), 1, 'gust/x'), undefined);
    });
    it('among JSX children, writes a braced block comment and merges into one', () => {
      const text = '<ul>\n  {ids.forEach(load)}\n</ul>\n';
      assert.equal(apply(text, [disableLineEdit(doc(text), 1, 'gust/x', true)!]), '<ul>\n  {/* eslint-disable-next-line gust/x */}\n  {ids.forEach(load)}\n</ul>\n');
      const braced = '<ul>\n  {/* eslint-disable-next-line gust/a */}\n  {ids.forEach(load)}\n</ul>\n';
      assert.equal(apply(braced, [disableLineEdit(doc(braced), 2, 'gust/x', true)!]), '<ul>\n  {/* eslint-disable-next-line gust/a, gust/x */}\n  {ids.forEach(load)}\n</ul>\n');
      assert.equal(disableLineEdit(doc(braced), 2, 'gust/a', true), undefined);
    });
    it('the merged comment really disables both rules in ESLint', () => {
      const text = '// eslint-disable-next-line prefer-const\nlet a = "\\d"; console.log(a);\n';
      const edited = apply(text, [disableLineEdit(doc(text), 1, 'no-useless-escape')!]);
      assert.deepEqual(lintCore(edited, { 'prefer-const': 'error', 'no-useless-escape': 'error' }), []);
    });
  });

  describe('disableFileEdit', () => {
    it('puts an eslint-disable comment first, after a #! line', () => {
      assert.equal(apply('go();\n', [disableFileEdit(doc('go();\n'), 'gust/x')]), '/* eslint-disable gust/x */\ngo();\n');
      const script = '#!/usr/bin/env node\ngo();\n';
      assert.equal(apply(script, [disableFileEdit(doc(script), 'gust/x')]), '#!/usr/bin/env node\n/* eslint-disable gust/x */\ngo();\n');
    });
  });
});
