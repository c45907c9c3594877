#!/usr/bin/env node
/**
 * `gust-language-server --stdio` or `--node-ipc`: starts the server on that transport.
 *
 * @example
 * // in an editor's LSP config
 * { "cmd": ["npx", "gust-language-server", "--stdio"] }
 */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';
import { parseArgs, usage } from './cli';

const parsed = parseArgs(process.argv.slice(2));
if (parsed.kind === 'help') {
  process.stdout.write(usage());
} else if (parsed.kind === 'version') {
  process.stdout.write('0.1.0\n');
} else if (parsed.kind === 'error') {
  process.stderr.write(`gust-language-server: ${parsed.message}\n${usage()}`);
  process.exitCode = 2;
} else {
  // createConnection reads the transport (and --clientProcessId) from process.argv.
  startServer(createConnection(ProposedFeatures.all));
}
