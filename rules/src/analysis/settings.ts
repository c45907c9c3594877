import type { TSESLint } from '@typescript-eslint/utils';

/** The shared `settings.gust` block, after validation and defaults. */
export interface GustSettings {
  /** Names of functions defined elsewhere that return a Future: `fetchUser` or dotted `db.query`. */
  readonly coroutines: readonly string[];
  /** Modules whose exports count as the runtime's (default `['gust']`). */
  readonly runtimeModules: readonly string[];
}

/**
 * Thrown when `settings.gust` has the wrong shape; the message says what to write instead.
 *
 * @example
 * throw new GustSettingsError('settings.gust.coroutines must be an array of names, like ["fetchUser"].');
 */
export class GustSettingsError extends Error {
  override readonly name = 'GustSettingsError';
}

const DEFAULT_RUNTIME = 'gust';
const cache = new WeakMap<object, GustSettings>();
const DEFAULTS: GustSettings = Object.freeze({ coroutines: [], runtimeModules: [DEFAULT_RUNTIME] });

function stringList(value: unknown, key: string, example: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) return value;
  throw new GustSettingsError(
    `settings.gust.${key} must be a string or an array of strings, like ${example}; got ${JSON.stringify(value)}.`,
  );
}

/**
 * Reads and validates `settings.gust` from a rule context.
 *
 * @example
 * const { coroutines, runtimeModules } = readSettings(context);
 */
export function readSettings(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): GustSettings {
  const settings: unknown = context.settings;
  const raw: unknown = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).gust : undefined;
  if (raw && typeof raw === 'object') {
    const known = cache.get(raw);
    if (known) return known;
  }
  if (raw !== undefined && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) {
    throw new GustSettingsError(
      `settings.gust must be an object like { coroutines: ["fetchUser"], runtimeModule: "gust" }; got ${JSON.stringify(raw)}.`,
    );
  }
  if (raw === undefined) return DEFAULTS;
  const block = raw as Record<string, unknown>;
  const unknownKeys = Object.keys(block).filter((key) => key !== 'coroutines' && key !== 'runtimeModule');
  if (unknownKeys.length > 0) {
    throw new GustSettingsError(
      `settings.gust has unknown key(s) ${unknownKeys.join(', ')}; the known keys are "coroutines" and "runtimeModule".`,
    );
  }
  const result: GustSettings = {
    coroutines: stringList(block.coroutines, 'coroutines', '["fetchUser", "db.query"]') ?? [],
    runtimeModules: stringList(block.runtimeModule, 'runtimeModule', '"gust" or ["gust", "@acme/gust"]') ?? [DEFAULT_RUNTIME],
  };
  if (raw && typeof raw === 'object') cache.set(raw, result);
  return result;
}
