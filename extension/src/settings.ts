// The `gust.*` settings as the server receives them. VS Code validates settings.json
// only loosely (a wrong type is a yellow squiggle, not an error), so whatever arrives
// here is narrowed: a bad value falls back to its default and is reported, never sent on.

/** The languages Gust lints, as VS Code language ids. */
export const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;

/** A rule's severity as the `gust.rules` setting spells it. */
export type RuleSeverity = 'off' | 'warn' | 'error';

/** When the server lints a document. */
export type RunMode = 'onType' | 'onSave';

/**
 * The `gust` settings section forwarded to the server (`gust.trace.server` stays in the
 * client, which uses it to trace the connection).
 *
 * @example
 * const settings: GustSettings = { enable: true, run: 'onType', typeAware: false, rules: {} };
 */
export interface GustSettings {
  enable: boolean;
  run: RunMode;
  typeAware: boolean;
  rules: Record<string, RuleSeverity>;
}

/**
 * The defaults, the same as the manifest's `contributes.configuration`.
 *
 * @example
 * DEFAULT_SETTINGS.run; // 'onType'
 */
export const DEFAULT_SETTINGS: Readonly<GustSettings> = Object.freeze({
  enable: true,
  run: 'onType',
  typeAware: false,
  rules: Object.freeze({}) as Record<string, RuleSeverity>,
});

/**
 * The result of reading the settings: what to send, and what was wrong with the input.
 *
 * @example
 * const { settings, problems } = toServerSettings({ run: 'onSave' });
 */
export interface SettingsReading {
  settings: GustSettings;
  /** One sentence per rejected value, saying what was used instead and how to fix it. */
  problems: string[];
}

// Indexed by ESLint's numeric severities (0, 1, 2), which users copy from their configs.
const SEVERITIES: readonly RuleSeverity[] = ['off', 'warn', 'error'];
const RUN_MODES: readonly RunMode[] = ['onType', 'onSave'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
}

function readBoolean(raw: Record<string, unknown>, key: 'enable' | 'typeAware', problems: string[]): boolean {
  const value = raw[key];
  if (value === undefined || value === null) return DEFAULT_SETTINGS[key];
  if (typeof value === 'boolean') return value;
  problems.push(`gust.${key} is ${describe(value)}; use true or false. Using ${DEFAULT_SETTINGS[key]}.`);
  return DEFAULT_SETTINGS[key];
}

function readRun(raw: Record<string, unknown>, problems: string[]): RunMode {
  const value = raw.run;
  if (value === undefined || value === null) return DEFAULT_SETTINGS.run;
  if (RUN_MODES.includes(value as RunMode)) return value as RunMode;
  problems.push(`gust.run is ${describe(value)}; use "onType" or "onSave". Using "${DEFAULT_SETTINGS.run}".`);
  return DEFAULT_SETTINGS.run;
}

/**
 * Normalizes a rule id to its full `gust/<rule>` form.
 *
 * @example
 * ruleId('no-unyielded-coroutine'); // 'gust/no-unyielded-coroutine'
 * ruleId('gust/no-unyielded-coroutine'); // unchanged
 */
export function ruleId(name: string): string {
  return name.startsWith('gust/') ? name : `gust/${name}`;
}

function readSeverity(value: unknown): RuleSeverity | undefined {
  if (SEVERITIES.includes(value as RuleSeverity)) return value as RuleSeverity;
  if (typeof value === 'number' && Number.isInteger(value)) return SEVERITIES[value];
  return undefined;
}

function readRules(raw: Record<string, unknown>, problems: string[]): Record<string, RuleSeverity> {
  const value = raw.rules;
  const rules: Record<string, RuleSeverity> = {};
  if (value === undefined || value === null) return rules;
  if (!isRecord(value)) {
    problems.push(`gust.rules is ${describe(value)}; use an object such as { "gust/prefer-parallel-yield": "off" }. Ignoring it.`);
    return rules;
  }
  for (const [name, severity] of Object.entries(value)) {
    const read = readSeverity(severity);
    if (read === undefined) {
      problems.push(`gust.rules["${name}"] is ${describe(severity)}; use "off", "warn" or "error". Ignoring it.`);
    } else {
      rules[ruleId(name)] = read;
    }
  }
  return rules;
}

/**
 * Narrows the raw `gust` configuration section (whatever settings.json holds) to the
 * settings the server gets. Unknown keys are dropped, bad values fall back to their
 * defaults and are listed in `problems`.
 *
 * @example
 * toServerSettings({ run: 'onSave', rules: { 'prefer-parallel-yield': 'off' }, trace: { server: 'verbose' } });
 * // { settings: { enable: true, run: 'onSave', typeAware: false,
 * //               rules: { 'gust/prefer-parallel-yield': 'off' } }, problems: [] }
 */
export function toServerSettings(raw: unknown): SettingsReading {
  const problems: string[] = [];
  if (raw === undefined || raw === null) {
    return { settings: { ...DEFAULT_SETTINGS, rules: {} }, problems };
  }
  if (!isRecord(raw)) {
    problems.push(`The gust settings section is ${describe(raw)}; it must be an object. Using the defaults.`);
    return { settings: { ...DEFAULT_SETTINGS, rules: {} }, problems };
  }
  return {
    settings: {
      enable: readBoolean(raw, 'enable', problems),
      run: readRun(raw, problems),
      typeAware: readBoolean(raw, 'typeAware', problems),
      rules: readRules(raw, problems),
    },
    problems,
  };
}

/** One item of a `workspace/configuration` request: the section asked for. */
export interface ConfigurationItem {
  scopeUri?: string;
  section?: string;
}

/**
 * Rewrites the answers to a `workspace/configuration` request so every `gust` section
 * the server asks for is narrowed by {@link toServerSettings}; other sections pass
 * through. Returns the problems found, for the output channel.
 *
 * @example
 * const { results } = mapConfigurationResults([{ section: 'gust' }], [{ run: 'bad' }]);
 * // results[0].run === 'onType'
 */
export function mapConfigurationResults(
  items: readonly ConfigurationItem[],
  results: readonly unknown[],
): { results: unknown[]; problems: string[] } {
  const problems: string[] = [];
  const mapped = results.map((result, index) => {
    const section = items[index]?.section;
    if (section === 'gust') {
      const reading = toServerSettings(result);
      problems.push(...reading.problems);
      return reading.settings;
    }
    if (section === undefined && isRecord(result) && 'gust' in result) {
      const reading = toServerSettings(result.gust);
      problems.push(...reading.problems);
      return { ...result, gust: reading.settings };
    }
    return result;
  });
  return { results: mapped, problems };
}
