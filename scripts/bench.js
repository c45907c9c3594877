#!/usr/bin/env node
// `npm run bench`: runs every bench/*.js (one question each) in its own node process,
// with --expose-gc so memory questions can measure heap deltas. Exits non-zero if one fails.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const benchDir = path.resolve(__dirname, '..', 'bench');
const only = process.argv.slice(2);
const scripts = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.js'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const script of scripts) {
  console.log(`\n### bench/${script}`);
  const run = spawnSync(process.execPath, ['--expose-gc', path.join(benchDir, script)], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    console.log(`bench/${script} failed (exit ${run.status}${run.signal ? `, ${run.signal}` : ''})`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
