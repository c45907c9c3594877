// A plain LSP client for tests: starts a server script in its own Node process over
// stdio or Node IPC and speaks JSON-RPC to it with vscode-languageserver-protocol.
import { type ChildProcess, fork } from 'node:child_process';
import {
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  ConfigurationRequest,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

/** A running server and the client connected to it. */
export interface TestServer {
  connection: ProtocolConnection;
  child: ChildProcess;
  stderr: () => string;
  initialize: (rootUri: string) => Promise<InitializeResult>;
  open: (uri: string, languageId: string, text: string) => Promise<void>;
  /** Resolves with the first diagnostics published for `uri` that `accept` takes. */
  diagnostics: (uri: string, accept: (diagnostics: Diagnostic[]) => boolean, timeoutMs: number) => Promise<Diagnostic[]>;
  /** Shuts the server down politely and resolves with its exit code. */
  stop: () => Promise<number | null>;
}

/**
 * Starts `node <script> --stdio` (or `--node-ipc`) with `cwd` as its working folder, and
 * answers the server's `workspace/configuration` requests with `settings` by section.
 *
 * @example
 * const server = startServer('/tmp/x/extension/dist/server.js', 'stdio', '/tmp/x', { gust: {} });
 */
export function startServer(
  script: string,
  transport: 'stdio' | 'ipc',
  cwd: string,
  settings: Record<string, unknown>,
): TestServer {
  const child = fork(script, [transport === 'stdio' ? '--stdio' : '--node-ipc'], {
    cwd,
    // NODE_PATH would let a bundle with a missing module find it elsewhere.
    env: { ...process.env, NODE_PATH: '' },
    stdio: transport === 'stdio' ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection =
    transport === 'stdio'
      ? createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
      : createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const published: PublishDiagnosticsParams[] = [];
  const listeners = new Set<() => void>();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    for (const listener of listeners) listener();
  });
  connection.onRequest(ConfigurationRequest.type, (params) =>
    params.items.map((item) => (item.section === undefined ? settings : (settings[item.section] ?? null))),
  );
  // Accepted, as editors do; this client sends every change it cares about anyway.
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.listen();
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );

  return {
    connection,
    child,
    stderr: () => stderr,
    async initialize(rootUri) {
      const result = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
          textDocument: {
            synchronization: { didSave: true },
            publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
            codeAction: {
              codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
            },
          },
        },
      });
      await connection.sendNotification(InitializedNotification.type, {});
      return result;
    },
    open: (uri, languageId, text) =>
      connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } }),
    diagnostics(uri, accept, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = published.find((params) => params.uri === uri && accept(params.diagnostics));
          if (!found) return false;
          listeners.delete(listener);
          clearTimeout(timer);
          resolve(found.diagnostics);
          return true;
        };
        const listener = (): void => void check();
        const timer = setTimeout(() => {
          listeners.delete(listener);
          const seen = published.filter((params) => params.uri === uri).map((params) => params.diagnostics);
          reject(new Error(`no matching diagnostics for ${uri} in ${timeoutMs} ms; received ${JSON.stringify(seen)}; stderr: ${stderr}`));
        }, timeoutMs);
        listeners.add(listener);
        check();
      });
    },
    async stop() {
      if (exitCode !== undefined) throw new Error(`the server had already exited with ${exitCode}; stderr: ${stderr}`);
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
