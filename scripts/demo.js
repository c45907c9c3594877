#!/usr/bin/env node
// `npm run demo` (after `npm run build`): lint examples/ with the gust plugin through the
// real ESLint CLI, when the plugin is there, then run every compiled example and print
// one line per example. Exits non-zero when an example fails.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const examplesDir = path.join(root, 'examples');
const compiledDir = path.join(examplesDir, 'dist');
const exampleTimeoutMs = 20000;

function pluginConfigs() {
  let plugin;
  try {
    plugin = require(path.join(root, 'rules'));
  } catch (error) {
    return { missing: `eslint-plugin-gust could not be loaded (${error.message.split('\n')[0]})` };
  }
  plugin = plugin && plugin.default ? plugin.default : plugin;
  if (!plugin || !plugin.configs || !plugin.configs.recommended) {
    return { missing: 'eslint-plugin-gust does not export configs.recommended yet' };
  }
  return { ok: true };
}

function lintExamples() {
  console.log('== Lint: eslint --config examples/demo.eslint.config.js examples/');
  const found = pluginConfigs();
  if (!found.ok) {
    console.log(`   skipped: ${found.missing}; the examples run without linting.\n`);
    return;
  }
  // The real CLI, found through its package.json (eslint exports no ./bin subpath).
  const eslintPkg = require.resolve('eslint/package.json', { paths: [root] });
  const eslintBin = path.join(path.dirname(eslintPkg), require(eslintPkg).bin.eslint);
  const lint = spawnSync(
    process.execPath,
    [eslintBin, '--config', path.join(examplesDir, 'demo.eslint.config.js'), '--format', 'stylish', 'examples/'],
    { cwd: root, encoding: 'utf8' },
  );
  process.stdout.write(lint.stdout || '');
  process.stderr.write(lint.stderr || '');
  // ESLint exits 1 when it finds problems (unyielded.ts is wrong on purpose) and 2 when
  // it could not lint at all; only the latter is a broken demo.
  if (lint.status === 2 || lint.status === null) {
    console.log(`   ESLint itself failed (exit ${lint.status}); see above.\n`);
    process.exitCode = 1;
    return;
  }
  const flagged = fs
    .readdirSync(examplesDir)
    .filter((f) => /^\d\d-.*\.ts$/.test(f) && (lint.stdout || '').includes(path.join('examples', f)));
  if (flagged.length > 0) {
    console.log(`   note: findings in examples meant to be correct: ${flagged.join(', ')}`);
  }
  console.log(lint.status === 0 ? '   no findings\n' : '   (unyielded.ts is deliberately wrong: the findings above are expected there)\n');
}

function runExamples() {
  console.log('== Run: node examples/dist/<example>.js');
  if (!fs.existsSync(compiledDir)) {
    console.log('   examples/dist is missing: run `npm run build` first');
    process.exitCode = 1;
    return;
  }
  const names = fs
    .readdirSync(compiledDir)
    .filter((f) => f.endsWith('.js') && fs.existsSync(path.join(examplesDir, f.replace(/\.js$/, '.ts'))))
    .sort();
  let failed = 0;
  for (const name of names) {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [path.join(compiledDir, name)], {
      cwd: root,
      encoding: 'utf8',
      timeout: exampleTimeoutMs,
    });
    const ms = Number((process.hrtime.bigint() - started) / 1000000n);
    const output = `${run.stdout || ''}${run.stderr || ''}`.trim();
    const lastLine = (run.stdout || '').trim().split('\n').filter(Boolean).pop() || '(no output)';
    let ok = run.status === 0;
    let note = '';
    if (name === 'unyielded.js') {
      // The deliberately wrong example must still get its lost error reported, loudly.
      const report = (run.stderr || '').split('\n').find((l) => l.includes('Future exception was never retrieved'));
      note = report ? `  | stderr: ${report.replace(/, called at .*/, '')}` : '  | the lost error was NOT reported';
      ok = ok && report !== undefined;
    }
    const why = run.error ? ` (${run.error.code === 'ETIMEDOUT' ? `timed out after ${exampleTimeoutMs} ms` : run.error.message})` : '';
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(28)} ${String(ms).padStart(5)} ms  exit ${run.status}${why}  | ${lastLine}${note}`);
    if (!ok) {
      failed += 1;
      console.log(output.replace(/^/gm, '     '));
    }
  }
  console.log(`\n${names.length - failed} of ${names.length} examples passed`);
  if (failed > 0 || names.length === 0) process.exitCode = 1;
}

lintExamples();
runExamples();
