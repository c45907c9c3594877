/**
 * Running the gust plugin on one document: through the workspace's ESLint config when it
 * enables gust rules, else through `Linter` with the client settings. A rule that throws
 * is left out and reported; the other rules' results still count.
 */
import * as path from 'node:path';
import { Linter } from 'eslint';
import { EslintConfigError, WorkspaceEslint, findFlatConfig } from './eslint-config';
import { importersOf, programOf } from './dependants';
import { gustMessages } from './diagnostics';
import { type GustPlugin, type GustSettings, settingsToConfig } from './settings';
import { SliceParser } from './slice-parser';

/** A plugin that cannot be used; the message says how to get a working one. */
export class PluginLoadError extends Error {
  constructor(detail: string) {
    super(`eslint-plugin-gust could not be loaded: ${detail}. Install it next to the server (npm install eslint-plugin-gust) or build the workspace (npx tsc -b).`);
    this.name = 'PluginLoadError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Narrows a loaded module to the plugin object (CommonJS or `default` export).
 *
 * @example
 * const plugin = toPlugin(require('eslint-plugin-gust'));
 */
export function toPlugin(mod: unknown): GustPlugin {
  const plugin = isRecord(mod) && isRecord(mod.default) && !isRecord(mod.rules) ? mod.default : mod;
  if (!isRecord(plugin) || !isRecord(plugin.rules)) throw new PluginLoadError('its export has no `rules` object');
  if (!isRecord(plugin.configs)) throw new PluginLoadError('its export has no `configs` object');
  return plugin as unknown as GustPlugin;
}

/**
 * The installed `eslint-plugin-gust`.
 *
 * @example
 * const plugin = loadPlugin();
 */
export function loadPlugin(): GustPlugin {
  let mod: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand: a broken plugin is reported, not fatal
    mod = require('eslint-plugin-gust');
  } catch (error) {
    throw new PluginLoadError(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
  return toPlugin(mod);
}

/** A document to lint. */
export interface LintInput {
  text: string;
  /** The file's path; for an unsaved buffer, any path with the language's extension. */
  filePath: string;
  languageId: string;
  settings: GustSettings;
  /** The workspace folder holding the file (config search stops there; tsconfig root). */
  workspaceFolder?: string;
}

/** A rule that threw while linting: left out of the results, reported to the user. */
export interface RuleCrash {
  ruleId: string;
  error: string;
}

/**
 * What one lint run found: the gust messages (or the parsing error), crashes, and the
 * config used (a workspace file, or the client settings).
 */
export interface LintOutput {
  messages: Linter.LintMessage[];
  crashes: RuleCrash[];
  configFile?: string;
  /** A workspace config that failed to load (the settings were used instead). */
  configError?: EslintConfigError;
  /** Open files (among those asked about) whose typed results may change with this one. */
  dependants?: string[];
}

const EXTENSIONS: Readonly<Record<string, string>> = { typescript: '.ts', typescriptreact: '.tsx', javascript: '.js', javascriptreact: '.jsx' };
const LINTED_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/**
 * A path ESLint will lint as the document's language: its own path when the extension
 * fits, else the language's extension added (an untitled buffer, a `.es6` file).
 *
 * @example
 * lintPath('/tmp/Untitled-1', 'typescript'); // '/tmp/Untitled-1.ts'
 */
export function lintPath(filePath: string, languageId: string): string {
  return LINTED_EXTENSION.test(filePath) ? filePath : filePath + (EXTENSIONS[languageId] ?? '.js');
}

const MAX_CRASHES = 8;

/** The rule id an error thrown out of `Linter` names, if any. */
export function crashedRule(error: unknown): string | undefined {
  if (!isRecord(error)) return undefined;
  if (typeof error.ruleId === 'string') return error.ruleId;
  const match = typeof error.message === 'string' ? /\nRule: "([^"]+)"/.exec(error.message) : null;
  return match?.[1];
}

/** Runs `attempt` leaving out each rule that throws, until a run completes. */
async function withoutCrashingRules<T>(attempt: (skip: readonly string[]) => T | Promise<T>): Promise<{ value: T; crashes: RuleCrash[] }> {
  const crashes: RuleCrash[] = [];
  for (;;) {
    try {
      return { value: await attempt(crashes.map((c) => c.ruleId)), crashes };
    } catch (error) {
      const ruleId = crashedRule(error);
      if (!ruleId || crashes.length >= MAX_CRASHES || crashes.some((c) => c.ruleId === ruleId)) throw error;
      crashes.push({ ruleId, error: error instanceof Error ? error.message : String(error) });
    }
  }
}

type RuleFilter = (rule: { ruleId: string }) => boolean;
type LinterOptions = Linter.FixOptions & { ruleFilter?: RuleFilter };

/**
 * Lints documents with the gust plugin. Keeps one `ESLint` per workspace config file and
 * one `Linter` per file system root; {@link GustLinter.configChanged} drops the former.
 *
 * @example
 * const linter = new GustLinter(loadPlugin(), require('@typescript-eslint/parser'));
 * const { messages } = await linter.lint({ text, filePath: '/w/a.ts', languageId: 'typescript', settings }, false);
 */
export class GustLinter {
  private readonly linters = new Map<string, Linter>();
  private readonly workspaces = new Map<string, WorkspaceEslint>();
  private readonly slices: SliceParser;

