/**
 * The `gust` settings section: defaults, validation of what a client sends, and the
 * ESLint flat config those settings stand for.
 */
import type { Linter } from 'eslint';

/** When the server lints: on every change (debounced) or only when a file is saved. */
export type RunMode = 'onType' | 'onSave';
/** A rule level as users write it in settings. */
export type RuleLevel = 'off' | 'warn' | 'error';
/** A level, or ESLint's `[level, options]` form for rules that take options. */
export type RuleSetting = RuleLevel | [RuleLevel, ...unknown[]];

/**
 * The settings of section `gust`, as read through `workspace/configuration`.
 *
 * @example
 * const s: GustSettings = { enable: true, run: 'onType', typeAware: false, rules: { 'gust/no-unyielded-coroutine': 'error' } };
 */
export interface GustSettings {
  enable: boolean;
  run: RunMode;
  typeAware: boolean;
  /** Rule id (`gust/<rule>` or `<rule>`) to level; overrides the recommended config. */
  rules: Readonly<Record<string, RuleSetting>>;
}

/**
 * What a user gets without any settings.
 *
 * @example
 * parseSettings(undefined).settings; // DEFAULT_SETTINGS
 */
export const DEFAULT_SETTINGS: GustSettings = Object.freeze({
  enable: true,
  run: 'onType',
  typeAware: false,
  rules: Object.freeze({}),
});

/**
 * Settings read from a client, plus one sentence per value that was ignored.
 *
 * @example
 * const { settings, problems } = parseSettings({ run: 'sometimes' });
 * // settings.run === 'onType'; problems[0] explains the allowed values
 */
export interface ParsedSettings {
  settings: GustSettings;
  problems: string[];
}

const LEVELS: readonly RuleLevel[] = ['off', 'warn', 'error'];
const NUMERIC_LEVELS: Readonly<Record<number, RuleLevel>> = { 0: 'off', 1: 'warn', 2: 'error' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `no-x`, `gust/no-x` → `gust/no-x`: settings may leave out the plugin prefix. */
export function qualifyRuleId(id: string): string {
  return id.startsWith('gust/') ? id : `gust/${id}`;
}

function parseLevel(value: unknown): RuleLevel | undefined {
  if (typeof value === 'number') return NUMERIC_LEVELS[value];
  if (typeof value === 'string' && (LEVELS as readonly string[]).includes(value)) return value as RuleLevel;
  return undefined;
}

// ESLint's own spellings are accepted too: 0/1/2 and ["warn", options].
function parseRuleSetting(value: unknown): RuleSetting | undefined {
  if (!Array.isArray(value)) return parseLevel(value);
  const level = parseLevel(value[0]);
  return level && [level, ...(value.slice(1) as unknown[])];
}

/**
 * Narrows whatever a client sent for section `gust` into {@link GustSettings}. A wrong
 * value never throws: its default is kept and `problems` says how to fix it.
 *
 * @example
 * parseSettings({ enable: false, rules: { 'no-unyielded-coroutine': 'warn' } }).settings.rules;
 * // { 'gust/no-unyielded-coroutine': 'warn' }
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings: DEFAULT_SETTINGS, problems };
  if (!isRecord(raw)) {
    problems.push(`gust settings must be an object such as {"enable": true}; got ${JSON.stringify(raw)}, so the defaults are used.`);
    return { settings: DEFAULT_SETTINGS, problems };
  }
  const settings: GustSettings = { ...DEFAULT_SETTINGS, rules: {} };
  if (raw.enable !== undefined) {
    if (typeof raw.enable === 'boolean') settings.enable = raw.enable;
    else problems.push(`gust.enable must be true or false; got ${JSON.stringify(raw.enable)}.`);
  }
  if (raw.run !== undefined) {
    if (raw.run === 'onType' || raw.run === 'onSave') settings.run = raw.run;
    else problems.push(`gust.run must be "onType" or "onSave"; got ${JSON.stringify(raw.run)}.`);
  }
  if (raw.typeAware !== undefined) {
    if (typeof raw.typeAware === 'boolean') settings.typeAware = raw.typeAware;
    else problems.push(`gust.typeAware must be true or false; got ${JSON.stringify(raw.typeAware)}.`);
  }
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) {
      problems.push(`gust.rules must map rule ids to "off", "warn" or "error"; got ${JSON.stringify(raw.rules)}.`);
    } else {
      const rules: Record<string, RuleSetting> = {};
      for (const [id, value] of Object.entries(raw.rules)) {
        const level = parseRuleSetting(value);
        if (level) rules[qualifyRuleId(id)] = level;
        else problems.push(`gust.rules["${id}"] must be "off", "warn" or "error"; got ${JSON.stringify(value)}.`);
      }
      settings.rules = rules;
    }
  }
  return { settings, problems };
}

/** The parts of the plugin object that the server needs. */
export interface GustPlugin {
  rules: Record<string, unknown>;
  configs: Record<string, unknown>;
}

/** Options for {@link settingsToConfig}. */
export interface ConfigOptions {
  /** Lint with type information (typescript-eslint's project service). */
  typed: boolean;
  /** Where the project service looks for tsconfig files. */
  tsconfigRootDir?: string;
  /** JSX on for `.js` files (the `javascriptreact` language). */
  jsx: boolean;
}

/** Every file extension of the four languages the server lints. */
export const LINTED_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];

function configList(value: unknown): Linter.Config[] {
  if (Array.isArray(value)) return value as Linter.Config[];
  return isRecord(value) ? [value as Linter.Config] : [];
}

/**
 * The flat config that client settings stand for: the plugin's recommended config
 * (`recommended-type-checked` when typed), then each rule level from settings.
 *
 * @example
 * const config = settingsToConfig(plugin, settings, { typed: false, jsx: false });
 * new Linter().verify(text, config, { filename: '/w/a.ts' });
 */
export function settingsToConfig(plugin: GustPlugin, settings: GustSettings, options: ConfigOptions, parser: unknown): Linter.Config[] {
  const preset = configList(plugin.configs[options.typed ? 'recommended-type-checked' : 'recommended']);
  const rules: Linter.RulesRecord = {};
  for (const [id, level] of Object.entries(settings.rules)) {
    // Unknown ids are skipped rather than failing the whole run; ESLint would throw.
    if (id.slice('gust/'.length) in plugin.rules) rules[id] = level as Linter.RuleEntry;
  }
  const parserOptions: Linter.ParserOptions = { ecmaFeatures: { jsx: options.jsx } };
  if (options.typed) {
    parserOptions.projectService = true;
    parserOptions.tsconfigRootDir = options.tsconfigRootDir;
  }
  return [
    { files: LINTED_FILES, languageOptions: { parser: parser as Linter.Parser, sourceType: 'module' } },
    ...preset.map((c) => ({ ...c, files: c.files ?? LINTED_FILES })),
    {
      files: LINTED_FILES,
      plugins: { gust: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      languageOptions: { parser: parser as Linter.Parser, parserOptions },
      rules,
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
  ];
}
