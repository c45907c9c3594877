import * as assert from 'node:assert/strict';
import { CodeAction, TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type ActionContext, FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND, fixAllAction, kindAllowed, quickFixes } from '../src/code-actions';
import { toDiagnostic } from '../src/diagnostics';
import { doc, lintCore } from './core-lint';

const TEXT = 'let a = 1;\nlet b = "\\d";\nconsole.log(a, b);\n';
const docsUrl = (id: string) => `https://eslint.org/docs/latest/rules/${id}`;

function context(text: string, extra: Partial<ActionContext> = {}): ActionContext {
  const messages = lintCore(text, { 'prefer-const': 'error', 'no-useless-escape': 'warn' });
  return { document: doc(text), messages, docsUrl, showDocumentation: true, documentChanges: false, ...extra };
}

function editsOf(action: CodeAction): TextEdit[] {
  return action.edit?.changes?.['file:///w/a.js'] ?? [];
}

function applied(text: string, action: CodeAction): string {
  return TextDocument.applyEdits(doc(text), editsOf(action));
}

describe('code actions', () => {
  it('offers the fix (preferred), disable line, fix all, disable file and docs for prefer-const', () => {
    const ctx = context(TEXT);
    const diagnostic = toDiagnostic(ctx.messages[0], docsUrl);
    const actions = quickFixes(ctx, [diagnostic]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Fix this prefer-const problem', 'quickfix', true],
        ['Disable prefer-const for this line', 'quickfix', false],
        ['Fix all prefer-const problems', 'quickfix', false],
        ['Disable prefer-const for the entire file', 'quickfix', false],
        ['Show documentation for prefer-const', 'quickfix', false],
      ],
    );
    assert.equal(applied(TEXT, actions[0]), 'const a = 1;\nlet b = "\\d";\nconsole.log(a, b);\n');
    assert.equal(applied(TEXT, actions[1]), '// eslint-disable-next-line prefer-const\nlet a = 1;\nlet b = "\\d";\nconsole.log(a, b);\n');
    assert.equal(applied(TEXT, actions[2]), 'const a = 1;\nconst b = "\\d";\nconsole.log(a, b);\n');
    assert.equal(applied(TEXT, actions[3]), '/* eslint-disable prefer-const */\nlet a = 1;\nlet b = "\\d";\nconsole.log(a, b);\n');
    assert.deepEqual(actions[4].command, { title: 'Show documentation for prefer-const', command: SHOW_DOCUMENTATION_COMMAND, arguments: ['https://eslint.org/docs/latest/rules/prefer-const'] });
    assert.deepEqual(actions[0].diagnostics, [diagnostic]);
  });

  it('offers each suggestion as "<description> (<rule>)" with its edit', () => {
    const ctx = context(TEXT);
    const message = ctx.messages.find((m) => m.ruleId === 'no-useless-escape')!;
    const actions = quickFixes(ctx, [toDiagnostic(message, docsUrl)]);
    assert.deepEqual(actions.map((a) => a.title), [
      'Remove the `\\`. This maintains the current functionality. (no-useless-escape)',
      'Replace the `\\` with `\\\\` to include the actual backslash character. (no-useless-escape)',
      'Disable no-useless-escape for this line',
      'Disable no-useless-escape for the entire file',
      'Show documentation for no-useless-escape',
    ]);
    assert.equal(applied(TEXT, actions[0]), 'let a = 1;\nlet b = "d";\nconsole.log(a, b);\n');
    assert.equal(applied(TEXT, actions[1]), 'let a = 1;\nlet b = "\\\\d";\nconsole.log(a, b);\n');
    assert.ok(actions.every((a) => !a.isPreferred));
  });

  it('leaves out "Fix all" for a single fixable problem and docs when the client cannot show them', () => {
    const text = 'let a = 1;\nconsole.log(a);\n';
    const ctx = context(text, { showDocumentation: false });
    const titles = quickFixes(ctx, [toDiagnostic(ctx.messages[0], docsUrl)]).map((a) => a.title);
    assert.deepEqual(titles, ['Fix this prefer-const problem', 'Disable prefer-const for this line', 'Disable prefer-const for the entire file']);
  });

  it('gives rule-wide actions once for several diagnostics of one rule', () => {
    const ctx = context(TEXT);
    const diagnostics = ctx.messages.filter((m) => m.ruleId === 'prefer-const').map((m) => toDiagnostic(m, docsUrl));
    const titles = quickFixes(ctx, diagnostics).map((a) => a.title);
    assert.equal(titles.filter((t) => t === 'Fix all prefer-const problems').length, 1);
    assert.equal(titles.filter((t) => t === 'Fix this prefer-const problem').length, 2);
  });

  it('ignores diagnostics it did not publish (another server, an older text)', () => {
    const ctx = context(TEXT);
    const foreign = { ...toDiagnostic(ctx.messages[0], docsUrl), message: 'something else' };
    assert.deepEqual(quickFixes(ctx, [foreign]), []);
  });

  it('uses versioned document changes when the client supports them', () => {
    const ctx = context(TEXT, { documentChanges: true });
    const [fix] = quickFixes(ctx, [toDiagnostic(ctx.messages[0], docsUrl)]);
    const [change] = fix.edit!.documentChanges! as TextDocumentEdit[];
    assert.deepEqual(change.textDocument, { uri: 'file:///w/a.js', version: 1 });
  });

  it('builds source.fixAll.gust from the fixed text, none when nothing changes', () => {
    const action = fixAllAction({ document: doc(TEXT), documentChanges: false }, TEXT.replace(/let/g, 'const'))!;
    assert.equal(action.kind, FIX_ALL_KIND);
    assert.equal(applied(TEXT, action), TEXT.replace(/let/g, 'const'));
    assert.equal(fixAllAction({ document: doc(TEXT), documentChanges: false }, TEXT), undefined);
  });

  it('matches requested kinds by prefix', () => {
    assert.ok(kindAllowed('source.fixAll.gust', ['source.fixAll']));
    assert.ok(kindAllowed('source.fixAll.gust', ['source']));
    assert.ok(kindAllowed('quickfix', undefined));
    assert.ok(!kindAllowed('quickfix', ['source.fixAll']));
    assert.ok(!kindAllowed('source.fixAll.gust', ['source.fix']));
  });
});