  constructor(
    readonly plugin: GustPlugin,
    parser: unknown,
  ) {
    if (!SliceParser.canWrap(parser)) throw new TypeError('GustLinter needs an ESLint parser (an object with parseForESLint or parse)');
    this.slices = new SliceParser(() => parser);
  }

  /** The rule's docs page, from the plugin's rule meta. */
  docsUrl(ruleId: string): string | undefined {
    const rule = this.plugin.rules[ruleId.replace(/^gust\//, '')];
    const url = isRecord(rule) && isRecord(rule.meta) && isRecord(rule.meta.docs) ? rule.meta.docs.url : undefined;
    return typeof url === 'string' ? url : undefined;
  }

  /** Forget loaded workspace configs: the next run reads them again. */
  configChanged(): void {
    this.workspaces.clear();
  }

  private linter(filePath: string): Linter {
    // Linting from the file system root: every absolute path is inside the base path.
    const root = path.parse(filePath).root || '/';
    let linter = this.linters.get(root);
    if (!linter) {
      linter = new Linter({ cwd: root });
      this.linters.set(root, linter);
    }
    return linter;
  }

  private async workspaceConfig(input: LintInput): Promise<WorkspaceEslint | EslintConfigError | undefined> {
    const file = findFlatConfig(input.filePath, input.workspaceFolder);
    if (!file) return undefined;
    try {
      let ws = this.workspaces.get(file);
      if (!ws) {
        ws = new WorkspaceEslint(file);
        this.workspaces.set(file, ws);
      }
      return (await ws.enablesGust(input.filePath)) ? ws : undefined;
    } catch (error) {
      return error instanceof EslintConfigError ? error : new EslintConfigError(file, error);
    }
  }

  private config(input: LintInput, typed: boolean): Linter.Config[] {
    return settingsToConfig(this.plugin, input.settings, { typed, jsx: true, tsconfigRootDir: input.workspaceFolder }, this.slices.parser);
  }

  /**
   * Lints one document; `typed` asks for type information (settings mode only: a
   * workspace config decides that itself). With `parseText` (the text with some function
   * bodies blanked, see incremental.ts) the parser reads that instead; undefined when the
   * workspace's parser cannot be given it.
   */
  async lint(input: LintInput, typed: boolean, openFiles?: readonly string[]): Promise<LintOutput>;
  async lint(input: LintInput, typed: boolean, openFiles: readonly string[], parseText: string): Promise<LintOutput | undefined>;
  async lint(input: LintInput, typed: boolean, openFiles: readonly string[] = [], parseText?: string): Promise<LintOutput | undefined> {
    const ws = await this.workspaceConfig(input);
    if (ws instanceof WorkspaceEslint) {
      if (parseText !== undefined && !ws.canSlice(input.filePath)) return undefined;
      const { value, crashes } = await withoutCrashingRules((skip) => ws.lint(input.text, input.filePath, skip, parseText));
      return { messages: gustMessages(value), crashes, configFile: ws.configFile };
    }
    const filename = lintPath(input.filePath, input.languageId);
    const config = this.config(input, typed);
    const linter = this.linter(filename);
    const verify = (skip: readonly string[]) => linter.verify(input.text, config, { filename, ruleFilter: ({ ruleId }) => !skip.includes(ruleId) } as LinterOptions);
    const { value, crashes } = await withoutCrashingRules((skip) => (parseText === undefined ? verify(skip) : this.slices.during(filename, input.text, parseText, () => verify(skip))));
    const out: LintOutput = { messages: gustMessages(value), crashes, configError: ws };
    if (typed && openFiles.length) {
      const program = programOf(linter.getSourceCode()?.parserServices);
      out.dependants = program ? importersOf(program, input.filePath, openFiles.filter((f) => f !== input.filePath)) : [];
    }
    return out;
  }

  /** The text with every safe gust fix applied until it is stable. */
  async fixAll(input: LintInput, typed: boolean): Promise<string> {
    const ws = await this.workspaceConfig(input);
    if (ws instanceof WorkspaceEslint) {
      return (await withoutCrashingRules((skip) => ws.fix(input.text, input.filePath, skip))).value;
    }
    const filename = lintPath(input.filePath, input.languageId);
    const config = this.config(input, typed);
    const linter = this.linter(filename);
    const { value } = await withoutCrashingRules((skip) => linter.verifyAndFix(input.text, config, { filename, fix: true, ruleFilter: ({ ruleId }) => !skip.includes(ruleId) } as LinterOptions));
    return value.output;
  }
}
