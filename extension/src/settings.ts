// The `gust.*` settings on their way to the server. The server validates them (and tells
// the user what is wrong, once), so the client only takes out what is its own: the
// `trace` key, which configures the client's connection logging.

/** The languages Gust lints, as VS Code language ids. */
export const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;

/** The configuration section the server reads, `gust`. */
export const SECTION = 'gust';

/**
 * Keys of the `gust` section that only the client uses (`gust.trace.server`).
 *
 * @example
 * CLIENT_ONLY_KEYS.includes('trace'); // true
 */
export const CLIENT_ONLY_KEYS: readonly string[] = ['trace'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `gust` section as the server gets it: VS Code's value without the client-only
 * keys. Anything else, valid or not, is passed on untouched for the server to check.
 *
 * @example
 * forwardedSection({ enable: true, run: 'onSave', trace: { server: 'verbose' } });
 * // { enable: true, run: 'onSave' }
 */
export function forwardedSection(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !CLIENT_ONLY_KEYS.includes(key)));
}

/** One item of a `workspace/configuration` request: the section asked for. */
export interface ConfigurationItem {
  scopeUri?: string;
  section?: string;
}

/**
 * Rewrites the client's answers to a `workspace/configuration` request: each `gust`
 * section (asked for by name, or inside the whole configuration) goes through
 * {@link forwardedSection}; other sections pass through.
 *
 * @example
 * mapConfigurationResults([{ section: 'gust' }], [{ run: 'onSave', trace: { server: 'off' } }]);
 * // [{ run: 'onSave' }]
 */
export function mapConfigurationResults(items: readonly ConfigurationItem[], results: readonly unknown[]): unknown[] {
  return results.map((result, index) => {
    const section = items[index]?.section;
    if (section === SECTION) return forwardedSection(result);
    if (section === undefined && isRecord(result) && isRecord(result[SECTION])) {
      return { ...result, [SECTION]: forwardedSection(result[SECTION]) };
    }
    return result;
  });
}
