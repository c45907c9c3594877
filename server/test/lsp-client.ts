// A real JSON-RPC client for the BUILT server, started as a child over stdio, or (for
// speed) run in this process over a pair of in-memory streams.
import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { createConnection as createServerConnection } from 'vscode-languageserver/node';
import { startServer } from '../src/server';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ErrorCodes,
  ResponseError,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  ConfigurationRequest,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  type FileEvent,
  type InitializeResult,
  type LogMessageParams,
  LogMessageNotification,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  type Range,
  RegistrationRequest,
  ShowDocumentRequest,
  type ShowDocumentParams,
  type ShowMessageParams,
  ShowMessageNotification,
  ApplyWorkspaceEditRequest,
  type ApplyWorkspaceEditParams,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

/** The built bin, as CI runs it. */
export const SERVER_BIN = path.join(__dirname, '..', 'src', 'bin.js');

/** What VS Code tells a server it can do (the parts this server looks at). */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
  },
  window: { showDocument: { support: true } },
  textDocument: {
    synchronization: { didSave: true },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
  },
};

export interface StartOptions {
  root: string;
  capabilities?: ClientCapabilities;
  /** The `gust` section answered to workspace/configuration. */
  settings?: unknown;
  initializationOptions?: unknown;
  args?: string[];
  /** Answer client/registerCapability with an error, as a client may. */
  refuseRegistrations?: boolean;
}

/** A URI for a path. */
export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/**
 * A client speaking LSP to a spawned server, recording everything it is sent.
 */
export class TestClient {
  readonly publications: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly shown: ShowMessageParams[] = [];
  readonly documentsShown: ShowDocumentParams[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly registrations: string[] = [];
  configurationRequests = 0;
  settings: unknown;
  exit: Promise<number | null>;
  initializeResult!: InitializeResult;
  private readonly waiters = new Set<() => void>();
  private versions = new Map<string, number>();

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    settings: unknown,
    refuseRegistrations = false,
    private readonly inProcess = false,
  ) {
    this.settings = settings;
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => this.record(() => this.publications.push(p)));
    connection.onNotification(LogMessageNotification.type, (p) => this.record(() => this.logs.push(p)));
    connection.onNotification(ShowMessageNotification.type, (p) => this.record(() => this.shown.push(p)));
    connection.onRequest(ConfigurationRequest.type, (p) => {
      this.configurationRequests++;
      return p.items.map((item) => (item.section === 'gust' ? this.settings : null));
    });
    connection.onRequest(RegistrationRequest.type, (p) => {
      if (refuseRegistrations) return new ResponseError(ErrorCodes.InvalidRequest, 'registration refused by the test client');
      this.record(() => this.registrations.push(...p.registrations.map((r) => r.method)));
    });
    connection.onRequest(ShowDocumentRequest.type, (p) => {
      this.record(() => this.documentsShown.push(p));
      return { success: true };
    });
    connection.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      this.record(() => this.appliedEdits.push(p));
      return { applied: true };
    });
    connection.listen();
  }

  /** Starts the built server and runs initialize/initialized. */
  static async start(options: StartOptions): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER_BIN, ...(options.args ?? ['--stdio'])], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.resume();
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    return new TestClient(child, connection, options.settings ?? {}, options.refuseRegistrations).initialize(options, process.pid);
  }

  /**
   * Runs the server in this process, connected through in-memory streams: no process to
   * start, so a test takes milliseconds. The stdio and editor tests keep the truth of a
   * real process; this one is for the many small protocol checks.
   */
  static async inMemory(options: StartOptions): Promise<TestClient> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    // Message readers, not raw streams: given streams, the library would end the whole
    // process when they close.
    const server = createServerConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startServer(server);
    const connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    // What stop() and the tests need of a child process.
    const stand = Object.assign(new EventEmitter(), {
      exitCode: null as number | null,
      pid: process.pid,
      kill(): boolean {
        server.dispose();
        toServer.end();
        toClient.end();
        stand.exitCode = 0;
        stand.emit('exit', 0);
        return true;
      },
    });
    const client = new TestClient(stand as unknown as ChildProcess, connection, options.settings ?? {}, options.refuseRegistrations, true);
    // no process id: the library would watch it on a timer that never stops
    return client.initialize(options, null);
  }

  /** initialize, then initialized, as an editor starts a server. */
  private async initialize(options: StartOptions, processId: number | null): Promise<TestClient> {
    this.initializeResult = await this.connection.sendRequest('initialize', {
      processId,
      rootUri: uriOf(options.root),
      workspaceFolders: [{ uri: uriOf(options.root), name: path.basename(options.root) }],
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: options.initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return this;
  }

  private record(push: () => void): void {
    push();
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves when `check` returns a value (re-checked on every message), or fails after `ms`. */
  waitFor<T>(what: string, check: () => T | undefined, ms = 15000): Promise<T> {
    return new Promise((resolve, reject) => {
      const done = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(done);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; logs: ${this.logs.map((l) => l.message).join(' | ')}`));
      }, ms);
      this.waiters.add(done);
      done();
    });
  }

  /** The diagnostics of the latest publication for `uri` whose version is at least `version`. */
  diagnostics(uri: string, version?: number, ms?: number): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics for ${uri} v${version ?? '*'}`, () => {
      const last = this.publications.filter((p) => p.uri === uri).at(-1);
      if (!last) return undefined;
      if (version !== undefined && (last.version ?? -1) < version) return undefined;
      return last.diagnostics;
    }, ms);
  }

  /** Publications for `uri` so far. */
  publicationsFor(uri: string): PublishDiagnosticsParams[] {
    return this.publications.filter((p) => p.uri === uri);
  }

  async open(file: string, text: string, languageId = 'typescript'): Promise<string> {
    const uri = uriOf(file);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Replaces the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** An incremental change; returns the new version. */
  async edit(uri: string, range: Range, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  save(uri: string): Promise<void> {
    return this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { gust: settings } });
  }

  filesChanged(changes: FileEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[], range?: Range): Promise<(CodeAction | Command)[] | null> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: range ?? diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics, only },
    });
  }

  /** Shuts down politely, or kills the child if it does not answer. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    if (this.inProcess) {
      // `exit` would end this process: shut down, then close the streams
      await this.connection.sendRequest('shutdown').catch(() => undefined);
      this.child.kill();
      this.connection.dispose();
      return;
    }
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((_, reject) => setTimeout(() => reject(new Error('shutdown timeout')), 3000))]);
      await this.connection.sendNotification('exit');
      await Promise.race([this.exit, new Promise((resolve) => setTimeout(resolve, 3000))]);
    } catch {
      // the server is gone or stuck: the kill below ends it
    }
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    this.connection.dispose();
  }
}
