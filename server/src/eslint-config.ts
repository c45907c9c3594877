/**
 * A workspace's own ESLint flat config: found next to (or above) a file, and used
 * through ESLint's `ESLint` API so the editor shows what `eslint` in CI shows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { SliceParser } from './slice-parser';

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
  /** Each linted file's own parser, as its config names it: the slice parser hands it the text. */
  private readonly parsers = new Map<string, unknown>();
  private sliceParser?: SliceParser;
  private sliceEslint?: ESLint;

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
    // A typed config reads the text into a program other files see: never a slice there.
    const parserOptions = (config?.languageOptions?.parserOptions ?? {}) as Record<string, unknown>;
    const typed = Boolean(parserOptions.project || parserOptions.projectService || parserOptions.programs);
    this.parsers.set(filePath, typed ? undefined : config?.languageOptions?.parser);
    return Object.entries(config?.rules ?? {}).some(([id, entry]) => id.startsWith('gust/') && severityOf(entry) !== 0);
  }

  /**
   * Whether the file's parser can read a slice: an untyped parser object the config
   * names (ESLint's default parser is not one; a typed parse would put the slice into
   * the program other files see).
   */
  canSlice(filePath: string): boolean {
    return SliceParser.canWrap(this.parsers.get(filePath));
  }

  /** All messages for the text (the caller keeps the gust ones); `skipRules` are not run. With `parseText`, see {@link canSlice}. */
  async lint(text: string, filePath: string, skipRules: readonly string[], parseText?: string): Promise<Linter.LintMessage[]> {
    if (parseText !== undefined) return this.lintSlice(text, filePath, skipRules, parseText);
    const eslint = skipRules.length ? this.create({ ruleFilter: ({ ruleId }) => !skipRules.includes(ruleId) }) : this.eslint;
    const [result] = await eslint.lintText(text, { filePath, warnIgnored: false });
    return result?.messages ?? [];
  }

  private async lintSlice(text: string, filePath: string, skipRules: readonly string[], parseText: string): Promise<Linter.LintMessage[]> {
    if (!this.sliceParser) {
      // One wrapper for every file: it hands each file's text to that file's own parser.
      this.sliceParser = new SliceParser((file) => this.parsers.get(file ?? ''));
      this.sliceEslint = this.create({ overrideConfig: [{ languageOptions: { parser: this.sliceParser.parser } }] });
    }
    const slices = this.sliceParser;
    const eslint = skipRules.length
      ? this.create({ overrideConfig: [{ languageOptions: { parser: slices.parser } }], ruleFilter: ({ ruleId }) => !skipRules.includes(ruleId) })
      : this.sliceEslint!;
    const [result] = await slices.during(filePath, text, parseText, () => eslint.lintText(text, { filePath, warnIgnored: false }));
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
