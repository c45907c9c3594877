/**
 * The language server: LSP wiring around the pure functions of lint, diagnostics,
 * code-actions and settings.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ClientCapabilities,
  CodeAction,
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeResult,
  MessageType,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND, fixAllAction, kindAllowed, quickFixes } from './code-actions';
import { toDiagnostic } from './diagnostics';
import { FLAT_CONFIG_NAMES } from './eslint-config';
import { Confirmations, differ } from './confirm';
import { IncrementalLinter } from './incremental';
import { GustLinter, type LintInput, type LintOutput, loadPlugin } from './lint';
import { LintScheduler } from './schedule';
import { type GustSettings, parseSettings } from './settings';

/** The server command that applies every safe fix to a document (argument: its URI). */
export const FIX_ALL_COMMAND = 'gust.server.fixAll';

/**
 * Options a client may send as `initializationOptions`.
 *
 * @example
 * { "maxFileSize": 2000000, "debounceMs": 100 }
 */
export interface ServerOptions {
  /** Documents longer than this (in characters) are not linted. */
  maxFileSize: number;
  /** Quiet time before a lint while changes keep coming. */
  debounceMs: number;
  /** Documents at least this long (in characters) are re-linted incrementally after a change. */
  incrementalFrom: number;
  /** Quiet time after an incremental run before the whole document is linted to confirm it. */
  confirmAfterMs: number;
}

const DEFAULT_OPTIONS: ServerOptions = { maxFileSize: 1_000_000, debounceMs: 100, incrementalFrom: 20_000, confirmAfterMs: 5_000 };
const LANGUAGES = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);

function readOptions(raw: unknown): ServerOptions {
  const options = { ...DEFAULT_OPTIONS };
  if (typeof raw === 'object' && raw !== null) {
    const { maxFileSize, debounceMs, incrementalFrom, confirmAfterMs } = raw as Record<string, unknown>;
    if (typeof maxFileSize === 'number' && maxFileSize > 0) options.maxFileSize = maxFileSize;
    if (typeof debounceMs === 'number' && debounceMs >= 0) options.debounceMs = debounceMs;
    if (typeof incrementalFrom === 'number' && incrementalFrom >= 0) options.incrementalFrom = incrementalFrom;
    if (typeof confirmAfterMs === 'number' && confirmAfterMs >= 0) options.confirmAfterMs = confirmAfterMs;
  }
  return options;
}

function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) return fileURLToPath(uri);
  // An unsaved buffer: a path that names it, in no real folder.
  return path.join(path.parse(process.cwd()).root, '__gust_untitled__', uri.replace(/^[a-z]+:/i, '').replace(/[^\w.-]+/g, '_'));
}

/** What was last published for a document, kept for code actions. */
interface Published {
  document: TextDocument;
  messages: Linter.LintMessage[];
}

