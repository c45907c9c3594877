// The extension is wiring: it starts the bundled Gust language server, shows its state
// in the status bar and forwards the `gust` settings. Everything worth testing without
// VS Code lives in settings.ts, client-options.ts and status.ts.
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import {
  CLIENT_ID,
  CLIENT_NAME,
  FIX_ALL_KIND,
  SERVER_BUNDLE,
  clientOptions,
  serverOptions,
} from './client-options';
import { LANGUAGES } from './settings';
import { type ServerState, statusView } from './status';
import { type Instant, activationReport, instant } from './activation';

/** The extension's id in VS Code (`publisher.name`). */
export const EXTENSION_ID = 'gust.gust-vscode';

// Set by the bundle's first and last lines (see esbuild.js), so the activation time
// reported includes loading the bundle, as VS Code's own "activation time" does.
declare const __gustBundleStart: Instant | undefined;
declare const __gustBundleEnd: Instant | undefined;

let client: LanguageClient | undefined;

/**
 * Called by VS Code on the first TypeScript or JavaScript document: starts the server
 * (without waiting for it, so activation stays short) and registers the commands.
 *
 * @example
 * // VS Code calls it; tests call it through the installed extension:
 * await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
 */
export function activate(context: vscode.ExtensionContext): void {
  const activateStart = instant();
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  const status = vscode.window.createStatusBarItem('gust.status', vscode.StatusBarAlignment.Right, 100);
  status.name = CLIENT_NAME;
  status.command = 'gust.showOutput';
  context.subscriptions.push(output, status);

  const languageClient = new LanguageClient(
    CLIENT_ID,
    CLIENT_NAME,
    serverOptions(context.asAbsolutePath(SERVER_BUNDLE)),
    clientOptions(output),
  );
  client = languageClient;

  let state: ServerState = 'starting';
  const render = (): void => {
    const view = statusView(state, isEnabledForActiveEditor());
    status.text = view.text;
    status.tooltip = view.tooltip;
    status.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  };
  render();
  status.show();

  context.subscriptions.push(
    languageClient.onDidChangeState(({ newState }) => {
      state = toServerState(newState);
      render();
    }),
    vscode.window.onDidChangeActiveTextEditor(render),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('gust.enable')) render();
    }),
    vscode.commands.registerCommand('gust.showOutput', () => output.show()),
    vscode.commands.registerCommand('gust.restartServer', () => restart(languageClient, output)),
    vscode.commands.registerCommand('gust.fixAll', () => fixAll(output)),
  );

  start(languageClient, output);
  output.info(
    activationReport({
      bundleStart: typeof __gustBundleStart === 'object' ? __gustBundleStart : undefined,
      bundleEnd: typeof __gustBundleEnd === 'object' ? __gustBundleEnd : undefined,
      activateStart,
      activateEnd: instant(),
    }),
  );
}

/**
 * Called by VS Code on shutdown: stops the server.
 *
 * @example
 * await deactivate();
 */
export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.needsStop()) await running.stop();
}

function toServerState(state: State): ServerState {
  switch (state) {
    case State.Starting:
      return 'starting';
    case State.Running:
      return 'running';
    case State.StartFailed:
      return 'failed';
    case State.Stopped:
      return 'stopped';
  }
}

function isEnabledForActiveEditor(): boolean {
  const document = vscode.window.activeTextEditor?.document;
  return vscode.workspace.getConfiguration('gust', document).get<boolean>('enable', true);
}

function start(languageClient: LanguageClient, output: vscode.LogOutputChannel): void {
  languageClient.start().catch((error: unknown) => {
    // The client has already logged the details; say what to do next.
    output.error(`The Gust server did not start: ${String(error)}. Fix the cause above, then run "Gust: Restart Language Server".`);
  });
}

async function restart(languageClient: LanguageClient, output: vscode.LogOutputChannel): Promise<void> {
  output.info('restarting the server');
  try {
    if (languageClient.needsStop()) await languageClient.stop();
  } catch (error) {
    output.warn(`stopping the server failed (${String(error)}); starting a new one anyway`);
  }
  start(languageClient, output);
}

// Asks the server for its `source.fixAll.gust` action on the active document and applies
// it: the same edit `editor.codeActionsOnSave` makes, available as a command.
async function fixAll(output: vscode.LogOutputChannel): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !(LANGUAGES as readonly string[]).includes(document.languageId)) {
    void vscode.window.showInformationMessage('Gust: open a TypeScript or JavaScript file to fix its problems.');
    return;
  }
  const kind = vscode.CodeActionKind.Source.append('fixAll').append('gust');
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>(
    'vscode.executeCodeActionProvider',
    document.uri,
    whole,
    FIX_ALL_KIND,
    1, // resolve the first action, so its edit is filled in
  );
  const action = actions?.find((candidate) => candidate.kind !== undefined && kind.contains(candidate.kind));
  if (!action) {
    vscode.window.setStatusBarMessage('Gust: nothing to fix', 3000);
    return;
  }
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
    output.warn(`the fix-all edit for ${document.uri.toString()} was not applied (the document changed meanwhile?)`);
    return;
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}
