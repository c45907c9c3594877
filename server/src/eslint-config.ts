/**
 * A workspace's own ESLint flat config: found next to (or above) a file, and used
 * through ESLint's `ESLint` API so the editor shows what `eslint` in CI shows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ESLint, Linter } from 'eslint';

/** The file names ESLint looks for, in ESLint's own order. */
export const FLAT_CONFIG_NAMES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

/**
 * The nearest flat config file at or above the file's folder, as ESLint finds it;
 * the search stops at `stopAt` (the workspace folder) when given.
 *
 * @example
 * findFlatConfig('/w/src/a.ts', '/w'); // '/w/eslint.config.js' when it exists
 */
export function findFlatConfig(filePath: string, stopAt?: string): string | undefined {
  let dir = path.dirname(filePath);
  for (;;) {
    for (const name of FLAT_CONFIG_NAMES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir || (stopAt !== undefined && path.relative(stopAt, dir) === '')) return undefined;
    dir = parent;
  }
}

/** A workspace config that could not be loaded; its message names the file and the cause. */
export class EslintConfigError extends Error {
  constructor(
    readonly configFile: string,
    cause: unknown,
  ) {
    super(
      `The ESLint config ${configFile} could not be loaded (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}); ` +
        'fix it so that `npx eslint` runs, and gust falls back to its own settings until then.',
    );
    this.name = 'EslintConfigError';
  }
}

type EslintClass = new (options: ESLint.Options) => ESLint;

function loadEslintClass(configDir: string): EslintClass {
  // The workspace's own ESLint when it has one: the same version CI runs.
  let id = 'eslint';
  try {
    id = require.resolve('eslint', { paths: [configDir] });
  } catch {
    // no local ESLint: the server's own
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
  const mod = require(id) as { ESLint: EslintClass };
  return mod.ESLint;
}

/**
 * ESLint's API for one workspace config file. Instances are cached by the caller and
 * dropped when a config file changes (ESLint then re-reads the file).
 *
 * @example
 * const ws = new WorkspaceEslint('/w/eslint.config.js');
 * if (await ws.enablesGust('/w/a.ts')) messages = await ws.lint(text, '/w/a.ts', []);
 */
export class WorkspaceEslint {
  private readonly Eslint: EslintClass;
  private readonly cwd: string;
  private readonly eslint: ESLint;

  constructor(readonly configFile: string) {
    this.cwd = path.dirname(configFile);
    this.Eslint = loadEslintClass(this.cwd);
    this.eslint = this.create({});
  }

  private create(options: ESLint.Options): ESLint {
    return new this.Eslint({ cwd: this.cwd, overrideConfigFile: this.configFile, ...options });
  }

  /** Whether the config turns on at least one `gust/` rule for this file. */
  async enablesGust(filePath: string): Promise<boolean> {
    let config: Linter.Config | undefined;
    try {
      config = (await this.eslint.calculateConfigForFile(filePath)) as Linter.Config | undefined;
    } catch (error) {
      throw new EslintConfigError(this.configFile, error);
    }
    return Object.entries(config?.rules ?? {}).some(([id, entry]) => id.startsWith('gust/') && severityOf(entry) !== 0);
  }

  /** All messages for the text (the caller keeps the gust ones); `skipRules` are not run. */
  async lint(text: string, filePath: string, skipRules: readonly string[]): Promise<Linter.LintMessage[]> {
    const eslint = skipRules.length ? this.create({ ruleFilter: ({ ruleId }) => !skipRules.includes(ruleId) }) : this.eslint;
    const [result] = await eslint.lintText(text, { filePath, warnIgnored: false });
    return result?.messages ?? [];
  }

  /** The text with every gust fix applied until stable (ESLint's own fix loop). */
  async fix(text: string, filePath: string, skipRules: readonly string[]): Promise<string> {
    const eslint = this.create({
      fix: (message) => message.ruleId?.startsWith('gust/') === true,
      ruleFilter: ({ ruleId }) => !skipRules.includes(ruleId),
    });
    const [result] = await eslint.lintText(text, { filePath, warnIgnored: false });
    return result?.output ?? text;
  }
}

function severityOf(entry: unknown): number {
  const level = Array.isArray(entry) ? entry[0] : entry;
  if (level === 'off' || level === 0) return 0;
  return level === 'warn' || level === 1 ? 1 : 2;
}
