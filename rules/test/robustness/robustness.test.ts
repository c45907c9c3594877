/**
 * Every gust rule over thousands of real files from node_modules: no rule may crash, and
 * every fix and suggestion it produces must leave code that still parses. To make the
 * rules fire on code that never imports gust, `settings.gust.coroutines` names common
 * methods (`then`, `emit`, `push`...), so the repairs meet every syntactic context.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../../src/index';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const nodeModules = path.join(repoRoot, 'node_modules');
const WANTED = Number(process.env.GUST_CORPUS_SIZE ?? 5300);
const MAX_BYTES = 120_000;

/** Source files of installed packages, in a stable order, skipping the workspace's own links. */
function collect(directory: string, into: string[]): void {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) collect(full, into);
    else if (/\.(c|m)?js$|(?<!\.d)\.ts$/.test(entry.name) && fs.statSync(full).size <= MAX_BYTES) into.push(full);
  }
}

/** All TypeScript sources, then JavaScript files spread evenly across packages to reach WANTED. */
function corpus(): string[] {
  const all: string[] = [];
  collect(nodeModules, all);
  all.sort();
  const ts = all.filter((file) => file.endsWith('.ts'));
  const js = all.filter((file) => !file.endsWith('.ts'));
  const step = Math.max(1, js.length / Math.max(1, WANTED - ts.length));
  const picked: string[] = [];
  for (let index = 0; index < js.length && picked.length < WANTED - ts.length; index += step) picked.push(js[Math.floor(index)]);
  return [...ts, ...picked];
}

const ruleLevels = Object.fromEntries(Object.keys(plugin.rules).map((id) => [`gust/${id}`, 'error' as const]));
const settings = {
  gust: { coroutines: ['then', 'emit', 'push', 'call', 'apply', 'get', 'set', 'on', 'resolve', 'next', 'write', 'read', 'run', 'send', 'load', 'fetch', 'start'] },
};

function configFor(file: string, sourceType: 'module' | 'script' | 'commonjs'): Linter.Config[] {
  const typescript = file.endsWith('.ts');
  return [
    {
      files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.mjs'],
      plugins: { gust: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      rules: ruleLevels,
      settings,
      // The corpus's own eslint comments name rules that are not loaded here.
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      languageOptions: {
        sourceType,
        ecmaVersion: 'latest',
        ...(typescript ? { parser: tsParser as unknown as Linter.Parser } : {}),
      },
    },
  ];
}

/** Applies one fix to the text. */
function apply(text: string, fix: { range: [number, number]; text: string }): string {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

describe('robustness: every rule over real code from node_modules', function () {
  this.timeout(600000);

  it('never crashes, and every fix and suggestion re-parses', () => {
    const files = corpus();
    const linter = new Linter({ configType: 'flat' });
    const crashes: string[] = [];
    const broken: string[] = [];
    let linted = 0;
    let repairs = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      // Linted under a name outside node_modules, which ESLint would otherwise ignore.
      const filename = path.join('corpus', ...path.relative(nodeModules, file).split(path.sep).map((part) => (part === 'node_modules' ? 'nm' : part)));
      let messages: Linter.LintMessage[] | null = null;
      let sourceType: 'module' | 'script' | 'commonjs' = 'module';
      for (const candidate of ['module', 'commonjs', 'script'] as const) {
        try {
          const result = linter.verify(text, configFor(file, candidate), { filename });
          if (result.some((message) => message.fatal)) continue;
          const unmatched = result.find((message) => message.ruleId === null && message.message.startsWith('No matching configuration'));
          if (unmatched) throw new Error(unmatched.message);
          messages = result;
          sourceType = candidate;
          break;
        } catch (error) {
          crashes.push(`${filename}: ${(error as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
          break;
        }
      }
      if (messages === null) continue; // the file itself does not parse (Flow, JSX in .js...)
      linted += 1;
      const parses = (code: string): boolean => {
        const result = linter.verify(code, [{ files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.mjs'], languageOptions: configFor(file, sourceType)[0].languageOptions }], { filename });
        return !result.some((message) => message.fatal);
      };
      // A few reports per rule and file are enough to meet every kind of context; all of them would take minutes.
      const perRule = new Map<string | null, number>();
      for (const message of messages) {
        const seen = perRule.get(message.ruleId) ?? 0;
        perRule.set(message.ruleId, seen + 1);
        if (seen >= 3) continue;
        const fixes = [...(message.fix ? [message.fix] : []), ...(message.suggestions ?? []).map((suggestion) => suggestion.fix)];
        for (const fix of fixes) {
          repairs += 1;
          if (!parses(apply(text, fix))) broken.push(`${filename}:${message.line}:${message.column} ${message.ruleId} -> ${JSON.stringify(fix.text)}`);
        }
      }
    }
    console.log(`      ${files.length} files, ${linted} parsed and linted, ${repairs} fixes and suggestions re-parsed`);
    assert.deepEqual(crashes.slice(0, 10), [], `${crashes.length} files crashed a rule`);
    assert.deepEqual(broken.slice(0, 10), [], `${broken.length} repairs do not parse`);
    assert.ok(linted >= Math.min(5000, WANTED - 200), `only ${linted} files could be linted; the corpus needs at least 5000`);
    assert.ok(repairs > 1000, `only ${repairs} repairs were produced; the corpus no longer exercises the fixers`);
  });
});
