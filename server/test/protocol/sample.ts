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

/**
 * A large-document stand-in: `blocks` coroutines, each yielding the one before and
 * discarding one call to it (one warning per block, on line 2 + 4 * block + 2).
 */
export function coroutineChain(blocks: number): string {
  const out = ["import { coroutine, sleep } from 'gust';", ''];
  for (let i = 0; i < blocks; i++) {
    const prev = i === 0 ? 'sleep' : `step${i - 1}`;
    out.push(`export const step${i} = coroutine(function* (id: number) {`, `  yield ${prev}(id);`, `  ${prev}(id + 1);`, '});');
  }
  return out.join('\n') + '\n';
}
