// Random edits of real files, each linted incrementally and whole: the two must agree.
// Shared by the incremental tests and the longer stress run (npm run stress -w server).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';
import { IncrementalLinter, type RunReport } from '../src/incremental';
import { GustLinter, type LintInput, type LintOutput, loadPlugin } from '../src/lint';
import { parseSettings } from '../src/settings';
import { cutIntoUnits } from '../src/units';
import { SAMPLE } from './protocol/sample';

const REPO = path.resolve(__dirname, '../../..');
const PLUGIN = loadPlugin();
// Every rule on, so every kind of message (and fix) crosses the merge.
export const SETTINGS = parseSettings({ rules: Object.fromEntries(Object.keys(PLUGIN.rules).map((id) => [`gust/${id}`, 'warn'])) }).settings;
export const linter = new GustLinter(PLUGIN, tsParser);

/** A chain of coroutines, each calling the one before it (the benchmark's file). */
export function chain(blocks: number): string {
  const out = ["import { coroutine, sleep } from 'gust';", ''];
  for (let i = 0; i < blocks; i++) {
    const prev = i === 0 ? 'sleep' : `step${i - 1}`;
    out.push(`export const step${i} = coroutine(function* (id: number) {`, '  yield sleep(1);', `  const user = yield ${prev}(id);`, `  ${prev}(id + 1);`, '  return user;', '});');
  }
  return out.join('\n') + '\n';
}

/** Messages as plain data (fix texts of carried messages are computed on demand). */
export const plain = (messages: Linter.LintMessage[]) => JSON.parse(JSON.stringify(messages)) as unknown;


/** A small deterministic random source, so a failure can be replayed. */
export function random(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

/** One random edit of a line inside a function body (or anywhere, now and then). */
export function edit(text: string, pick: (n: number) => number): string {
  const lines = text.split('\n');
  const names = [...new Set(text.match(/\b[a-z]\w*(?=\()/gi) ?? [])];
  const candidates = lines.map((line, i) => i).filter((i) => /^\s{2,}\S/.test(lines[i]));
  const i = candidates.length ? candidates[pick(candidates.length)] : pick(lines.length);
  const line = lines[i];
  const indent = /^\s*/.exec(line)![0];
  switch (pick(8)) {
    case 0:
      lines[i] = line.startsWith(indent + 'yield ') ? indent + line.slice(indent.length + 6) : indent + 'yield ' + line.slice(indent.length);
      break;
    case 1:
      lines.splice(i, 1);
      break;
    case 2:
      lines.splice(i, 0, `${indent}${names[pick(names.length)] ?? 'f'}(${pick(3)});`);
      break;
    case 3:
      lines.splice(i, 0, line);
      break;
    case 4: {
      const from = names[pick(names.length)];
      const to = names[pick(names.length)];
      if (from && to) lines[i] = line.replace(from, to);
      break;
    }
    case 5:
      lines.splice(i, 0, `${indent}const v${pick(100)} = ${names[pick(names.length)] ?? 'f'}(1);`);
      break;
    case 6:
      lines[i] = line.replace(/\byield\b/, '');
      break;
    default:
      lines[i] = `${line} // note ${pick(100)}`;
  }
  return lines.join('\n');
}

export interface Corpus {
  name: string;
  text: string;
}

export function corpus(): Corpus[] {
  const files: Corpus[] = [{ name: 'sample.ts', text: SAMPLE }, { name: 'chain.ts', text: chain(30) }];
  for (const dir of [path.join(REPO, 'examples'), path.join(REPO, 'server', 'test', 'fixtures', 'incremental')]) {
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) files.push({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') });
  }
  return files;
}

/** One document, linted incrementally as it changes, and whole to compare. */
export class Session {
  private readonly incremental = new IncrementalLinter(0);

  /** `faultySlices`: the run given a slice throws, as a bug on that path would. */
  constructor(
    readonly filePath: string,
    public text: string,
    private readonly faultySlices = false,
  ) {}

  /** Lints the document's new `text` (or its current one) incrementally when it can. */
  lint(text = this.text): Promise<RunReport<LintOutput>> {
    this.text = text;
    return this.incremental.lint('doc', text, this.filePath, SETTINGS, this.run);
  }

  /** A whole run of the current text. */
  whole(): Promise<LintOutput> {
    return linter.lint(this.input(), false);
  }

  private input(): LintInput {
    return { text: this.text, filePath: this.filePath, languageId: 'typescript', settings: SETTINGS, workspaceFolder: path.dirname(this.filePath) };
  }

  private readonly run = async (parseText?: string): Promise<LintOutput | undefined> => {
    if (parseText === undefined) return this.whole();
    if (this.faultySlices) throw new Error('a bug in the slice');
    return linter.lint(this.input(), false, [], parseText);
  };
}

export async function replay(filePath: string, files: Corpus[], steps: number, seed: number): Promise<{ fast: number; runs: number; why: string }> {
  let fast = 0;
  let runs = 0;
  const reasons = new Map<string, number>();
  for (const [n, file] of files.entries()) {
    const pick = random(seed + n);
    const doc = new Session(filePath, file.text);
    let text = file.text;
    await doc.lint();
    let good = text;
    for (let step = 0; step < steps; step++) {
      // an edit that breaks the syntax is undone by the next one, as a user would
      text = typeof cutIntoUnits(text, filePath) === 'string' ? good : edit(text, pick);
      if (typeof cutIntoUnits(text, filePath) !== 'string') good = text;
      const { out, full } = await doc.lint(text);
      const whole = await doc.whole();
      assert.deepEqual(plain(out.messages), plain(whole.messages), `${file.name}, edit ${step + 1} (${full ?? 'incremental'}):\n${text}`);
      runs++;
      if (full === undefined) fast++;
      else reasons.set(full, (reasons.get(full) ?? 0) + 1);
    }
  }
  return { fast, runs, why: JSON.stringify([...reasons]) };
}

