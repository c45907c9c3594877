#!/usr/bin/env node
// Question: what does a gust coroutine cost next to native async/await, `co` and
// `effection`? Three workloads, every contender in the same process, in alternating
// order round after round; the table gives the median and the ratio to native.
//   (a) a coroutine calling a short coroutine 200,000 times, yielding each result
//   (b) 20,000 coroutines each waiting one loop turn, gathered in parallel
//   (c) heap bytes per suspended coroutine, 100,000 of them waiting on a sleep
// Run: npm run bench (or: npm run build && node --expose-gc bench/runtime.js)
'use strict';
/* eslint-disable require-yield -- the short coroutines return at once on purpose: that is what (a) measures */
const os = require('node:os');
const co = require('co');
const effection = require('effection');
const gust = require('gust');

const CALLS = Number(process.env.BENCH_CALLS || 200_000);
const PARALLEL = Number(process.env.BENCH_PARALLEL || 20_000);
const SUSPENDED = Number(process.env.BENCH_SUSPENDED || 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 7);
const ONLY = (process.env.BENCH_ONLY || 'a,b,c').split(','); // e.g. BENCH_ONLY=a for one question
const MEMORY_ROUNDS = Number(process.env.BENCH_MEMORY_ROUNDS || 3);
const SLEEP_MS = 600_000; // never reached: the sleepers are cancelled once measured
// effection's spawn slows down with the number of live tasks (about 1 s for 10,000, far
// worse for 100,000), so it is measured with fewer; bytes per coroutine hardly depend
// on the count.
const EFFECTION_SUSPENDED = Number(process.env.BENCH_EFFECTION_SUSPENDED || 10_000);

