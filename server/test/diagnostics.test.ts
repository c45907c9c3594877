import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { diagnosticKey, gustMessages, messageKey, toDiagnostic } from '../src/diagnostics';
import { lintCore } from './core-lint';

describe('diagnostics', () => {
  it('turns an ESLint message into a gust diagnostic with code, docs link and severity', () => {
    const [error, warning] = lintCore('let a = "\\d";\nconsole.log(a);\n', { 'prefer-const': 'error', 'no-useless-escape': 'warn' });
    const d = toDiagnostic(error, (id) => `https://docs.example/${id}`);
    assert.deepEqual(d, {
      range: { start: { line: 0, character: 4 }, end: { line: 0, character: 5 } },
      severity: DiagnosticSeverity.Error,
      source: 'gust',
      message: "'a' is never reassigned. Use 'const' instead.",
      code: 'prefer-const',
      codeDescription: { href: 'https://docs.example/prefer-const' },
    });
    assert.equal(toDiagnostic(warning, () => undefined).severity, DiagnosticSeverity.Warning);
    assert.equal(toDiagnostic(warning, () => undefined).codeDescription, undefined);
  });

  it('keeps a parsing error as one diagnostic without a code', () => {
    const messages = lintCore('let x = ;', { 'prefer-const': 'error' });
    assert.equal(messages.length, 1);
    const d = toDiagnostic(messages[0], () => undefined);
    assert.equal(d.message, 'Parsing error: Unexpected token ;');
    assert.equal(d.code, undefined);
    assert.deepEqual(d.range, { start: { line: 0, character: 8 }, end: { line: 0, character: 9 } });
  });

  it('keys a diagnostic and its message alike', () => {
    const [m] = lintCore('let a = 1; console.log(a);', { 'prefer-const': 'error' });
    assert.equal(diagnosticKey(toDiagnostic(m, () => undefined)), messageKey(m));
  });

  it('keeps gust messages and parsing errors only', () => {
    const messages = lintCore('let a = 1; console.log(a);', { 'prefer-const': 'error' });
    const gust = { ...messages[0], ruleId: 'gust/no-unyielded-coroutine' };
    const fatal = lintCore('let x = ;', {})[0];
    assert.deepEqual(gustMessages([...messages, gust, fatal]), [gust, fatal]);
  });
});
