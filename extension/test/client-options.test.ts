import * as assert from 'node:assert/strict';
import type { LogOutputChannel } from 'vscode';
import { CancellationToken, type ConfigurationParams } from 'vscode-languageserver-protocol';
import type { Middleware } from 'vscode-languageclient/node';
import {
  CLIENT_ID,
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

  it('names the fix-all kind under source.fixAll', () => {
    assert.equal(FIX_ALL_KIND, 'source.fixAll.gust');
  });

  it('forwards the gust section and logs to the given channel', () => {
    const channel = { name: 'Gust' } as unknown as LogOutputChannel;
    const options = clientOptions(channel);
    assert.equal(options.outputChannel, channel);
    assert.deepEqual(options.synchronize, { configurationSection: CLIENT_ID });
    assert.deepEqual(options.documentSelector, documentSelector());
    assert.equal(options.diagnosticCollectionName, 'gust');
  });

  it('narrows the settings the server pulls and reports each problem once', async () => {
    const reported: string[] = [];
    const configure = configurationOf(settingsMiddleware((problem) => reported.push(problem)));
    const params: ConfigurationParams = { items: [{ section: 'gust', scopeUri: 'file:///w/a.ts' }, { section: 'files' }] };
    const next = answerWith([{ run: 'sometimes', rules: { 'prefer-parallel-yield': 'off' } }, { eol: '\n' }]);

    const first = await configure(params, CancellationToken.None, next);
    const second = await configure(params, CancellationToken.None, next);

    const expected = [{ enable: true, run: 'onType', typeAware: false, rules: { 'gust/prefer-parallel-yield': 'off' } }, { eol: '\n' }];
    assert.deepEqual(first, expected);
    assert.deepEqual(second, expected);
    assert.deepEqual(reported, ['gust.run is "sometimes"; use "onType" or "onSave". Using "onType".']);
  });

  it('reports settings problems as warnings in the output channel', async () => {
    const warnings: string[] = [];
    const channel = { warn: (message: string) => warnings.push(message) } as unknown as LogOutputChannel;
    const configure = configurationOf(clientOptions(channel).middleware);
    await configure({ items: [{ section: 'gust' }] }, CancellationToken.None, answerWith([{ typeAware: 'yes' }]));
    assert.deepEqual(warnings, ['Settings: gust.typeAware is "yes"; use true or false. Using false.']);
  });
});
