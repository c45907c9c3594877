// The generated coroutine file the language server benchmarks lint (bench/server.js,
// bench/server-breakdown.js). Not a benchmark itself: scripts/bench.js runs bench/*.js only.
'use strict';

/** A coroutine file of exactly `lines` lines; every block discards one coroutine call. */
function coroutineFile(lines, seed = 0) {
  const out = ["import { coroutine, sleep } from 'gust';", ''];
  for (let i = 0; out.length + 10 <= lines; i++) {
    const prev = i === 0 ? 'sleep' : `step${seed}_${i - 1}`;
    out.push(
      `export const step${seed}_${i} = coroutine(function* (id: number) {`,
      '  yield sleep(1);',
      `  const user = yield ${prev}(id);`,
      `  ${prev}(id + 1);`,
      '  const [a, b] = yield [sleep(1), sleep(2)];',
      '  if (user === undefined) {',
      '    return a + b;',
      '  }',
      '  return user;',
      '});',
    );
  }
  while (out.length < lines) out.push('// padding');
  return out.join('\n') + '\n';
}

module.exports = { coroutineFile };
