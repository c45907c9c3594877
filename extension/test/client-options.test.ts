import * as assert from 'node:assert/strict';
import type { LogOutputChannel } from 'vscode';
import { CancellationToken, type ConfigurationParams, ResponseError } from 'vscode-languageserver-protocol';
import type { Middleware } from 'vscode-languageclient/node';
import { FIX_ALL_KIND as serverFixAllKind } from 'gust-language-server';
import {
  DEBUG_PORT,
  FIX_ALL_KIND,
  clientOptions,
  documentSelector,
  serverOptions,
  settingsMiddleware,
} from '../src/client-options';

type Configure = NonNullable<NonNullable<Middleware['workspace']>['configuration']>;

function configurationOf(middleware: Middleware | undefined): Configure {
  const configure = middleware?.workspace?.configuration;
  assert.ok(configure, 'the middleware answers workspace/configuration');
  return configure;
}

// The client's own answer: what VS Code's settings hold for each item asked for.
function answerWith(values: unknown[]) {
  return async (params: ConfigurationParams) => params.items.map((_item, index) => values[index]);
}

describe('extension client options', () => {
  it('selects the four languages, in files and untitled buffers', () => {
    assert.deepEqual(documentSelector(), [
      { scheme: 'file', language: 'typescript' },
      { scheme: 'untitled', language: 'typescript' },
      { scheme: 'file', language: 'typescriptreact' },
      { scheme: 'untitled', language: 'typescriptreact' },
      { scheme: 'file', language: 'javascript' },
      { scheme: 'untitled', language: 'javascript' },
      { scheme: 'file', language: 'javascriptreact' },
      { scheme: 'untitled', language: 'javascriptreact' },
    ]);
  });

  it('starts the server module over Node IPC, with an inspector when debugging', () => {
    // 1 is TransportKind.ipc: the client then passes --node-ipc to the server.
    assert.deepEqual(serverOptions('/ext/dist/server.js'), {
      run: { module: '/ext/dist/server.js', transport: 1 },
      debug: { module: '/ext/dist/server.js', transport: 1, options: { execArgv: ['--nolazy', `--inspect=${DEBUG_PORT}`] } },
    });
  });

  it("names the fix-all kind as the server offers it, under source.fixAll", () => {
    assert.equal(FIX_ALL_KIND, serverFixAllKind);
    assert.equal(FIX_ALL_KIND, 'source.fixAll.gust');
  });

  it('logs to the given channel and lints the four languages', () => {
    const channel = { name: 'Gust' } as unknown as LogOutputChannel;
    const options = clientOptions(channel);
    assert.equal(options.outputChannel, channel);
    assert.deepEqual(options.documentSelector, documentSelector());
    assert.equal(options.diagnosticCollectionName, 'gust');
    assert.equal(options.synchronize, undefined, 'the server registers for gust changes itself');
  });

  it("answers the server's configuration requests without the client-only keys", async () => {
    const configure = configurationOf(clientOptions({} as LogOutputChannel).middleware);
    const params: ConfigurationParams = { items: [{ section: 'gust', scopeUri: 'file:///w/a.ts' }, { section: 'files' }] };
    const next = answerWith([{ enable: true, run: 'onSave', trace: { server: 'verbose' } }, { eol: '\n' }]);
    assert.deepEqual(await configure(params, CancellationToken.None, next), [{ enable: true, run: 'onSave' }, { eol: '\n' }]);
  });

  it('passes an error answer on as it is', async () => {
    const configure = configurationOf(settingsMiddleware());
    const error = new ResponseError(-32603, 'no configuration');
    assert.equal(await configure({ items: [{ section: 'gust' }] }, CancellationToken.None, async () => error), error);
  });
});
