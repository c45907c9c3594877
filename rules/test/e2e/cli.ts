/**
 * Runs a real ESLint CLI in a child process and reduces its JSON report to what the
 * expectations compare: file, rule, position, message id and the suggestions offered.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/** One problem as the expectations record it. */
export interface Finding {
  file: string;
  ruleId: string | null;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  messageId?: string;
  fixable: boolean;
  suggestions: string[];
}

interface RawMessage {
  ruleId: string | null;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  messageId?: string;
  message: string;
  fix?: unknown;
  suggestions?: { desc: string }[];
}

interface RawResult {
  filePath: string;
  messages: RawMessage[];
}

/** The repository root, from the compiled `rules/dist/test/e2e` folder. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** The entry script of an ESLint CLI: `eslint` (10, the repo's own) or the compat project's `eslint-v8` / `eslint-v9`. */
export function eslintBin(which: 'eslint' | 'eslint-v8' | 'eslint-v9'): string {
  if (which === 'eslint') {
    // `eslint/bin/eslint.js` is not in the package's exports map; its package.json is.
    return path.join(path.dirname(require.resolve('eslint/package.json', { paths: [repoRoot] })), 'bin', 'eslint.js');
  }
  return path.join(repoRoot, 'rules', 'test', 'compat', 'node_modules', which, 'bin', 'eslint.js');
}

/**
 * Runs `eslint --format json` with `args` in `cwd`; throws with ESLint's own output when it
 * could not lint at all (exit code 2), so a broken config never passes as "no findings".
 */
export function lintWithCli(bin: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Finding[] {
  const run = spawnSync(process.execPath, [bin, '--format', 'json', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`eslint exited with ${run.status}:\n${run.stderr}\n${run.stdout}`);
  }
  const results = JSON.parse(run.stdout) as RawResult[];
  return results
    .flatMap((result) =>
      result.messages.map((message) => ({
        file: path.relative(cwd, result.filePath).split(path.sep).join('/'),
        ruleId: message.ruleId,
        line: message.line,
        column: message.column,
        endLine: message.endLine,
        endColumn: message.endColumn,
        messageId: message.messageId ?? message.message,
        fixable: message.fix !== undefined,
        suggestions: (message.suggestions ?? []).map((suggestion) => suggestion.desc),
      })),
    )
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
