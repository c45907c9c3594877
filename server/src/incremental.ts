/**
 * Re-linting a large document after a change inside one top-level statement, without
 * paying for the whole file: the statements the change cannot affect keep their function
 * bodies' text out of the run (blanked to spaces, so every position stays put), and their
 * earlier results are carried over, shifted past the edit.
 *
 * What a statement's results can depend on, by name: the declarations it mentions, those
 * declarations' bodies (a rule may follow a name one hop into the function it holds), and
 * every other mention of those names (a rule may ask whether a variable is ever reassigned
 * or read; "is this import used elsewhere?" is one such question). So the run keeps: the
 * edited statement, the statements mentioning a name it mentions or declares
 * (re-linted: their results may change), and the statements mentioning any name those
 * mention (context only: their earlier results are kept). The declarations reachable
 * from those through initializers keep their text, bodies blanked; each blanked body
 * still names once every import or module-level name it used. Runs of statements out of
 * reach stand as the names they declare and the imports they use. Anything outside that reasoning falls back to a full run:
 * a syntax error, an edit that crosses statements or touches an import, a function body
 * out of the run writing a module-level name, block-level `eslint-disable` comments, a
 * crash.
 */
import type { Linter } from 'eslint';
import { mergeMessages } from './merge';
import { compactRun, nameList, sliceText } from './slice-text';
import { type Body, type Unit, type Units, cutIntoUnits } from './units';

/** A document's last exact-enough results, the base of the next incremental run. */
export interface Snapshot {
  text: string;
  filePath: string;
  cut: Units;
  messages: Linter.LintMessage[];
  /** What the results were computed under (settings, config file): a change forces a full run. */
  key: unknown;
  configFile?: string;
}

/** Where a change happened: `[start, oldEnd)` of the old text became `[start, newEnd)`. */
export interface Edit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The text for the parser to read in place of the document, and how to read the results. */
export interface Slice {
  /** The document with the bodies out of the run blanked: same length, same lines. */
  parseText: string;
  /** The new text's units. */
  cut: Units;
  edit: Edit;
  /** Index of the unit holding the edit. */
  edited: number;
  /** Indices of the units whose results come from this run. */
  relint: Set<number>;
  /** Spans standing for several statements at once: nothing the run reports there counts. */
  quiet: Array<[number, number]>;
}

/**
 * The smallest span that differs between two texts.
 *
 * @example
 * diffTexts('let a = 1;', 'let ab = 1;'); // { start: 5, oldEnd: 5, newEnd: 6 }
 */
export function diffTexts(before: string, after: string): Edit {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < limit - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

const BLOCK_DIRECTIVE = /\/\*\s*(?:eslint-disable(?!-)|eslint-enable|eslint\s|global\s|globals\s|exported\s)/;

const intersects = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) return true;
  return false;
};

/**
 * Runs of consecutive statements out of reach that can stand as their names (see
 * `Unit.compact`), with no import between them; only in files that import (the runs
 * drop `export`, and a file with imports is a module whatever its exports).
 */
