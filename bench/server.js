#!/usr/bin/env node
// Question: how fast does gust-language-server answer an editor, next to the ESLint
// language server (vscode-langservers-extracted) running the same plugin on the same file?
// Measures didChange -> publishDiagnostics latency on a 2,000- and a 10,000-line coroutine
// file, code action response time, and server memory after opening 500 files.
// Servers run side by side in this one process's run, requests alternating between them.
// Usage: node bench/server.js [--quick]
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'bench', 'out', 'server');
const QUICK = process.argv.includes('--quick');
const SKIP_LATENCY = process.argv.includes('--memory-only');
const GUST_BIN = path.join(ROOT, 'server', 'dist', 'src', 'bin.js');
const { coroutineFile } = require('./lib/coroutine-file');
const ESLINT_LS_BIN = require.resolve('vscode-langservers-extracted/lib/eslint-language-server/eslintServer.js');

// ---- workspaces and files -------------------------------------------------------------


function prepare() {
  fs.rmSync(OUT, { recursive: true, force: true });
  const withConfig = path.join(OUT, 'with-config');
  const plain = path.join(OUT, 'plain');
  for (const dir of [withConfig, plain]) fs.mkdirSync(path.join(dir, 'many'), { recursive: true });
  fs.writeFileSync(
    path.join(withConfig, 'eslint.config.js'),
    [
      "const gust = require('eslint-plugin-gust');",
      "const parser = require('@typescript-eslint/parser');",
      "module.exports = [{ files: ['**/*.ts'], languageOptions: { parser } }, { files: ['**/*.ts'], ...gust.configs.recommended }];",
      '',
    ].join('\n'),
  );
  const files = { small: coroutineFile(2000), large: coroutineFile(10000) };
  for (const dir of [withConfig, plain]) {
    fs.writeFileSync(path.join(dir, 'small.ts'), files.small);
    fs.writeFileSync(path.join(dir, 'large.ts'), files.large);
    for (let i = 0; i < 500; i++) fs.writeFileSync(path.join(dir, 'many', `f${i}.ts`), coroutineFile(40, i));
  }
  return { withConfig, plain, files };
}

// ---- a minimal LSP client ---------------------------------------------------------------

