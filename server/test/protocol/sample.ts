// The example file the protocol tests open: one discarded coroutine call and two
// deprecated IOLoop.instance() calls (a fix each).
export const SAMPLE = [
  "import { IOLoop, coroutine, sleep } from 'gust';",
  '',
  'const fetchUser = coroutine(function* (id: number) {',
  '  yield sleep(10);',
  '  return { id };',
  '});',
  '',
  'export const main = coroutine(function* () {',
  '  fetchUser(1);',
  '  const loop = IOLoop.instance();',
  '  IOLoop.instance().addCallback(() => undefined);',
  '  return loop;',
  '});',
  '',
].join('\n');

/** SAMPLE's lines, to build expected texts. */
export const LINES = SAMPLE.split('\n');

/** SAMPLE with line `index` replaced. */
export function withLine(index: number, text: string, base = LINES): string {
  return base.map((line, i) => (i === index ? text : line)).join('\n');
}

/**
 * What the plugin's rules offer for SAMPLE (titles and results), kept in one place: the
 * server only relays them, so these follow the plugin.
 */
export const LINTED = {
  unyieldedTitles: [
    'Yield the coroutine (gust/no-unyielded-coroutine)',
    'Disable gust/no-unyielded-coroutine for this line',
    'Disable gust/no-unyielded-coroutine for the entire file',
    'Show documentation for gust/no-unyielded-coroutine',
  ],
  unyieldedSuggestions: [['Yield the coroutine (gust/no-unyielded-coroutine)', withLine(8, '  yield fetchUser(1);')]] as [string, string][],
  deprecatedSuggestionTitles: [] as string[],
};
