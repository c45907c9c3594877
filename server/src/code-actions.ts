/**
 * Code actions from ESLint messages, titled as ESLint users know them from their editor.
 */
import type { Linter } from 'eslint';
import { CodeAction, CodeActionKind, Diagnostic, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type DocsUrlLookup, diagnosticKey, messageKey } from './diagnostics';
import { applyFixes, disableFileEdit, disableLineEdit, fixToEdit, minimalEdit } from './edits';
import { jsxChildrenLines } from './jsx';

/** The code action kind of "fix every safe problem": `source.fixAll.gust`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.gust`;
/** The server command that opens a rule's docs (through `window/showDocument`). */
export const SHOW_DOCUMENTATION_COMMAND = 'gust.server.showDocumentation';

/**
 * What the actions are computed from: the document as it was linted, its messages, and
 * what the client can do.
 *
 * @example
 * const ctx: ActionContext = { document, messages, docsUrl, showDocumentation: true, documentChanges: true };
 */
export interface ActionContext {
  document: TextDocument;
  messages: readonly Linter.LintMessage[];
  docsUrl: DocsUrlLookup;
  /** The client handles `window/showDocument`, so "Show documentation" can work. */
  showDocumentation: boolean;
  /** The client takes versioned `documentChanges`, so a stale edit is refused. */
  documentChanges: boolean;
}

/**
 * A workspace edit on one document, versioned when the client supports it.
 *
 * @example
 * workspaceEdit(ctx, [TextEdit.insert({ line: 0, character: 0 }, 'x')]);
 */
export function workspaceEdit(ctx: Pick<ActionContext, 'document' | 'documentChanges'>, edits: TextEdit[]): WorkspaceEdit {
  const { document } = ctx;
  if (ctx.documentChanges) {
    return { documentChanges: [TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(document.uri, document.version), edits)] };
  }
  return { changes: { [document.uri]: edits } };
}

function quickFix(title: string, ctx: ActionContext, edits: TextEdit[], diagnostic: Diagnostic, preferred = false): CodeAction {
  const action = CodeAction.create(title, workspaceEdit(ctx, edits), CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (preferred) action.isPreferred = true;
  return action;
}

/**
 * Whether a requested `only` list (prefixes, as LSP defines them) admits `kind`; no list
 * admits everything.
 *
 * @example
 * kindAllowed('source.fixAll.gust', ['source.fixAll']); // true
 */
export function kindAllowed(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * The quick fixes for the diagnostics a client asks about, in the order ESLint users
 * expect: the fix (preferred), each suggestion, "Fix all" when the rule has several
 * fixable problems, disable for this line, disable for the file, show documentation.
 * Actions that are the same for several diagnostics of one rule come once.
 *
 * @example
 * quickFixes(ctx, params.context.diagnostics).map((a) => a.title);
 * // ['Fix this gust/no-deprecated-api problem', 'Disable gust/no-deprecated-api for this line', ...]
 */
export function quickFixes(ctx: ActionContext, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const byKey = new Map(ctx.messages.map((m) => [messageKey(m), m]));
  const fixes: CodeAction[] = [];
  const fixAlls: CodeAction[] = [];
  const ruleWide: CodeAction[] = [];
  const seenRules = new Set<string>();
  const inJsxChildren = jsxChildrenLines(ctx.document);
  for (const diagnostic of diagnostics) {
    const message = byKey.get(diagnosticKey(diagnostic));
    if (!message?.ruleId) continue;
    const ruleId = message.ruleId;
    if (message.fix) fixes.push(quickFix(`Fix this ${ruleId} problem`, ctx, [fixToEdit(ctx.document, message.fix)], diagnostic, true));
    for (const suggestion of message.suggestions ?? []) {
      fixes.push(quickFix(`${suggestion.desc} (${ruleId})`, ctx, [fixToEdit(ctx.document, suggestion.fix)], diagnostic));
    }
    const line = diagnostic.range.start.line;
    const disableLine = disableLineEdit(ctx.document, line, ruleId, inJsxChildren(line));
    if (disableLine) fixes.push(quickFix(`Disable ${ruleId} for this line`, ctx, [disableLine], diagnostic));
    if (seenRules.has(ruleId)) continue;
    seenRules.add(ruleId);
    const fixAll = fixAllRuleEdit(ctx, ruleId);
    if (fixAll) fixAlls.push(quickFix(`Fix all ${ruleId} problems`, ctx, fixAll, diagnostic));
    ruleWide.push(quickFix(`Disable ${ruleId} for the entire file`, ctx, [disableFileEdit(ctx.document, ruleId)], diagnostic));
    const href = ctx.docsUrl(ruleId);
    if (href && ctx.showDocumentation) {
      const title = `Show documentation for ${ruleId}`;
      const docs = CodeAction.create(title, { title, command: SHOW_DOCUMENTATION_COMMAND, arguments: [href] }, CodeActionKind.QuickFix);
      docs.diagnostics = [diagnostic];
      ruleWide.push(docs);
    }
  }
  // Rule-wide actions after the per-problem ones: the lightbulb shows the closest first.
  return [...fixes, ...fixAlls, ...ruleWide];
}

/**
 * The edit behind "Fix all <rule> problems": every fix of that rule in one pass; only
 * when there are at least two (for one, "Fix this problem" says it all).
 *
 * @example
 * fixAllRuleEdit(ctx, 'prefer-const'); // one edit covering each `let` → `const`
 */
export function fixAllRuleEdit(ctx: Pick<ActionContext, 'document' | 'messages'>, ruleId: string): TextEdit[] | undefined {
  const fixes = ctx.messages.filter((m) => m.ruleId === ruleId && m.fix).map((m) => m.fix!);
  if (fixes.length < 2) return undefined;
  return minimalEdit(ctx.document, applyFixes(ctx.document.getText(), fixes));
}

/**
 * The `source.fixAll.gust` action from the fully fixed text (every safe fix, applied
 * until the text is stable); none when nothing changes.
 *
 * @example
 * fixAllAction(ctx, linter.verifyAndFix(text, config).output);
 */
export function fixAllAction(ctx: Pick<ActionContext, 'document' | 'documentChanges'>, fixedText: string): CodeAction | undefined {
  const edits = minimalEdit(ctx.document, fixedText);
  if (edits.length === 0) return undefined;
  return CodeAction.create('Fix all auto-fixable gust problems', workspaceEdit(ctx, edits), FIX_ALL_KIND);
}