function compactRuns(units: readonly Unit[], cut: Units, outOfReach: (i: number) => boolean): number[][] {
  if (cut.importSpans.length === 0) return [];
  const runs: number[][] = [];
  let run: number[] = [];
  for (let i = 0; i < units.length; i++) {
    const joins = run.length > 0 && !cut.importSpans.some(([start]) => start >= units[run[run.length - 1]].end && start < units[i].start);
    if (units[i].compact && outOfReach(i)) {
      if (!joins && run.length) runs.push(run);
      run = joins ? [...run, i] : [i];
    } else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

/** The index of the one statement holding the edit (the others merely moved), or why there is none. */
function editedUnit(before: readonly Unit[], after: readonly Unit[], edit: Edit): number | string {
  if (before.length !== after.length) return 'statements were added or removed';
  const delta = edit.newEnd - edit.oldEnd;
  let edited = -1;
  for (let i = 0; i < after.length; i++) {
    const [old, now] = [before[i], after[i]];
    if (old.end <= edit.start && now.start === old.start && now.end === old.end) continue;
    if (old.start >= edit.oldEnd && now.start === old.start + delta && now.end === old.end + delta) continue;
    if (edited !== -1 || old.start > edit.start || old.end < edit.oldEnd || now.start !== old.start || now.end !== old.end + delta) {
      return 'the change is not inside one statement';
    }
    edited = i;
  }
  return edited === -1 ? 'the change is outside every statement' : edited;
}

/**
 * Plans an incremental run of `text` after `previous`, or says why only a full run will do.
 *
 * @example
 * const plan = planSlice(snapshot, newText);
 * if (typeof plan !== 'string') lint(text, plan.parseText);
 */
export function planSlice(previous: Snapshot, text: string): Slice | string {
  if (BLOCK_DIRECTIVE.test(text)) return 'block-level eslint comments';
  const edit = diffTexts(previous.text, text);
  const cut = cutIntoUnits(text, previous.filePath, { cut: previous.cut, ...edit });
  if (typeof cut === 'string') return cut;
  const before = previous.cut.units;
  const after = cut.units;
  const edited = editedUnit(before, after, edit);
  if (typeof edited === 'string') return edited;
  const moduleNames = new Set<string>(before[edited].names);
  for (const unit of after) for (const name of unit.names) moduleNames.add(name);
  const mentioned = (units: Iterable<Unit>): Set<string> => {
    const names = new Set<string>();
    for (const unit of units) {
      for (const id of unit.ids) if (moduleNames.has(id)) names.add(id);
      for (const name of unit.names) names.add(name);
    }
    return names;
  };
  const direct = mentioned([before[edited], after[edited]]);
  const relint = new Set<number>([edited]);
  after.forEach((unit, i) => intersects(unit.ids, direct) && relint.add(i));
  const reach = mentioned([...relint].map((i) => after[i]));
  const context = new Set<number>();
  after.forEach((unit, i) => (relint.has(i) || intersects(unit.ids, reach)) && context.add(i));
  // Declarations the kept statements can reach, through names and then initializers.
  const reached = mentioned([...context].map((i) => after[i]));
  const declared = new Set<number>();
  for (let grew = true; grew; ) {
    grew = false;
    after.forEach((unit, i) => {
      if (context.has(i) || declared.has(i) || !intersects(unit.ids, reached)) return;
      declared.add(i);
      grew = true;
      for (const id of unit.headIds) if (moduleNames.has(id)) reached.add(id);
    });
  }
  const kept = (name: string) => cut.imports.has(name) || moduleNames.has(name);
  const blanked: Body[] = [];
  const listed: Array<{ span: Body; text: string }> = [];
  // Out of reach (and not `require`-ing anything at load): only the names a statement
  // declares and the imports it uses can matter to the statements kept.
  const outOfReach = (i: number) => !context.has(i) && !declared.has(i) && !after[i].ids.has('require');
  const runs = compactRuns(after, cut, outOfReach);
  const compacted = new Set<number>();
  const quiet: Array<[number, number]> = [];
  for (const run of runs) {
    const span = { start: after[run[0]].start, end: after[run[run.length - 1]].end };
    const names = run.flatMap((i) => after[i].names);
    const imports = [...new Set(run.flatMap((i) => [...after[i].refs].filter((name) => cut.imports.has(name))))];
    const compact = compactRun(text, span, names, imports);
    if (compact === undefined) continue;
    listed.push({ span: { ...span, refs: [] }, text: compact });
    quiet.push([span.start, span.end]);
    for (const i of run) compacted.add(i);
  }
  for (let i = 0; i < after.length; i++) {
    const unit = after[i];
    for (const name of unit.writes) if (cut.imports.has(name)) return 'a function writes an imported name';
    if (context.has(i)) continue;
    for (const name of unit.writes) if (moduleNames.has(name)) return `a function writes the module-level name ${name}`;
    if (compacted.has(i)) continue;
    // its values matter only through the names they use
    const values: Body[] = [];
    if (outOfReach(i)) {
      for (const span of unit.values) {
        const list = nameList(text, span, kept);
        if (list === undefined) continue;
        listed.push({ span, text: list });
        values.push(span);
      }
    }
    blanked.push(...unit.bodies.filter((b) => !values.some((v) => v.start <= b.start && b.end <= v.end)));
  }
  for (const name of before[edited].writes) if (cut.imports.has(name)) return 'a function writes an imported name';
  return { parseText: sliceText(text, blanked, kept, listed), cut, edit, edited, relint, quiet };
}

/** What {@link IncrementalLinter.lint} did, for the log and the tests. */
export interface RunReport<T> {
  out: T;
  /** Why the whole file was linted; undefined when the incremental run was used. */
  full?: string;
}

/** A lint run's results, as far as this module needs them. */
export interface LintResult {
  messages: Linter.LintMessage[];
  crashes: readonly unknown[];
  configFile?: string;
}

/**
 * Keeps each large document's last results and lints its next version incrementally
 * when it can (see the module comment), else whole.
 *
 * @example
 * const incremental = new IncrementalLinter(20_000);
 * const { out } = await incremental.lint(uri, text, filePath, settings, (parseText?: string) => linter.lint(input, false, [], parseText));
 */
export class IncrementalLinter {
  private readonly snapshots = new Map<string, Snapshot>();

  /** `minLength`: shorter documents are always linted whole (it is as fast). */
  constructor(private readonly minLength: number) {}

  /**
   * Lints `text` with `run`: given a `parseText`, `run` has the parser read it instead of
   * the text (undefined when it cannot; the file is then linted whole).
   */
  async lint<T extends LintResult>(
    uri: string,
    text: string,
    filePath: string,
    key: unknown,
    run: (parseText?: string) => Promise<T | undefined>,
    whole = false,
  ): Promise<RunReport<T>> {
    const previous = this.snapshots.get(uri);
    let reason = whole ? 'asked for' : undefined;
    if (text.length < this.minLength) reason = 'a small file';
    else if (!previous) reason = 'no earlier results';
    else if (previous.key !== key || previous.filePath !== filePath) reason = 'the settings or the config changed';
    if (!reason && previous) {
      try {
        const result = await this.incremental(previous, text, filePath, key, run);
        if (typeof result !== 'string') {
          this.snapshots.set(uri, result.snapshot);
          return { out: result.out };
        }
        reason = result;
      } catch (error) {
        // A fault on this path must not cost the user the diagnostics: the whole run follows.
        reason = `the incremental run failed (${error instanceof Error ? error.message : String(error)})`;
      }
    }
    const out = await run();
    if (!out) throw new Error('gust: a whole-file lint run gave no result');
    this.remember(uri, text, filePath, key, out);
    return { out, full: reason };
  }

  private async incremental<T extends LintResult>(
    previous: Snapshot,
    text: string,
    filePath: string,
    key: unknown,
    run: (parseText?: string) => Promise<T | undefined>,
  ): Promise<{ out: T; snapshot: Snapshot } | string> {
    const plan = planSlice(previous, text);
    if (typeof plan === 'string') return plan;
    const out = await run(plan.parseText);
    if (!out) return "the config's parser cannot be given a slice";
    if (out.crashes.length) return 'a rule crashed';
    if (out.configFile !== previous.configFile) return 'the config changed';
    const messages = mergeMessages(previous, plan, text, out.messages);
    if (typeof messages === 'string') return messages;
    return { out: { ...out, messages }, snapshot: { text, filePath, cut: plan.cut, messages, key, configFile: out.configFile } };
  }

  /** Forgets a document (closed). */
  forget(uri: string): void {
    this.snapshots.delete(uri);
  }

  private remember(uri: string, text: string, filePath: string, key: unknown, out: LintResult): void {
    // A text that does not parse (mid-typing) keeps the last good results as the base:
    // the next good text is compared with that, so the first keystroke after is fast too.
    if (out.messages.some((m) => m.fatal) && !out.crashes.length && text.length >= this.minLength) return;
    this.snapshots.delete(uri);
    if (text.length < this.minLength || out.crashes.length) return;
    const cut = cutIntoUnits(text, filePath);
    if (typeof cut !== 'string') this.snapshots.set(uri, { text, filePath, cut, messages: out.messages, key, configFile: out.configFile });
  }
}
