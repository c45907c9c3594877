#!/usr/bin/env node
// Question: where does the language server's incremental re-lint spend its time?
// In one process, on the benchmark's 2,000- and 10,000-line coroutine files, toggles
// `yield` on a call in the middle and times the three steps of each run: the plan
// (TypeScript's incremental parse, statements compared, slice built), the lint of the
// slice, and the merge with the earlier results. Medians of 10 runs after 5 warm-ups.
// Usage: npm run build && node bench/server-breakdown.js
'use strict';
const path = require('node:path');
const { GustLinter, loadPlugin } = require('../server/dist/src/lint.js');
const { planSlice } = require('../server/dist/src/incremental.js');
const { mergeMessages } = require('../server/dist/src/merge.js');
const { cutIntoUnits } = require('../server/dist/src/units.js');
const { parseSettings } = require('../server/dist/src/settings.js');
const parser = require('@typescript-eslint/parser');
const { coroutineFile } = require('./lib/coroutine-file');


const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(lines) {
  const linter = new GustLinter(loadPlugin(), parser);
  const { settings } = parseSettings({});
  const filePath = path.join(__dirname, 'out', 'breakdown.ts');
  let text = coroutineFile(lines);
  const input = (t) => ({ text: t, filePath, languageId: 'typescript', settings });
  const first = await linter.lint(input(text), false);
  const cut = cutIntoUnits(text, filePath);
  let previous = { text, filePath, cut, messages: first.messages, key: 1 };
  const at = text.indexOf('  step0_', text.length / 2);
  const times = { plan: [], lint: [], merge: [], whole: [] };
  for (let round = 0; round < 15; round++) {
    const next = round % 2 === 0 ? `${text.slice(0, at)}  yield ${text.slice(at + 2)}` : text;
    let t0 = performance.now();
    const plan = planSlice(previous, next);
    const tPlan = performance.now() - t0;
    if (typeof plan === 'string') throw new Error(`no incremental run: ${plan}`);
    t0 = performance.now();
    const out = await linter.lint(input(next), false, [], plan.parseText);
    const tLint = performance.now() - t0;
    t0 = performance.now();
    const messages = mergeMessages(previous, plan, next, out.messages);
    const tMerge = performance.now() - t0;
    if (typeof messages === 'string') throw new Error(`no merge: ${messages}`);
    t0 = performance.now();
    await linter.lint(input(next), false);
    const tWhole = performance.now() - t0;
    if (round >= 5) {
      times.plan.push(tPlan);
      times.lint.push(tLint);
      times.merge.push(tMerge);
      times.whole.push(tWhole);
    }
    previous = { text: next, filePath, cut: plan.cut, messages, key: 1 };
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

(async () => {
  const small = await measure(2000);
  const large = await measure(10000);
  const row = (name, key) => `| ${name} | ${small[key].toFixed(1)} | ${large[key].toFixed(1)} |`;
  console.log(`Incremental re-lint, one process (node ${process.version}; load average ${require('node:os').loadavg()[0].toFixed(1)})`);
  console.log('| step | 2,000 lines, ms | 10,000 lines, ms |');
  console.log('|---|---:|---:|');
  console.log(row('plan (incremental TypeScript parse, statements compared, slice built)', 'plan'));
  console.log(row('lint of the slice', 'lint'));
  console.log(row('merge with the earlier results', 'merge'));
  console.log(row('for comparison: a whole lint of the same text', 'whole'));
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
