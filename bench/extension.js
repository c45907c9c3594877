// Question: how long does the Gust extension take to activate in a real VS Code, against
// the 300 ms budget, and does minifying the bundles matter?
//
// Each run installs a VSIX into a fresh code-server (VS Code 1.139) through the shared
// e2e tool, opens a TypeScript file (which activates the extension), applies the quick
// fix, and reads the extension's own log line "activated in X ms (loading the bundle
// Y ms, activate() Z ms; ...)" from VS Code's logs. The minified VSIX (what ships) and an
// unminified one run alternately. Needs `npm run build` and the e2e tool installed:
//   bash ../shared/tools/vscode-e2e/install.sh /tmp/vscode-e2e-cache
//   node bench/extension.js [--runs 3]
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const extensionDir = path.join(root, 'extension');
const prefix = process.env.E2E_PREFIX || '/tmp/vscode-e2e-cache';
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 3;
const BUDGET_MS = 300;

function e2eScript() {
  for (const shared of [path.resolve(root, '../shared'), path.resolve(root, '../../shared')]) {
    const script = path.join(shared, 'tools/vscode-e2e/e2e.mjs');
    if (fs.existsSync(script)) return script;
  }
  throw new Error('the shared e2e tool was not found beside the repository (../shared/tools/vscode-e2e)');
}

function packageVsix(out, minify) {
  execFileSync(process.execPath, ['esbuild.js', ...(minify ? [] : ['--no-minify'])], { cwd: extensionDir, stdio: 'pipe' });
  const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out], {
    cwd: extensionDir,
    stdio: 'pipe',
  });
}

function findFile(dir, name) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    } else if (entry.name === name) {
      return full;
    }
  }
  return undefined;
}

const LINE =
  /activated in ([\d.]+) ms \(loading the bundle ([\d.]+) ms, activate\(\) ([\d.]+) ms; VS Code between them ([\d.]+) ms\); CPU ([\d.]+) ms \(loading ([\d.]+) ms, activate\(\) ([\d.]+) ms\)/;

function activationOnce(vsix, scratch) {
  const out = fs.mkdtempSync(path.join(scratch, 'out-'));
  const stdout = execFileSync(
    process.execPath,
    [e2eScript(), '--prefix', prefix, '--vsix', vsix, '--workspace', 'extension/test/fixtures/workspace',
      '--file', 'unyielded.ts', '--message', 'discarded', '--fix-title', 'Yield', '--expect', 'yield ', '--out', out],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 },
  );
  if (!stdout.trim().endsWith('1 passed, 0 failed')) throw new Error(`the e2e run failed:\n${stdout}`);
  const log = findFile(path.join(out, 'vscode-logs'), 'Gust.log');
  const match = log && LINE.exec(fs.readFileSync(log, 'utf8'));
  if (!match) throw new Error(`no activation line in ${log ?? `${out}/vscode-logs`}`);
  const [, total, load, activate, between, cpu, cpuLoad, cpuActivate] = match.map(Number);
  return { total, load, activate, between, cpu, cpuLoad, cpuActivate };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function main() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gust-bench-ext-'));
  try {
    const variants = [
      { name: 'minified (shipped)', vsix: path.join(scratch, 'minified.vsix'), minify: true },
      { name: 'unminified', vsix: path.join(scratch, 'unminified.vsix'), minify: false },
    ];
    // The unminified build first, so extension/dist ends up as the shipped build.
    for (const variant of [...variants].reverse()) {
      packageVsix(variant.vsix, variant.minify);
      variant.bytes = fs.statSync(variant.vsix).size;
      variant.samples = [];
    }
    for (let run = 0; run < RUNS; run++) {
      for (const variant of run % 2 ? [...variants].reverse() : variants) {
        const sample = activationOnce(variant.vsix, scratch);
        variant.samples.push(sample);
        console.error(`run ${run + 1} ${variant.name}: wall ${sample.total} ms, CPU ${sample.cpu} ms`);
      }
    }
    const med = (variant, key) => median(variant.samples.map((sample) => sample[key]));
    const shipped = variants[0];
    console.log(`\nGust extension activation in code-server 4.139.1 (VS Code 1.139.1), ${RUNS} runs each, alternating; medians`);
    console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, shared with other work\n`);
    console.log('| VSIX | size | wall: load bundle | wall: activate() | wall: activation | CPU: activation | CPU vs 300 ms budget | CPU vs shipped |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const variant of variants) {
      const cpu = med(variant, 'cpu');
      console.log(
        `| ${variant.name} | ${(variant.bytes / 1024 / 1024).toFixed(2)} MB | ${med(variant, 'load').toFixed(1)} ms | ` +
          `${med(variant, 'activate').toFixed(1)} ms | ${med(variant, 'total').toFixed(1)} ms | ${cpu.toFixed(1)} ms | ` +
          `${(cpu / BUDGET_MS).toFixed(2)}x | ${(cpu / med(shipped, 'cpu')).toFixed(2)}x |`,
      );
    }
    const worst = Math.max(...variants[0].samples.map((sample) => sample.total));
    console.log(`\nbudget: activation ≤ ${BUDGET_MS} ms, VSIX ≤ 10 MB. Activation = loading the bundle + activate(), on the`);
    console.log(`extension host's thread (VS Code's own work between them not counted); wall time includes waiting for a`);
    console.log(`core on a busy machine, CPU time does not. Slowest shipped run (wall): ${worst.toFixed(1)} ms.`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main();
