/**
 * Putting an incremental run's results together: the re-linted statements' messages from
 * the run, every other statement's from the previous results, moved past the edit.
 * Messages carry ESLint's 1-based lines and columns; the work is done in offsets.
 */
import type { Linter, Rule } from 'eslint';
import type { Slice, Snapshot } from './incremental';
import type { Unit } from './units';

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

/** Offsets where each line starts, as ESLint counts lines. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(text); m; m = LINE_BREAK.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

// Not vscode-languageserver-textdocument's offsetAt/positionAt: ESLint also breaks lines
// at U+2028 and U+2029, which that does not, and messages count lines ESLint's way.
class Positions {
  constructor(private readonly starts: number[]) {}

  offset(line: number, column: number): number {
    return (this.starts[line - 1] ?? Number.NaN) + column - 1;
  }

  lineColumn(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

/** The index of the unit holding `offset`, or -1. */
function unitAt(units: readonly Unit[], offset: number): number {
  let lo = 0;
  let hi = units.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid].end <= offset) lo = mid + 1;
    else if (units[mid].start > offset) hi = mid - 1;
    else return mid;
  }
  return -1;
}

class Unmergeable extends Error {}

/** A fix whose text is another fix's with one statement's text `from` replaced by `to`. */
interface Origin {
  base: Rule.Fix;
  from: string;
  to: string;
}

const ORIGINS = new WeakMap<Rule.Fix, Origin>();

/** `moved` (a copy of `fix` at another place) keeps `fix`'s origin. */
function keepOrigin(fix: Rule.Fix, moved: Rule.Fix): Rule.Fix {
  const origin = ORIGINS.get(fix);
  if (origin) ORIGINS.set(moved, origin);
  return moved;
}

/**
 * The document's messages from a slice run's `fresh` messages and the previous ones, or
 * why they cannot be combined (the caller then runs the whole file).
 *
 * @example
 * const messages = mergeMessages(snapshot, slice, text, messagesOfTheSliceRun);
 */
export function mergeMessages(previous: Snapshot, slice: Slice, text: string, fresh: readonly Linter.LintMessage[]): Linter.LintMessage[] | string {
  try {
    return merge(previous, slice, text, fresh);
  } catch (error) {
    if (error instanceof Unmergeable) return error.message;
    throw error;
  }
}

function merge(previous: Snapshot, slice: Slice, text: string, fresh: readonly Linter.LintMessage[]): Linter.LintMessage[] {
  const oldAt = new Positions(lineStarts(previous.text));
  const newAt = new Positions(lineStarts(text));
  const { start, oldEnd, newEnd } = slice.edit;
  const delta = newEnd - oldEnd;
  const shift = (offset: number): number => {
    if (offset <= start) return offset;
    if (offset >= oldEnd) return offset + delta;
    throw new Unmergeable('an earlier message lies in the changed text');
  };
  const [oldUnit, newUnit] = [previous.cut.units[slice.edited], slice.cut.units[slice.edited]];
  const oldStatement = previous.text.slice(oldUnit.start, oldUnit.end);
  // A fix ESLint merged from edits on both sides of the changed statement (an import added
  // at the top) holds that statement's old text: it gets the new one. Such texts can be
  // as long as the file, so the text is rewritten only when a code action reads it.
  const unique = previous.text.indexOf(oldStatement) === previous.text.lastIndexOf(oldStatement);
  const newStatement = text.slice(newUnit.start, newUnit.end);
  const guess = (fix: Rule.Fix) => Math.max(0, oldUnit.start - fix.range[0] - 4096);
  const moveFix = (fix: Rule.Fix): Rule.Fix => {
    const [a, b] = fix.range;
    if (b <= start) return fix;
    const text = Object.getOwnPropertyDescriptor(fix, 'text')!;
    if (a >= oldEnd) return keepOrigin(fix, Object.defineProperty({ range: [a + delta, b + delta] }, 'text', text) as Rule.Fix);
    if (!unique || a > oldUnit.start || b < oldUnit.end) throw new Unmergeable('an earlier fix edits the changed statement');
    // Typing goes on in one statement: rewrite from the text before the first of those
    // edits, rather than stack one rewrite per keystroke.
    const origin = ORIGINS.get(fix);
    const [base, from] = origin && origin.to === oldStatement ? [origin.base, origin.from] : [fix, oldStatement];
    let moved: string | undefined;
    const fixed = Object.defineProperty({ range: [a, b + delta] }, 'text', {
      enumerable: true,
      get(): string {
        if (moved === undefined) {
          const old = base.text;
          let at = old.indexOf(from, guess(base));
          if (at === -1) at = old.indexOf(from);
          moved = at === -1 ? old : old.slice(0, at) + newStatement + old.slice(at + from.length);
        }
        return moved;
      },
    }) as Rule.Fix;
    ORIGINS.set(fixed, { base, from, to: newStatement });
    return fixed;
  };
  const out: Linter.LintMessage[] = [];
  for (const message of previous.messages) {
    const from = oldAt.offset(message.line, message.column);
    const index = unitAt(previous.cut.units, from);
    if (index === -1 || slice.relint.has(index)) continue;
    const to = message.endLine === undefined || message.endColumn === undefined ? from : oldAt.offset(message.endLine, message.endColumn);
    if (to > previous.cut.units[index].end) throw new Unmergeable('an earlier message spans statements');
    const moved: Linter.LintMessage = { ...message, ...newAt.lineColumn(shift(from)) };
    if (message.endLine !== undefined && message.endColumn !== undefined) {
      const end = newAt.lineColumn(shift(to));
      moved.endLine = end.line;
      moved.endColumn = end.column;
    }
    if (message.fix) moved.fix = moveFix(message.fix);
    if (message.suggestions) moved.suggestions = message.suggestions.map((s) => ({ ...s, fix: moveFix(s.fix) }));
    out.push(moved);
  }
  for (const message of fresh) {
    if (message.fatal || !message.ruleId) throw new Unmergeable('the run could not parse the text');
    const from = newAt.offset(message.line, message.column);
    if (slice.quiet.some(([start, end]) => from >= start && from < end)) continue;
    const index = unitAt(slice.cut.units, from);
    if (index !== -1 && !slice.relint.has(index)) continue;
    const to = message.endLine === undefined || message.endColumn === undefined ? from : newAt.offset(message.endLine, message.endColumn);
    if (index !== -1 && to > slice.cut.units[index].end) throw new Unmergeable('a message spans statements');
    out.push(message);
  }
  // ESLint's order: by position, the run's order among equals (sort is stable).
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
