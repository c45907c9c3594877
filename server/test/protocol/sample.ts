// The example file the protocol tests open: two discarded coroutine calls inside a
// coroutine and a generator called at the top level (gust's recommended rules).
export const SAMPLE = [
  "import { coroutine, sleep } from 'gust';",
  '',
  'const fetchUser = coroutine(function* (id: number) {',
  '  yield sleep(10);',
  '  return { id };',
  '});',
  '',
  'export const main = coroutine(function* () {',
  '  fetchUser(1);',
  '  fetchUser(2);',
  "  return 'done';",
  '});',
  '',
  'function* ticks() {',
  '  yield 1;',
  '}',
  'ticks();',
  '',
].join('\n');

/** SAMPLE's lines, to build expected texts. */
export const LINES = SAMPLE.split('\n');

/** SAMPLE with lines replaced (index to new text). */
export function withLines(changes: Record<number, string>, base = LINES): string {
  return base.map((line, i) => changes[i] ?? line).join('\n');
}

/** SAMPLE with both discarded calls yielded. */
export const YIELDED = withLines({ 8: '  yield fetchUser(1);', 9: '  yield fetchUser(2);' });

/** Settings that make the "yield" repair an autofix (so "Fix this ..." exists). */
export const AUTOFIX_YIELD = { rules: { 'gust/no-unyielded-coroutine': ['error', { autofix: 'yield' }] } };

/** The codes SAMPLE gets with the recommended config. */
export const SAMPLE_CODES = ['gust/no-unyielded-coroutine', 'gust/no-unyielded-coroutine', 'gust/no-floating-generator'];
