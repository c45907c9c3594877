import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { IPCMessageReader, IPCMessageWriter, createProtocolConnection } from 'vscode-languageserver-protocol/node';
import { SERVER_BIN, uriOf } from '../lsp-client';
import { Workspace } from '../workspace';
import { SAMPLE, SAMPLE_CODES } from './sample';

describe('protocol: --node-ipc', function () {
  this.timeout(30000);

  it('serves over Node IPC, as VS Code starts a Node module', async () => {
    const ws = new Workspace();
    const child = fork(SERVER_BIN, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    try {
      const published = new Promise<{ diagnostics: { code?: unknown }[] }>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
      connection.listen();
      const result = await connection.sendRequest<{ serverInfo?: { name: string } }>('initialize', { processId: process.pid, rootUri: uriOf(ws.root), capabilities: {} });
      assert.equal(result.serverInfo?.name, 'gust-language-server');
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(ws.file('a.ts')), languageId: 'typescript', version: 1, text: SAMPLE } });
      assert.deepEqual((await published).diagnostics.map((d) => d.code), SAMPLE_CODES);
    } finally {
      connection.dispose();
      child.kill();
      ws.dispose();
    }
  });
});
