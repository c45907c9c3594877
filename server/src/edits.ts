/**
 * Text edits from ESLint fixes: one fix, several in one pass, the smallest edit between
 * two texts, and the comment edits behind "Disable ... for this line / entire file".
 */
import type { Rule } from 'eslint';
import { Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** An ESLint fix: replace `range` (offsets into the text) with `text`. */
export type Fix = Rule.Fix;

/**
 * An ESLint fix as an LSP edit on the document it was computed for.
 *
 * @example
 * fixToEdit(doc, { range: [0, 3], text: 'const' }); // replaces "let" at 0:0-0:3
 */
export function fixToEdit(document: TextDocument, fix: Fix): TextEdit {
  return TextEdit.replace(Range.create(document.positionAt(fix.range[0]), document.positionAt(fix.range[1])), fix.text);
}

/**
 * Applies fixes in one pass as ESLint does: in order of position, skipping any fix that
 * overlaps one already applied (a later lint pass would pick it up again).
 *
 * @example
 * applyFixes('let a; let b;', [{ range: [0, 3], text: 'const' }, { range: [7, 10], text: 'const' }]);
 * // 'const a; const b;'
 */
export function applyFixes(text: string, fixes: readonly Fix[]): string {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let last = 0;
  let applied = false;
  for (const fix of sorted) {
    const [start, end] = fix.range;
    // An insertion at the very end of the previous fix still overlaps it for ESLint.
    if (applied ? start <= last : start < last) continue;
    out += text.slice(last, start) + fix.text;
    last = end;
    applied = true;
  }
  return out + text.slice(last);
}

/**
 * The single smallest edit that turns the document's text into `newText` (the common
 * start and end are kept, so the editor keeps cursors and folds); none when equal.
 *
 * @example
 * minimalEdit(docWith('let a = 1;'), 'const a = 1;'); // [replace 0:0-0:3 with "const"]
 */
export function minimalEdit(document: TextDocument, newText: string): TextEdit[] {
  const oldText = document.getText();
  if (oldText === newText) return [];
  let start = 0;
  const max = Math.min(oldText.length, newText.length);
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  // Never split a surrogate pair: positions are in UTF-16 units, but a client may not cope.
  if (start > 0 && isSurrogate(oldText.charCodeAt(start - 1), 0xd800)) start--;
  if (oldEnd < oldText.length && isSurrogate(oldText.charCodeAt(oldEnd), 0xdc00)) {
    oldEnd++;
    newEnd++;
  }
  const range = Range.create(document.positionAt(start), document.positionAt(oldEnd));
  return [TextEdit.replace(range, newText.slice(start, newEnd))];
}

function isSurrogate(code: number, base: number): boolean {
  return code >= base && code <= base + 0x3ff;
}

function lineText(document: TextDocument, line: number): string {
  return document.getText(Range.create(line, 0, line + 1, 0)).replace(/\r?\n$/, '');
}

// `// eslint-disable-next-line a, b -- why` or the same in a block comment (in JSX
// children, braced: `{/* ... */}`): group 1 is everything up to the end of the rule list.
const NEXT_LINE_DIRECTIVE = /^(\s*(?:\/\/|\{?\s*\/\*)\s*eslint-disable-next-line(?:[ \t]+(?:(?!\s--\s|\s--$|\*\/).)*?)?)(\s+--.*?)?\s*(?:\*\/\s*\}?)?\s*$/;

/**
 * The edit behind "Disable <rule> for this line": an `eslint-disable-next-line` comment
 * above `line`, indented like it, or the rule added to the directive already there.
 * None when that directive already names the rule (or names none, so disables all).
 * Among JSX children (`jsx`), where `//` would be text, the comment is `{/* ... *\/}`.
 *
 * @example
 * disableLineEdit(doc, 4, 'gust/no-unyielded-coroutine');
 * // inserts "  // eslint-disable-next-line gust/no-unyielded-coroutine\n" at 4:0
 */
export function disableLineEdit(document: TextDocument, line: number, ruleId: string, jsx = false): TextEdit | undefined {
  if (line > 0) {
    const previous = lineText(document, line - 1);
    const match = NEXT_LINE_DIRECTIVE.exec(previous);
    if (match) {
      const head = match[1];
      const list = head.replace(/^\s*(?:\/\/|\{?\s*\/\*)\s*eslint-disable-next-line/, '').trim();
      const names = list.split(',').map((name) => name.trim()).filter(Boolean);
      if (names.length === 0 || names.includes(ruleId)) return undefined;
      return TextEdit.insert({ line: line - 1, character: head.length }, `, ${ruleId}`);
    }
  }
  const indent = /^\s*/.exec(lineText(document, line))?.[0] ?? '';
  const comment = jsx ? `{/* eslint-disable-next-line ${ruleId} */}` : `// eslint-disable-next-line ${ruleId}`;
  return TextEdit.insert({ line, character: 0 }, `${indent}${comment}${eol(document)}`);
}

/**
 * The edit behind "Disable <rule> for the entire file": an `eslint-disable` block
 * comment on the first line (after a `#!` line).
 *
 * @example
 * disableFileEdit(doc, 'gust/no-unyielded-coroutine');
 * // inserts "/* eslint-disable gust/no-unyielded-coroutine *\/\n" at 0:0
 */
export function disableFileEdit(document: TextDocument, ruleId: string): TextEdit {
  const line = lineText(document, 0).startsWith('#!') && document.lineCount > 1 ? 1 : 0;
  return TextEdit.insert({ line, character: 0 }, `/* eslint-disable ${ruleId} */${eol(document)}`);
}

function eol(document: TextDocument): string {
  return document.getText().includes('\r\n') ? '\r\n' : '\n';
}
