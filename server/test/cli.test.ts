import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from '../src/cli';

const BIN = path.join(__dirname, '..', 'src', 'bin.js');

describe('command line', () => {
  it('accepts exactly one transport, plus --clientProcessId', () => {
    assert.deepEqual(parseArgs(['--stdio']), { kind: 'serve', transport: 'stdio' });
    assert.deepEqual(parseArgs(['--node-ipc', '--clientProcessId=42']), { kind: 'serve', transport: 'node-ipc' });
    assert.deepEqual(parseArgs(['--stdio', '--clientProcessId', '42']), { kind: 'serve', transport: 'stdio' });
    assert.deepEqual(parseArgs([]), { kind: 'error', message: 'choose a transport: --stdio or --node-ipc' });
    assert.deepEqual(parseArgs(['--stdio', '--node-ipc']), { kind: 'error', message: 'choose one transport: --stdio or --node-ipc, not both' });
    assert.deepEqual(parseArgs(['--socket=3']), { kind: 'error', message: 'unknown argument "--socket=3"' });
  });

  it('the built bin exits with a usage error and status 2 without a transport', async () => {
    const run = promisify(execFile);
    await assert.rejects(run(process.execPath, [BIN]), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr, /gust-language-server: choose a transport: --stdio or --node-ipc\nusage: gust-language-server --stdio \| --node-ipc/);
      return true;
    });
    const { stdout } = await run(process.execPath, [BIN, '--help']);
    assert.match(stdout, /--node-ipc +speak LSP over Node IPC/);
  });
});
