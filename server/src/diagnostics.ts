/**
 * ESLint messages to LSP diagnostics, and the key that maps a diagnostic a client sends
 * back (in a code action request) to the message it came from.
 */
import type { Linter } from 'eslint';
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver';

/** The `source` of every diagnostic this server publishes. */
export const DIAGNOSTIC_SOURCE = 'gust';

/** Looks up a rule's documentation page by rule id (`gust/<rule>`). */
export type DocsUrlLookup = (ruleId: string) => string | undefined;

/**
 * The LSP range of an ESLint message (ESLint counts lines and columns from 1, LSP from 0;
 * both count columns in UTF-16 code units). A message without an end covers one character.
 *
 * @example
 * messageRange({ line: 2, column: 3, endLine: 2, endColumn: 9, ... }); // 1:2 to 1:8
 */
export function messageRange(message: Linter.LintMessage): Range {
  const startLine = Math.max(message.line - 1, 0);
  const startChar = Math.max(message.column - 1, 0);
  const endLine = message.endLine !== undefined ? Math.max(message.endLine - 1, 0) : startLine;
  const endChar = message.endColumn !== undefined ? Math.max(message.endColumn - 1, 0) : startChar + 1;
  return Range.create(startLine, startChar, endLine, endChar);
}

/**
 * One ESLint message as a diagnostic: source "gust", code the rule id, the rule's docs
 * as `codeDescription`, severity from the config (2 error, 1 warning). A parsing error
 * (no rule id) keeps ESLint's "Parsing error: ..." text and has no code.
 *
 * @example
 * toDiagnostic(message, (id) => `https://example.org/${id}`);
 * // { source: 'gust', code: 'gust/no-unyielded-coroutine', codeDescription: { href: ... }, severity: 1, ... }
 */
export function toDiagnostic(message: Linter.LintMessage, docsUrl: DocsUrlLookup): Diagnostic {
  const diagnostic: Diagnostic = {
    range: messageRange(message),
    severity: message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    message: message.message,
  };
  if (message.ruleId) {
    diagnostic.code = message.ruleId;
    const href = docsUrl(message.ruleId);
    if (href) diagnostic.codeDescription = { href };
  }
  return diagnostic;
}

/**
 * A key that is equal for a message and the diagnostic made from it, so a code action
 * request (which sends diagnostics back) finds the message with its fix and suggestions.
 *
 * @example
 * diagnosticKey(toDiagnostic(m, lookup)) === messageKey(m); // true
 */
export function diagnosticKey(diagnostic: Pick<Diagnostic, 'range' | 'code' | 'message'>): string {
  const { start, end } = diagnostic.range;
  return `${diagnostic.code ?? ''}|${start.line}:${start.character}-${end.line}:${end.character}|${diagnostic.message}`;
}

/** See {@link diagnosticKey}. */
export function messageKey(message: Linter.LintMessage): string {
  return diagnosticKey({ range: messageRange(message), code: message.ruleId ?? undefined, message: message.message });
}

/**
 * Only what the gust plugin reported (plus a parsing error, which stops every rule):
 * when linting through a workspace's own ESLint config, other plugins' messages belong
 * to the ESLint extension, not to this server.
 *
 * @example
 * gustMessages(results[0].messages); // drops 'no-unused-vars', keeps 'gust/...'
 */
export function gustMessages(messages: readonly Linter.LintMessage[]): Linter.LintMessage[] {
  return messages.filter((m) => (m.ruleId ? m.ruleId.startsWith('gust/') : m.fatal === true));
}
