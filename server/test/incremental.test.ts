import * as assert from 'node:assert/strict';
import type { Linter } from 'eslint';
import { type Snapshot, diffTexts, planSlice } from '../src/incremental';
import { cutIntoUnits } from '../src/units';
import { Session, chain, corpus, plain, replay } from './random-edits';
import { PLUGIN_PATH, Workspace } from './workspace';

function snapshot(text: string, messages: Linter.LintMessage[] = []): Snapshot {
  const cut = cutIntoUnits(text, '/w/a.ts');
  if (typeof cut === 'string') throw new Error(cut);
  return { text, filePath: '/w/a.ts', cut, messages, key: 1 };
}

describe('incremental: cutting and planning', () => {
  it('diffTexts finds the changed span', () => {
    assert.deepEqual(diffTexts('let a = 1;', 'let ab = 1;'), { start: 5, oldEnd: 5, newEnd: 6 });
    assert.deepEqual(diffTexts('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
    assert.deepEqual(diffTexts('yield x;', 'x;'), { start: 0, oldEnd: 6, newEnd: 0 });
  });

  it('cuts top-level statements with their names, mentions, function bodies and writes', () => {
    const text = "import { a as b } from 'm';\nlet x = 1;\nexport function f(y) { x = y; b(); }\nconst { p, q: [r] } = b;\n";
    const cut = cutIntoUnits(text, '/w/a.ts');
    assert.ok(typeof cut !== 'string');
    assert.deepEqual([...cut.imports], ['b']);
    assert.deepEqual(
      cut.units.map((u) => u.names),
      [['x'], ['f'], ['p', 'r']],
    );
    const f = cut.units[1];
    assert.deepEqual([...f.writes], ['x']);
    assert.ok(f.ids.has('b') && f.ids.has('x') && f.ids.has('y'));
    assert.equal(text.slice(f.bodies[0].start, f.bodies[0].end), ' x = y; b(); ');
    // the names it uses as variables, each at its first use
    assert.deepEqual(
      f.bodies[0].refs.map(([name, at]) => [name, text.slice(at, at + name.length)]),
      [
        ['x', 'x'],
        ['y', 'y'],
        ['b', 'b'],
      ],
    );
    assert.equal(cutIntoUnits('const = ;', '/w/a.ts'), 'the text has a syntax error');
  });

  it('re-lints the edited statement and those naming it; blanks bodies unrelated to both, keeping every position', () => {
    const text = chain(8);
    const previous = snapshot(text);
    const at = text.indexOf('  step3(id + 1);');
    const next = text.slice(0, at) + '  yield ' + text.slice(at + 2);
    const plan = planSlice(previous, next);
    assert.ok(typeof plan !== 'string', String(plan));
    // step4 holds the edit; step3 is named there, step5 names step4
    assert.deepEqual([...plan.relint].sort(), [3, 4, 5]);
    assert.equal(plan.parseText.length, next.length);
    assert.equal(plan.parseText.split('\n').length, next.split('\n').length);
    assert.ok(plan.parseText.includes('step3(id + 1)'), 'the edited statement is kept');
    assert.ok(!plan.parseText.includes('step0(id + 1)'), 'an unrelated body is blanked');
    // step1 is named in step2's body (context): its declaration stays, its body blanked,
    // naming once each name it used
    assert.match(plan.parseText, /export const step1 = coroutine\(function\* \(id: number\) \{\n {8}sleep {4}\n {21}step0 {5}\n/);
    // step0 is out of reach: it stands as the name it declares and the imports it uses
    assert.match(plan.parseText, /\nvar step0; \[coroutine, sleep\]; {25}\n {17}\n/);
    assert.deepEqual(plan.quiet, [[42, 183]]);
  });

  it('falls back to a whole run when the reasoning does not hold', () => {
    const text = chain(4);
    const previous = snapshot(text);
    const inBody = text.indexOf('  step1(id + 1);');
    assert.equal(planSlice(previous, text + 'const extra = 1;\n'), 'statements were added or removed');
    assert.equal(planSlice(previous, text.replace("'gust'", "'gust/x'")), 'the change is outside every statement');
    assert.equal(planSlice(previous, text.slice(0, inBody) + '  step1(id + 1;' + text.slice(inBody + 16)), 'the text has a syntax error');
    assert.equal(planSlice(previous, '/* eslint-disable */\n' + text), 'block-level eslint comments');
    const joined = text.replace('});\nexport const step2', '}); export const step2');
    assert.equal(planSlice(snapshot(joined), joined.replace('}); export const step2', '});;export const step2')), 'statements were added or removed');
    const writer = "let counter = 0;\nexport function bump() {\n  counter = counter + 1;\n}\n" + text;
    const edit = writer.indexOf('  step1(id + 1);');
    assert.equal(planSlice(snapshot(writer), writer.slice(0, edit) + '  yield ' + writer.slice(edit + 2)), 'a function writes the module-level name counter');
    // a `var` in a top-level loop is module-level too
    const loop = 'for (var round = 0; round < 2; round++) {}\nexport function again() {\n  round = 0;\n}\n' + text;
    const inLoop = loop.indexOf('  step1(id + 1);');
    assert.equal(planSlice(snapshot(loop), loop.slice(0, inLoop) + '  yield ' + loop.slice(inLoop + 2)), 'a function writes the module-level name round');
  });
});

describe('incremental: the same results as a whole run', function () {
  this.timeout(240000);

  it('through the client settings, over random edits of every example', async () => {
    const { fast, runs, why } = await replay('/w/edited.ts', corpus(), 30, 1);
    // most edits stay inside one statement: the incremental path must carry most of them
    assert.ok(fast > runs / 3, `${fast} of ${runs} runs were incremental; whole runs: ${why}`);
  });

  it("through a workspace's eslint.config.js, with the config's own parser", async () => {
    const ws = new Workspace();
    try {
      ws.write(
        'eslint.config.js',
        [
          `const gust = require(${JSON.stringify(PLUGIN_PATH)});`,
          `const parser = require(${JSON.stringify(require.resolve('@typescript-eslint/parser'))});`,
          "module.exports = [{ files: ['**/*.ts'], languageOptions: { parser } }, { files: ['**/*.ts'], ...gust.configs.all }];",
        ].join('\n'),
      );
      const { fast, runs, why } = await replay(ws.file('edited.ts'), corpus().slice(0, 4), 12, 1);
      assert.ok(fast > runs / 3, `${fast} of ${runs} runs were incremental; whole runs: ${why}`);
    } finally {
      ws.dispose();
    }
  });

  it('after a text that does not parse, the next good one is compared with the last good one', async () => {
    const doc = new Session('/w/typing.ts', chain(6));
    let current = doc.text;
    await doc.lint();
    const at = current.indexOf('  step2(id + 1);');
    const good = current;
    for (const typed of ['  foo(', '  yield (', '  yield ((']) {
      current = good.slice(0, at) + typed + good.slice(at + 2);
      const { out, full } = await doc.lint(current);
      assert.equal(full, 'the text has a syntax error');
      assert.ok(out.messages[0].fatal);
    }
    current = good.slice(0, at) + '  yield ' + good.slice(at + 2);
    const { out, full } = await doc.lint(current);
    assert.equal(full, undefined);
    assert.deepEqual(plain(out.messages), plain((await doc.whole()).messages));
  });

  it('a blanked body still counts as using the imports it used (the PeriodicCallback rewrite keeps the import)', async () => {
    const text = [
      "import { coroutine, sleep, PeriodicCallback } from 'gust';",
      'const load = coroutine(function* () {',
      '  yield sleep(1);',
      '});',
      'export function elsewhere() {',
      '  new PeriodicCallback(() => undefined, 100).start();',
      '}',
      'export function unrelated() {',
      '  return 1;',
      '}',
      'export const main = coroutine(function* () {',
      '  new PeriodicCallback(load, 1000).start();',
      '});',
      '',
    ].join('\n');
    const doc = new Session('/w/periodic.ts', text);
    let current = doc.text;
    await doc.lint();
    // an edit in main: main is re-linted while `elsewhere` is blanked
    current = current.replace('load, 1000', 'load, 2000');
    const { out, full } = await doc.lint(current);
    assert.equal(full, undefined);
    const rewrite = out.messages.find((m) => m.ruleId === 'gust/no-coroutine-periodic-callback')?.suggestions?.[0];
    assert.ok(rewrite);
    // `elsewhere` still uses PeriodicCallback: the rewrite must not take it out of the import
    const applied = current.slice(0, rewrite.fix.range[0]) + rewrite.fix.text + current.slice(rewrite.fix.range[1]);
    assert.equal(applied.split('\n')[0], "import { coroutine, sleep, PeriodicCallback, IOLoop } from 'gust';");
    assert.deepEqual(plain(out.messages), plain((await doc.whole()).messages));
  });

  it('a statement out of reach still takes its name: an added import picks another alias', async () => {
    const text = [
      "import { coroutine, sleep } from 'gust';",
      'export const IOLoop = { current: () => 1 };',
      'export function unrelated() {',
      '  return 1;',
      '}',
      'const load = coroutine(function* () {',
      '  yield sleep(1);',
      '});',
      'export function start() {',
      '  load();',
      '}',
      '',
    ].join('\n');
    const doc = new Session('/w/alias.ts', text);
    let current = doc.text;
    await doc.lint();
    current = current.replace('  load();', '  load(); // started');
    const { out, full } = await doc.lint(current);
    assert.equal(full, undefined);
    const spawn = out.messages[0]?.suggestions?.find((s) => s.fix.text.includes('spawnCallback'));
    assert.ok(spawn, JSON.stringify(out.messages));
    // the file's own IOLoop (compacted out of the slice) keeps the runtime's under another name
    assert.match(spawn.fix.text, /GustIOLoop/);
    assert.deepEqual(plain(out.messages), plain((await doc.whole()).messages));
  });

  it('a fault on the incremental path costs nothing: the whole run gives the results', async () => {
    const text = chain(4);
    const doc = new Session('/w/fault.ts', text, true);
    let current = doc.text;
    await doc.lint();
    const at = current.indexOf('  step1(id + 1);');
    current = current.slice(0, at) + '  yield ' + current.slice(at + 2);
    const { out, full } = await doc.lint(current);
    assert.equal(full, 'the incremental run failed (a bug in the slice)');
    assert.deepEqual(plain(out.messages), plain((await doc.whole()).messages));
    assert.ok(out.messages.length > 0);
  });

  it('moves an earlier suggestion that adds an import past the edit, with the new text inside it', async () => {
    const text = chain(6);
    const doc = new Session('/w/moved.ts', text);
    let current = doc.text;
    await doc.lint();
    const at = current.indexOf('  step1(id + 1);');
    current = current.slice(0, at) + '  yield ' + current.slice(at + 2);
    const { out, full } = await doc.lint(current);
    assert.equal(full, undefined);
    const last = out.messages[out.messages.length - 1];
    const spawn = last.suggestions?.find((s) => s.fix.text.includes('spawnCallback'));
    assert.ok(spawn, JSON.stringify(last.suggestions));
    // the suggestion's merged fix spans the edited statement: it must hold its new text
    assert.ok(spawn.fix.text.includes('  yield step1(id + 1);'));
    const applied = current.slice(0, spawn.fix.range[0]) + spawn.fix.text + current.slice(spawn.fix.range[1]);
    assert.match(applied, /import \{ coroutine, sleep, IOLoop \} from 'gust';/);
    assert.ok(spawn.fix.range[0] < at, 'the fix starts at the imports, before the edit');
    assert.ok(applied.includes('  yield step1(id + 1);'));
  });

  it('keeps such a suggestion right through a long run of typing in one statement', async () => {
    const doc = new Session('/w/typing-long.ts', chain(6));
    let current = doc.text;
    await doc.lint();
    // a number typed one digit at a time inside step2's body, 120 edits; the suggestions
    // of step4 and step5 span it and are carried each time
    const at = current.indexOf('  step1(id + 1);') + '  step1(id + 1'.length;
    for (let digit = 0; digit < 120; digit++) {
      current = current.slice(0, at) + '7' + current.slice(at);
      const { out, full } = await doc.lint(current);
      assert.equal(full, undefined);
      if (digit % 40 === 39) assert.deepEqual(plain(out.messages), plain((await doc.whole()).messages), `after ${digit + 1} digits`);
    }
    // then an edit in step1's body: those suggestions now span two edited statements
    const other = current.indexOf('  step0(id + 1);');
    current = current.slice(0, other) + '  yield ' + current.slice(other + 2);
    const { out, full } = await doc.lint(current);
    assert.equal(full, undefined);
    assert.deepEqual(plain(out.messages), plain((await doc.whole()).messages));
  });
});
