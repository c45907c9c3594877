/** The command line of `gust-language-server`. */

/** What the command line asks for. */
export type CliRequest = { kind: 'serve'; transport: 'stdio' | 'node-ipc' } | { kind: 'help' } | { kind: 'version' } | { kind: 'error'; message: string };

/**
 * The usage text.
 *
 * @example
 * process.stdout.write(usage());
 */
export function usage(): string {
  return [
    'usage: gust-language-server --stdio | --node-ipc [--clientProcessId=<pid>]',
    '',
    '  --stdio       speak LSP over stdin/stdout (Neovim, Emacs, most editors)',
    '  --node-ipc    speak LSP over Node IPC (VS Code starting a Node module)',
    '  --clientProcessId=<pid>  exit when that process ends',
    '  --help, --version',
    '',
  ].join('\n');
}

/**
 * Reads the arguments (without `node` and the script): exactly one transport.
 *
 * @example
 * parseArgs(['--stdio']); // { kind: 'serve', transport: 'stdio' }
 * parseArgs([]); // { kind: 'error', message: 'choose a transport: --stdio or --node-ipc' }
 */
export function parseArgs(args: readonly string[]): CliRequest {
  if (args.includes('--help') || args.includes('-h')) return { kind: 'help' };
  if (args.includes('--version')) return { kind: 'version' };
  const transports = new Set<'stdio' | 'node-ipc'>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--stdio') transports.add('stdio');
    else if (arg === '--node-ipc') transports.add('node-ipc');
    else if (/^--clientProcessId=\d+$/.test(arg)) continue;
    else if (arg === '--clientProcessId' && /^\d+$/.test(args[i + 1] ?? '')) i++;
    else return { kind: 'error', message: `unknown argument ${JSON.stringify(arg)}` };
  }
  if (transports.size === 0) return { kind: 'error', message: 'choose a transport: --stdio or --node-ipc' };
  if (transports.size > 1) return { kind: 'error', message: 'choose one transport: --stdio or --node-ipc, not both' };
  return { kind: 'serve', transport: [...transports][0] };
}