if (typeof global.gc !== 'function') {
  console.error('bench/runtime.js measures heap deltas: run it with node --expose-gc (npm run bench does)');
  process.exit(2);
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const nap = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const effectionTurn = () =>
  effection.action((resolve) => {
    const handle = setImmediate(resolve);
    return () => clearImmediate(handle);
  });

// (a) sequential calls ---------------------------------------------------------------
const gustShort = gust.coroutine(function* (i) {
  return i + 1;
});
const gustSequential = gust.coroutine(function* (n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += yield gustShort(i);
  return sum;
});
// gust's typed idiom, the like of effection's below: `yield*` a coroutine's Future (a
// done one gives its result at once, without suspending the caller).
const gustSequentialDelegating = gust.coroutine(function* (n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += yield* gustShort(i);
  return sum;
});
async function nativeShort(i) {
  return i + 1;
}
async function nativeSequential(n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += await nativeShort(i);
  return sum;
}
const coShort = co.wrap(function* (i) {
  return i + 1;
});
const coSequential = (n) =>
  co(function* () {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += yield coShort(i);
    return sum;
  });
// effection's own idiom: an operation is a generator, called with yield* (plain
// delegation, no task). A task per call (`yield* spawn(...)`) would be the closer
// analogue of a gust call, but effection's spawn grows worse than linearly with the
// number of tasks in a scope (about 10 s for 200,000), so it is left out.
function* effectionShort(i) {
  return i + 1;
}
const effectionSequential = (n) =>
  effection.run(function* () {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += yield* effectionShort(i);
    return sum;
  });
const sequential = {
  native: () => nativeSequential(CALLS),
  gust: () => gustSequential(CALLS),
  'gust yield*': () => gustSequentialDelegating(CALLS),
  co: () => coSequential(CALLS),
  effection: () => effectionSequential(CALLS),
};
const expectedSum = (CALLS * (CALLS + 1)) / 2;

// (b) parallel turns -----------------------------------------------------------------
const gustOneTurn = gust.coroutine(function* (i) {
  yield gust.moment;
  return i;
});
const gustParallel = gust.coroutine(function* (n) {
  const all = [];
  for (let i = 0; i < n; i++) all.push(gustOneTurn(i));
  return yield all;
});
async function nativeOneTurn(i) {
  await turn();
  return i;
}
function nativeParallel(n) {
  const all = [];
  for (let i = 0; i < n; i++) all.push(nativeOneTurn(i));
  return Promise.all(all);
}
const coOneTurn = co.wrap(function* (i) {
  yield turn();
  return i;
});
const coParallel = (n) =>
  co(function* () {
    const all = [];
    for (let i = 0; i < n; i++) all.push(coOneTurn(i));
    return yield all;
  });
function* effectionOneTurn(i) {
  yield* effectionTurn();
  return i;
}
const effectionParallel = (n) =>
  effection.run(function* () {
    const all = [];
    for (let i = 0; i < n; i++) all.push(effectionOneTurn(i));
    return yield* effection.all(all);
  });

const parallel = {
  native: () => nativeParallel(PARALLEL),
  gust: () => gustParallel(PARALLEL),
  co: () => coParallel(PARALLEL),
  effection: () => effectionParallel(PARALLEL),
};

// (c) suspended coroutines -------------------------------------------------------------
// Each sleeps far longer than the measurement takes; afterwards the sleeps are cancelled
// (timers cleared, Futures cancelled, tasks halted) instead of waited for.
function napRecorded(ms, timers, i) {
  return new Promise((resolve) => {
    timers[i] = setTimeout(resolve, ms);
  });
}
const gustSleeper = gust.coroutine(function* (ms) {
  yield gust.sleep(ms);
});
async function nativeSleeper(ms, timers, i) {
  await napRecorded(ms, timers, i);
}
const coSleeper = co.wrap(function* (ms, timers, i) {
  yield napRecorded(ms, timers, i);
});

// Each contender fills `held` (allocated before the heap is measured) with what a caller
// would hold on to, and returns how to cancel everything once measured.
const suspended = {
  native: {
    n: SUSPENDED,
    start: (n, held, timers) => {
      for (let i = 0; i < n; i++) held[i] = nativeSleeper(SLEEP_MS, timers, i);
      return async () => timers.forEach(clearTimeout);
    },
  },
  gust: {
    n: SUSPENDED,
    start: (n, held) => {
      for (let i = 0; i < n; i++) held[i] = gustSleeper(SLEEP_MS);
      return async () => held.forEach((f) => f.cancel());
    },
  },
  co: {
    n: SUSPENDED,
    start: (n, held, timers) => {
      for (let i = 0; i < n; i++) held[i] = coSleeper(SLEEP_MS, timers, i);
      return async () => timers.forEach(clearTimeout);
    },
  },
  effection: {
    n: EFFECTION_SUSPENDED,
    start: (n, held) => {
      const main = effection.run(function* () {
        for (let i = 0; i < n; i++) held[i] = yield* effection.spawn(() => effection.sleep(SLEEP_MS));
        yield* effection.suspend();
      });
      return () => main.halt();
    },
  },
};

// harness ------------------------------------------------------------------------------
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function rotate(names, round) {
  const k = round % names.length;
  return [...names.slice(k), ...names.slice(0, k)];
}

// Time is this process's CPU time (user + system, all its threads, GC included): on a
// machine shared with other work it is far steadier than wall-clock time, which is
// printed beside it.
async function timeRounds(contenders, check) {
  const names = Object.keys(contenders);
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  const wall = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = -1; round < ROUNDS; round++) {
    for (const name of rotate(names, round + 1)) {
      // No forced gc() here: a full collection shrinks the young generation, which
      // penalises whoever allocates most in the run that follows; alternating order and
      // medians keep one contender's garbage from weighing on another's figure.
      const cpuBefore = process.cpuUsage();
      const started = process.hrtime.bigint();
      const result = await contenders[name]();
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const used = process.cpuUsage(cpuBefore);
      check(name, result);
      if (round >= 0) {
        // round -1 warms up the JIT
        cpu[name].push((used.user + used.system) / 1000);
        wall[name].push(wallMs);
      }
      await turn();
    }
  }
  return {
    cpu: Object.fromEntries(names.map((n) => [n, median(cpu[n])])),
    wall: Object.fromEntries(names.map((n) => [n, median(wall[n])])),
  };
}

// The heap once garbage from earlier work (some of it released a few turns late, e.g.
// by halted effection tasks) is gone: collect until two readings agree.
async function settledHeap() {
  let last = -Infinity;
  for (let i = 0; i < 50; i++) {
    global.gc();
    await nap(20);
    global.gc();
    const now = process.memoryUsage().heapUsed;
    if (Math.abs(now - last) < 64 * 1024) return now;
    last = now;
  }
  return last;
}

