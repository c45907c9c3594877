// How the client starts and talks to the server, as plain data. Only types come from
// vscode-languageclient here: its runtime needs VS Code, and these functions are tested
// without it.
import type { LogOutputChannel } from 'vscode';
import type {
  DocumentSelector,
  LanguageClientOptions,
  Middleware,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { LANGUAGES, mapConfigurationResults } from './settings';

/** The client's id: VS Code reads `gust.trace.server` by it. */
export const CLIENT_ID = 'gust';
/** The name shown for the client, its output channel and its diagnostics. */
export const CLIENT_NAME = 'Gust';
/** The code action kind of "apply every safe Gust fix", for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.gust';
/** The bundled server, relative to the extension's folder. */
export const SERVER_BUNDLE = 'dist/server.js';

// TransportKind.ipc, spelled as its value so this module never loads the client library.
const IPC: TransportKind.ipc = 1;
/** The port a debug build of the server listens on for an inspector. */
export const DEBUG_PORT = 6011;

/**
 * The documents the server lints: the four languages, saved files and untitled buffers.
 *
 * @example
 * documentSelector()[0]; // { scheme: 'file', language: 'typescript' }
 */
export function documentSelector(): DocumentSelector {
  return LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}

/**
 * Starts the bundled server in a Node process of its own, over Node IPC (the client
 * passes `--node-ipc`); the debug variant opens an inspector on {@link DEBUG_PORT}.
 *
 * @example
 * serverOptions(context.asAbsolutePath(SERVER_BUNDLE));
 */
export function serverOptions(serverModule: string): ServerOptions {
  return {
    run: { module: serverModule, transport: IPC },
    debug: {
      module: serverModule,
      transport: IPC,
      options: { execArgv: ['--nolazy', `--inspect=${DEBUG_PORT}`] },
    },
  };
}

/**
 * The middleware: the client's answers to the server's `workspace/configuration`
 * requests leave out the client-only keys of the `gust` section.
 *
 * @example
 * new LanguageClient(id, name, server, { ...options, middleware: settingsMiddleware() });
 */
export function settingsMiddleware(): Middleware {
  return {
    workspace: {
      configuration: async (params, token, next) => {
        const answer = await next(params, token);
        // A ResponseError is passed on as it is.
        return Array.isArray(answer) ? mapConfigurationResults(params.items, answer) : answer;
      },
    },
  };
}

/**
 * The client's options: which documents, where its logs go, and the settings
 * middleware (the server pulls the `gust` section through `workspace/configuration`).
 *
 * @example
 * new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions(module), clientOptions(channel));
 */
export function clientOptions(outputChannel: LogOutputChannel): LanguageClientOptions {
  return {
    documentSelector: documentSelector(),
    diagnosticCollectionName: CLIENT_ID,
    outputChannel,
    // No `synchronize.configurationSection`: the server registers for `gust` changes
    // itself and then pulls the section, so a second notification would be noise.
    middleware: settingsMiddleware(),
  };
}