/**
 * Serves LSP on `connection` until the client goes away.
 *
 * @example
 * startServer(createConnection(ProposedFeatures.all));
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const published = new Map<string, Published>();
  const settingsCache = new Map<string, Promise<GustSettings>>();
  const cascadeOff = new Set<string>();
  const warned = new Set<string>();
  let caps: ClientCapabilities = {};
  let options = DEFAULT_OPTIONS;
  let folders: string[] = [];
  let globalSettings: unknown;
  let linter: GustLinter | undefined;
  let incremental = new IncrementalLinter(DEFAULT_OPTIONS.incrementalFrom);
  let confirmations = new Confirmations(0, () => undefined);

  const log = (text: string) => connection.console.log(text);
  const warnOnce = (key: string, type: MessageType, text: string) => {
    if (type === MessageType.Error) connection.console.error(text);
    else connection.console.warn(text);
    if (warned.has(key)) return;
    warned.add(key);
    void connection.sendNotification('window/showMessage', { type, message: text });
  };

  const folderOf = (filePath: string) =>
    folders.filter((f) => filePath === f || filePath.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];

  async function settingsFor(uri: string): Promise<GustSettings> {
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = (async () => {
        let raw: unknown = globalSettings;
        if (caps.workspace?.configuration) {
          try {
            raw = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'gust' });
          } catch (error) {
            log(`gust: workspace/configuration failed (${String(error)}); using defaults`);
          }
        }
        const { settings, problems } = parseSettings(raw);
        for (const problem of problems) warnOnce(`settings:${problem}`, MessageType.Warning, problem);
        return settings;
      })();
      settingsCache.set(uri, cached);
    }
    return cached;
  }

  function publish(document: TextDocument, messages: Linter.LintMessage[]): void {
    published.set(document.uri, { document, messages });
    const lookup = (id: string) => linter?.docsUrl(id);
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: messages.map((m) => toDiagnostic(m, lookup)) });
  }

  function clear(uri: string, version?: number): void {
    published.delete(uri);
    void connection.sendDiagnostics({ uri, version, diagnostics: [] });
  }

  function report(document: TextDocument, out: LintOutput): void {
    for (const crash of out.crashes) {
      connection.console.error(`gust: rule ${crash.ruleId} crashed on ${document.uri} and was left out; the other rules' results are shown. ${crash.error}`);
    }
    if (out.configError) warnOnce(`config:${out.configError.message}`, MessageType.Error, out.configError.message);
  }

  const isCurrent = (doc: TextDocument) => documents.get(doc.uri)?.version === doc.version;

  /** A whole run after incremental ones: a difference is a bug worth a report (the whole run's results are published). */
  function confirmed(document: TextDocument, messages: Linter.LintMessage[]): void {
    const last = published.get(document.uri);
    if (last && last.document.version === document.version && differ(last.messages, messages)) {
      connection.console.warn(`gust: the incremental results for ${document.uri} differed from a whole-file run; the latter are shown now.`);
    }
  }

  // TextDocuments updates a document in place: work on a snapshot of the linted version.
  const snapshot = (uri: string) => {
    const live = documents.get(uri);
    return live && TextDocument.create(live.uri, live.languageId, live.version, live.getText());
  };

  async function lintDocument(uri: string): Promise<void> {
    const settings = await settingsFor(uri);
    const document = snapshot(uri);
    if (!document || !LANGUAGES.has(document.languageId)) return;
    if (!settings.enable || !linter) return clear(uri, document.version);
    const text = document.getText();
    if (text.length > options.maxFileSize) {
      clear(uri, document.version);
      warnOnce(`size:${uri}`, MessageType.Warning, `gust: ${uri} was not linted: ${text.length} characters is over the limit of ${options.maxFileSize} (initializationOptions.maxFileSize).`);
      return;
    }
    warned.delete(`size:${uri}`);
    const filePath = uriToPath(uri);
    const input: LintInput = { text, filePath, languageId: document.languageId, settings, workspaceFolder: folderOf(filePath) };
    const cascade = !cascadeOff.delete(uri);
    const confirm = confirmations.take(uri);
    const active = linter;
    const run = (parseText?: string) => (parseText === undefined ? active.lint(input, false) : active.lint(input, false, [], parseText));
    const { out, full } = await incremental.lint(uri, text, filePath, settings, run, confirm);
    if (full?.startsWith('the incremental run failed')) connection.console.warn(`gust: ${full} on ${uri}; the whole file was linted instead.`);
    if (!isCurrent(document)) return; // a newer version is on its way: this run is outdated
    report(document, out);
    if (confirm) confirmed(document, out.messages);
    publish(document, out.messages);
    // (A typed run follows the syntactic one with the whole text: no need to confirm then.)
    if (full === undefined && (!settings.typeAware || out.configFile)) confirmations.after(uri, () => isCurrent(document));
    if (!settings.typeAware || out.configFile) return;
    // Typed results replace the syntactic ones; the event loop turns once in between so
    // the syntactic diagnostics go out first and newer changes are seen.
    await new Promise((resolve) => setImmediate(resolve));
    if (!isCurrent(document)) return;
    const openByPath = new Map(cascade ? documents.all().filter((d) => d.uri.startsWith('file:')).map((d) => [uriToPath(d.uri), d.uri]) : []);
    const typed = await linter.lint(input, true, [...openByPath.keys()]);
    if (!isCurrent(document)) return;
    const fatal = typed.messages.find((m) => m.fatal);
    if (fatal && !out.messages.some((m) => m.fatal)) {
      warnOnce(`typed:${uri}`, MessageType.Info, `gust: no type information for ${uri} (${fatal.message}); showing results without types.`);
      return;
    }
    report(document, typed);
    publish(document, typed.messages);
    // Types flow between files: re-lint the open files that import this one, so none keeps
    // stale results (their own runs do not cascade further).
    for (const dependant of typed.dependants ?? []) {
      const other = openByPath.get(dependant)!;
      cascadeOff.add(other);
      scheduler.request(other);
    }
  }

  const makeScheduler = () =>
    new LintScheduler(options.debounceMs, (uri) =>
      lintDocument(uri).catch((error: unknown) => {
        connection.console.error(`gust: linting ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }),
    );
  let scheduler = makeScheduler();

  const relintAll = () => {
    for (const document of documents.all()) scheduler.request(document.uri);
  };

  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities;
    options = readOptions(params.initializationOptions);
    scheduler = makeScheduler();
    incremental = new IncrementalLinter(options.incrementalFrom);
    confirmations = new Confirmations(options.confirmAfterMs, (uri) => scheduler.request(uri));
    folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (folders.length === 0 && params.rootUri) folders = [uriToPath(params.rootUri)];
    try {
      linter = new GustLinter(loadPlugin(), tsParser);
    } catch (error) {
      linter = undefined;
      connection.console.error(error instanceof Error ? error.message : String(error));
    }
    const commands: string[] = [];
    if (caps.window?.showDocument?.support) commands.push(SHOW_DOCUMENTATION_COMMAND);
    if (caps.workspace?.applyEdit) commands.push(FIX_ALL_COMMAND);
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      },
      serverInfo: { name: 'gust-language-server', version: '0.1.0' },
    };
    if (caps.textDocument?.codeAction?.codeActionLiteralSupport) {
      result.capabilities.codeActionProvider = { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] };
    }
    if (commands.length) result.capabilities.executeCommandProvider = { commands };
    if (caps.workspace?.workspaceFolders) result.capabilities.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
    return result;
  });

  // A client may refuse a dynamic registration it declared support for; the server then
  // works without those notifications rather than failing on an unhandled rejection.
  const refusedRegistration = (what: string, error: unknown) =>
    connection.console.warn(
      `gust: the client refused to send ${what} (${error instanceof Error ? error.message : String(error)}); restart the server to apply them.`,
    );

  connection.onInitialized(() => {
    if (!linter) warnOnce('plugin', MessageType.Error, 'gust: eslint-plugin-gust could not be loaded, so nothing is linted; see the output log.');
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'gust' })
        .catch((error: unknown) => refusedRegistration('settings changes', error));
    }
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      const globs = [`**/{${FLAT_CONFIG_NAMES.join(',')}}`, '**/tsconfig*.json', '**/package.json'];
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: globs.map((globPattern) => ({ globPattern })) })
        .catch((error: unknown) => refusedRegistration('config file changes', error));
    }
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
        folders = [...folders.filter((f) => !removed.has(f)), ...event.added.map((f) => uriToPath(f.uri))];
        relintAll();
      });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    const settings: unknown = change.settings;
    globalSettings = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>).gust : undefined;
    settingsCache.clear();
    relintAll();
  });

  connection.onDidChangeWatchedFiles(() => {
    linter?.configChanged();
    settingsCache.clear();
    relintAll();
  });

  const openedAt = new Map<string, number>();
  documents.onDidOpen((e) => {
    openedAt.set(e.document.uri, e.document.version);
    scheduler.request(e.document.uri);
  });
  documents.onDidChangeContent(async (e) => {
    // didOpen fires this too: that run is already asked for.
    if (openedAt.get(e.document.uri) === e.document.version) return;
    const settings = await settingsFor(e.document.uri);
    if (settings.run === 'onType') scheduler.request(e.document.uri);
  });
  documents.onDidSave(async (e) => {
    const settings = await settingsFor(e.document.uri);
    if (settings.run === 'onSave') scheduler.request(e.document.uri);
  });
  documents.onDidClose((e) => {
    openedAt.delete(e.document.uri);
    scheduler.cancel(e.document.uri);
    settingsCache.delete(e.document.uri);
    incremental.forget(e.document.uri);
    confirmations.cancel(e.document.uri);
    clear(e.document.uri);
  });

  function lintInput(document: TextDocument, settings: GustSettings): LintInput {
    const filePath = uriToPath(document.uri);
    return { text: document.getText(), filePath, languageId: document.languageId, settings, workspaceFolder: folderOf(filePath) };
  }

  async function fixedText(document: TextDocument): Promise<string> {
    if (!linter) return document.getText();
    const settings = await settingsFor(document.uri);
    return linter.fixAll(lintInput(document, settings), settings.typeAware);
  }

  connection.onCodeAction(async (params) => {
    const document = snapshot(params.textDocument.uri);
    if (!document || !linter) return [];
    const only = params.context.only;
    const actions: CodeAction[] = [];
    const last = published.get(document.uri);
    const documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
    // Fixes computed for an older text would land in the wrong place: none until re-linted.
    if (last && last.document.version === document.version && kindAllowed(CodeActionKind.QuickFix, only)) {
      const ctx = { document: last.document, messages: last.messages, docsUrl: (id: string) => linter?.docsUrl(id), showDocumentation: caps.window?.showDocument?.support === true, documentChanges };
      actions.push(...quickFixes(ctx, params.context.diagnostics));
    }
    // Fixing the whole file costs a lint run or more: only when asked for by kind.
    if (only && kindAllowed(FIX_ALL_KIND, only)) {
      const action = fixAllAction({ document, documentChanges }, await fixedText(document));
      if (action && isCurrent(document)) actions.push(action);
    }
    return actions;
  });

  connection.onExecuteCommand(async (params) => {
    const [arg] = params.arguments ?? [];
    if (params.command === SHOW_DOCUMENTATION_COMMAND && typeof arg === 'string') {
      await connection.window.showDocument({ uri: arg, external: true });
    } else if (params.command === FIX_ALL_COMMAND && typeof arg === 'string') {
      const document = snapshot(arg);
      if (!document) return;
      const action = fixAllAction({ document, documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true }, await fixedText(document));
      if (action?.edit && isCurrent(document)) await connection.workspace.applyEdit({ label: 'Fix all gust problems', edit: action.edit });
    }
  });

  documents.listen(connection);
  connection.listen();
}