// One measurement in its own function, so nothing of it (a suspended async frame keeps
// its locals) is still reachable when the next contender's baseline is taken.
async function bytesPerSuspended(name) {
  const { n, start } = suspended[name];
  const held = Array.from({ length: n }, () => undefined); // fast elements, unlike new Array(100_000)
  const timers = Array.from({ length: n }, () => undefined);
  const before = await settledHeap();
  const cancel = start(n, held, timers);
  // let schedulers that start tasks on later turns do so
  for (let waited = 0; held[n - 1] === undefined && waited < 60_000; waited += 50) await nap(50);
  const after = await settledHeap();
  if (held.some((x) => x === undefined)) throw new Error(`${name}: not all ${n} coroutines started`);
  if (process.env.BENCH_DEBUG) console.log(name, before, after);
  await cancel();
  return (after - before) / n;
}

async function memoryRounds() {
  const names = Object.keys(suspended);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < MEMORY_ROUNDS; round++) {
    for (const name of rotate(names, round)) samples[name].push(await bytesPerSuspended(name));
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n])]));
}

function table(title, columns) {
  const [first] = columns;
  const names = Object.keys(first.values);
  const rows = names.map((name) => [
    name,
    ...columns.map((col) => col.values[name].toFixed(col.decimals)),
    (first.values[name] / first.values.native).toFixed(2),
  ]);
  const header = ['contender', ...columns.map((col) => col.unit), 'vs native'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

const timeColumns = (t) => [
  { unit: 'CPU ms', values: t.cpu, decimals: 1 },
  { unit: 'wall ms', values: t.wall, decimals: 1 },
];

async function main() {
  console.log(`node ${process.version}, ${os.cpus().length} x ${os.cpus()[0].model.trim()}, ${os.platform()} ${os.arch()}`);
  console.log(
    `median of ${ROUNDS} alternating rounds (after one warm-up round), ratios on CPU time; memory: median of ${MEMORY_ROUNDS}`,
  );

  const verdict = (label, ok) => console.log(`${ok ? 'met   ' : 'MISSED'} ${label}`);
  const verdicts = [];

  if (ONLY.includes('a')) {
    const timed = await timeRounds(sequential, (name, sum) => {
      if (sum !== expectedSum) throw new Error(`${name} summed ${sum}, expected ${expectedSum}`);
    });
    table(`(a) one coroutine calling a short coroutine ${CALLS.toLocaleString('en')} times`, timeColumns(timed));
    const a = timed.cpu;
    verdicts.push(() => {
      verdict(`(a) gust/native <= 1.0 (${(a.gust / a.native).toFixed(2)})`, a.gust <= a.native);
      // like for like: `yield` against co's `yield`, `yield*` against effection's `yield*`
      verdict('(a) gust faster than co (yield) and effection (yield*)', a.gust < a.co && a['gust yield*'] < a.effection);
    });
  }

  if (ONLY.includes('b')) {
    const timed = await timeRounds(parallel, (name, values) => {
      if (values.length !== PARALLEL || values[PARALLEL - 1] !== PARALLEL - 1) throw new Error(`${name} gathered wrong results`);
    });
    table(`(b) ${PARALLEL.toLocaleString('en')} coroutines each waiting one turn, gathered in parallel`, timeColumns(timed));
    const b = timed.cpu;
    verdicts.push(() => {
      verdict(`(b) gust/native <= 1.5 (${(b.gust / b.native).toFixed(2)})`, b.gust <= 1.5 * b.native);
      verdict('(b) gust faster than co and effection', b.gust < b.co && b.gust < b.effection);
    });
  }

  if (!ONLY.includes('c')) {
    console.log('\ntargets');
    for (const v of verdicts) v();
    return;
  }
  const c = await memoryRounds();
  table(
    `(c) heap bytes per suspended coroutine, ${SUSPENDED.toLocaleString('en')} waiting on a sleep ` +
      `(effection: ${EFFECTION_SUSPENDED.toLocaleString('en')})`,
    [{ unit: 'bytes', values: c, decimals: 0 }],
  );

  console.log('\ntargets');
  for (const v of verdicts) v();
  verdict(`(c) gust/native <= 2 (${(c.gust / c.native).toFixed(2)})`, c.gust <= 2 * c.native);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
