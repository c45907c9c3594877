// Real ESLint core rules give real messages (fixes, suggestions) to the pure functions.
import { Linter } from 'eslint';
import { TextDocument } from 'vscode-languageserver-textdocument';

const linter = new Linter({ cwd: '/' });

/** Lints `text` as /w/a.js with the given core rules. */
export function lintCore(text: string, rules: Linter.RulesRecord): Linter.LintMessage[] {
  return linter.verify(text, [{ rules }], { filename: '/w/a.js' });
}

/** A document at version 1. */
export function doc(text: string, uri = 'file:///w/a.js'): TextDocument {
  return TextDocument.create(uri, 'javascript', 1, text);
}
