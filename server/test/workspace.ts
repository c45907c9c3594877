// Scratch workspaces on disk for protocol tests, and applying the edits a server sends.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Command, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** A fresh folder under the system temp folder, removed by `dispose`. */
export class Workspace {
  readonly root: string;
  constructor() {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gust-server-')));
  }
  file(name: string): string {
    return path.join(this.root, name);
  }
  write(name: string, text: string): string {
    const file = this.file(name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  }
  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** The path of the plugin as installed here, for workspace configs outside the repo. */
export const PLUGIN_PATH = require.resolve('eslint-plugin-gust');

/** The edits of a workspace edit for one document (either form). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).filter((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri).flatMap((c) => c.edits as TextEdit[]);
  return [...fromChanges, ...fromDocumentChanges];
}

/** `text` after a code action's edit. */
export function applyAction(text: string, uri: string, action: CodeAction | Command | undefined): string {
  if (!action || !('edit' in action)) throw new Error('no code action with an edit');
  return TextDocument.applyEdits(TextDocument.create(uri, 'typescript', 1, text), editsFor(action.edit, uri));
}

/** The titles of code actions. */
export function titles(actions: (CodeAction | Command)[] | null): string[] {
  return (actions ?? []).map((a) => a.title);
}

/** The action with that title, or a failure that lists what there was. */
export function action(actions: (CodeAction | Command)[] | null, title: string | RegExp): CodeAction {
  const found = (actions ?? []).find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  if (!found) throw new Error(`no action ${String(title)} among ${JSON.stringify(titles(actions))}`);
  return found as CodeAction;
}