class Client {
  /** `pull`: the server offers pull diagnostics only, so ask as VS Code does after each change. */
  constructor(name, bin, root, settings, pull = false) {
    this.name = name;
    this.pull = pull;
    this.root = root;
    this.settings = settings;
    this.child = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], cwd: root });
    this.conn = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.waiters = [];
    this.published = new Map();
    this.versions = new Map();
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      this.published.set(p.uri, p);
      for (const w of [...this.waiters]) w(p);
    });
    this.conn.onRequest('workspace/configuration', (p) => p.items.map((item) => this.settings(item)));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onNotification(() => undefined);
    this.conn.onRequest(() => null);
    this.conn.listen();
  }

  async start() {
    const uri = pathToFileURL(this.root).href;
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(this.root) }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, workspaceEdit: { documentChanges: true } },
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
        },
      },
    });
    await this.conn.sendNotification('initialized', {});
  }

  /** Resolves with the next publication for `uri` (after this call); pulled if need be. */
  nextPublication(uri, timeoutMs = 60000) {
    if (this.pull) {
      // asked right away, after the notification that precedes it has been written
      return new Promise((resolve) => setImmediate(resolve))
        .then(() => this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }))
        .then((result) => {
          const p = { uri, diagnostics: result.items ?? [] };
          this.published.set(uri, p);
          return p;
        });
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        reject(new Error(`${this.name}: no diagnostics for ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      const wake = (p) => {
        if (p.uri !== uri) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve(p);
      };
      this.waiters.push(wake);
    });
  }

  async open(file, text) {
    const uri = pathToFileURL(file).href;
    this.versions.set(uri, 1);
    const next = this.nextPublication(uri);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    return { uri, publication: await next };
  }

  /** Replaces one line and times the wait for the diagnostics. */
  async editLine(uri, line, oldLength, text) {
    const version = this.versions.get(uri) + 1;
    this.versions.set(uri, version);
    const next = this.nextPublication(uri);
    const t0 = performance.now();
    await this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: oldLength } }, text }],
    });
    const publication = await next;
    return { ms: performance.now() - t0, count: publication.diagnostics.length };
  }

  async codeAction(uri, diagnostic) {
    const t0 = performance.now();
    const actions = await this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    return { ms: performance.now() - t0, count: actions ? actions.length : 0 };
  }

  rssMb() {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
  }

  async stop() {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    setTimeout(() => this.child.kill('SIGKILL'), 2000).unref();
    await new Promise((r) => (this.child.exitCode !== null ? r() : this.child.once('exit', r)));
    this.conn.dispose();
  }
}

function eslintSettings(root) {
  return () => ({
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: true,
    useFlatConfig: true,
    // ESLint 10 is flat-only; the experimental switch would look for the old FlatESLint class
    experimental: { useFlatConfig: false },
    codeAction: { disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' }, showDocumentation: { enable: true } },
    codeActionOnSave: { enable: false, mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workingDirectory: { mode: 'location' },
    workspaceFolder: { uri: pathToFileURL(root).href, name: path.basename(root) },
  });
}

const gustSettings = () => (item) => (item.section === 'gust' ? { enable: true } : null);

// ---- measuring --------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** Toggles `yield` on a discarded call in the middle of the file, alternating servers. */
async function latency(clients, fileName, text, rounds) {
  const lines = text.split('\n');
  // the discarded call of a block near the middle
  let line = Math.floor(lines.length / 2);
  while (!/^ {2}(sleep|step\d+_\d+)\(id \+ 1\);$/.test(lines[line])) line++;
  const plain = lines[line];
  const yielded = plain.replace(/^ {2}/, '  yield ');
  const opened = [];
  for (const c of clients) opened.push(await c.open(path.join(c.root, fileName), text));
  const samples = clients.map(() => []);
  const counts = clients.map(() => new Set());
  let current = plain;
  for (let round = -3; round < rounds; round++) {
    const next = current === plain ? yielded : plain;
    for (let i = 0; i < clients.length; i++) {
      // alternate who goes first, so neither always follows the other's work
      const k = (i + round + clients.length * 3) % clients.length;
      const { ms, count } = await clients[k].editLine(opened[k].uri, line, current.length, next);
      if (round >= 0) samples[k].push(ms);
      counts[k].add(count);
    }
    current = next;
    await new Promise((r) => setTimeout(r, 200)); // a pause, as between keystrokes in a real edit
  }
  return { samples, counts: counts.map((s) => [...s].sort((a, b) => a - b).join('/')), opened };
}

async function codeActions(clients, opened, rounds) {
  const samples = clients.map(() => []);
  const counts = clients.map(() => 0);
  for (let round = -3; round < rounds; round++) {
    for (let k = 0; k < clients.length; k++) {
      const diagnostics = clients[k].published.get(opened[k].uri).diagnostics;
      const d = diagnostics[(round + 3) % diagnostics.length];
      const { ms, count } = await clients[k].codeAction(opened[k].uri, d);
      if (round >= 0) samples[k].push(ms);
      counts[k] = count;
    }
  }
  return { samples, counts };
}

async function memoryAfter500(client) {
  const dir = path.join(client.root, 'many');
  const started = performance.now();
  const pending = [];
  for (let i = 0; i < 500; i++) {
    const file = path.join(dir, `f${i}.ts`);
    pending.push(client.open(file, fs.readFileSync(file, 'utf8')));
  }
  const results = await Promise.all(pending);
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 1000));
  return { mb: client.rssMb(), ms, withDiagnostics: results.filter((r) => r.publication.diagnostics.length > 0).length };
}

async function main() {
  const { withConfig, plain, files } = prepare();
  const factories = [
    () => new Client('gust (settings)', GUST_BIN, plain, gustSettings()),
    () => new Client('gust (eslint.config.js)', GUST_BIN, withConfig, gustSettings()),
    () => new Client('ESLint LS (eslint.config.js)', ESLINT_LS_BIN, withConfig, eslintSettings(withConfig), true),
  ];
  const clients = factories.map((f) => f());
  for (const c of clients) await c.start();
  const rounds = QUICK ? 6 : 30;
  const progress = (what) => process.stderr.write(`[bench/server] ${what}\n`);
  const small = SKIP_LATENCY ? null : await latency(clients, 'small.ts', files.small, rounds);
  progress('2,000 lines done');
  const large = SKIP_LATENCY ? null : await latency(clients, 'large.ts', files.large, QUICK ? 4 : 15);
  progress('10,000 lines done');
  const actions = SKIP_LATENCY ? null : await codeActions(clients, small.opened, rounds);
  progress('code actions done');
  for (const c of clients) await c.stop();

  // memory: a fresh server each, one at a time (500 files each)
  const memory = [];
  for (const factory of factories) {
    const c = factory();
    await c.start();
    memory.push(await memoryAfter500(c));
    await c.stop();
    progress(`memory ${c.name} done`);
  }
  const names = clients.map((c) => c.name);

  const eslintIndex = 2;
  const table = [
    ['question', ...names, 'ESLint LS ÷ gust (settings): above 1, gust is better'],
    ['didChange → diagnostics, 2,000 lines, median ms', ...small.samples.map((s) => fmt(median(s)))],
    ['didChange → diagnostics, 2,000 lines, p90 ms', ...small.samples.map((s) => fmt(p90(s)))],
    ['didChange → diagnostics, 10,000 lines, median ms', ...large.samples.map((s) => fmt(median(s)))],
    ['didChange → diagnostics, 10,000 lines, p90 ms', ...large.samples.map((s) => fmt(p90(s)))],
    ['code action response, median ms', ...actions.samples.map((s) => fmt(median(s)))],
    ['memory after opening 500 files, MB (RSS)', ...memory.map((m) => fmt(m.mb))],
    ['time to diagnostics for 500 files, ms', ...memory.map((m) => fmt(m.ms))],
  ];
  for (const row of table.slice(1)) {
    const values = row.slice(1).map(Number);
    row.push((values[eslintIndex] / values[0]).toFixed(2));
  }
  const load = require('node:os').loadavg()[0].toFixed(1);
  console.log(`\nServer benchmark (load average at the end: ${load}; ${QUICK ? 'quick' : 'full'}: ${rounds} changes on 2,000 lines, ${QUICK ? 4 : 15} on 10,000; node ${process.version})`);
  console.log('| ' + table[0].join(' | ') + ' |');
  console.log('|' + table[0].map(() => '---').join('|') + '|');
  for (const row of table.slice(1)) console.log('| ' + row.join(' | ') + ' |');
  console.log('\nChecks (diagnostic counts seen while toggling, per server; they must agree):');
  console.log(`  2,000 lines: ${small.counts.join('  ')}    10,000 lines: ${large.counts.join('  ')}`);
  console.log(`  code actions per diagnostic: ${actions.counts.join('  ')}    files with diagnostics of 500: ${memory.map((m) => m.withDiagnostics).join('  ')}`);
  const agree = new Set(small.counts).size === 1 && new Set(large.counts).size === 1;
  if (!agree) {
    console.log('  the servers disagree about the diagnostics: the comparison is not like for like');
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
