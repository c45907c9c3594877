/**
 * The text the parser reads in an incremental run: the document with function bodies
 * blanked and some values reduced to the names they use, in the same length and lines,
 * so every position in it is the document's. A blanked body or value keeps one
 * reference to each kept name it used, so questions about a name's uses (is this
 * import used anywhere else?) keep their answers.
 */
import type { Body } from './units';

const LINE_BREAKS = new Set([0x0a, 0x0d, 0x2028, 0x2029]);
const NOT_A_LINE_BREAK = /[^\r\n\u2028\u2029]/g;

/** `span`'s kept names grouped by the line they stand on, each group in order, offsets from the span's start. */
function namesByLine(text: string, span: Body, kept: (name: string) => boolean): Array<Array<[string, number]>> {
  const lines = new Map<number, Array<[string, number]>>();
  for (const [name, offset] of span.refs) {
    if (!kept(name)) continue;
    // the start of its line within the span: a walk back over one line at most
    let line = offset;
    while (line > span.start && !LINE_BREAKS.has(text.charCodeAt(line - 1))) line--;
    const group = lines.get(line) ?? [];
    group.push([name, offset - span.start]);
    lines.set(line, group);
  }
  return [...lines.values()].map((group) => group.sort((x, y) => x[1] - y[1]));
}

/**
 * A body blanked: spaces, line breaks kept, and on each line that used kept names those
 * names again as one expression statement (`a,b`) where the first stood. They fit: the
 * line held each of them, apart from the next.
 */
function blankBody(text: string, body: Body, kept: (name: string) => boolean): string {
  let out = text.slice(body.start, body.end).replace(NOT_A_LINE_BREAK, ' ');
  for (const group of namesByLine(text, body, kept)) {
    const list = group.map(([name]) => name).join(',');
    const from = group[0][1];
    out = out.slice(0, from) + list + out.slice(from + list.length);
  }
  return out;
}

/**
 * A value's text reduced to an array of the kept names it uses, `[a,b,\n c,]`, in the
 * same length and lines: each line's names where the first of them stood. Undefined when
 * that does not fit (the value then keeps its text, bodies blanked).
 *
 * @example
 * nameList('coroutine(function* () { yield sleep(1); })', span, kept); // '[coroutine,     sleep,   ]...'
 */
export function nameList(text: string, span: Body, kept: (name: string) => boolean): string | undefined {
  const chars = text.slice(span.start, span.end).replace(NOT_A_LINE_BREAK, ' ').split('');
  if (chars.length < 2) return undefined;
  chars[0] = '[';
  chars[chars.length - 1] = ']';
  for (const group of namesByLine(text, span, kept)) {
    const list = group.map(([name]) => `${name},`).join('');
    const from = Math.max(group[0][1], 1);
    for (let k = 0; k < list.length; k++) {
      // only over blanks: a line break or the closing bracket means it does not fit
      if (chars[from + k] !== ' ') return undefined;
      chars[from + k] = list[k];
    }
  }
  return chars.join('');
}

/**
 * The document with `bodies` blanked (see {@link blankBody}) and each `listed` value
 * replaced by its name list (see {@link nameList}).
 *
 * @example
 * const parseText = sliceText(text, blankedBodies, (name) => moduleNames.has(name), lists);
 */
export function sliceText(text: string, bodies: readonly Body[], kept: (name: string) => boolean, listed: ReadonlyArray<{ span: Body; text: string }>): string {
  const spans = [...bodies.map((span) => ({ span, text: undefined as string | undefined })), ...listed].sort((x, y) => x.span.start - y.span.start);
  const parts: string[] = [];
  let at = 0;
  for (const { span, text: replacement } of spans) {
    parts.push(text.slice(at, span.start), replacement ?? blankBody(text, span, kept));
    at = span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * A run of statements out of reach (see incremental.ts), turned into what the rules can
 * still ask of it: the names it declares (`var a,b,c;`) and the imports it uses
 * (`[x,y];`), laid out over its span in the same length and lines. Undefined when they
 * do not fit (the statements then stay, reduced one by one).
 *
 * @example
 * compactRun(text, { start, end }, ['step0', 'step1'], ['coroutine', 'sleep']);
 * // 'var step0,\n    step1;[coroutine,sleep];  \n ...'
 */
export function compactRun(text: string, span: { start: number; end: number }, names: readonly string[], imports: readonly string[]): string | undefined {
  const blank = text.slice(span.start, span.end).replace(NOT_A_LINE_BREAK, ' ');
  const tokens: string[] = [];
  if (names.length) tokens.push('var', ...names.map((name, i) => `${name}${i === names.length - 1 ? ';' : ','}`));
  if (imports.length) tokens.push(...imports.map((name, i) => `${i === 0 ? '[' : ''}${name}${i === imports.length - 1 ? '];' : ','}`));
  const parts: string[] = [];
  let written = 0;
  let at = 0;
  for (const token of tokens) {
    // the next place with room for it on one line, a blank after the previous token
    for (let lineEnd = nextLineBreak(blank, at); at + token.length > lineEnd; lineEnd = nextLineBreak(blank, at)) {
      if (lineEnd >= blank.length) return undefined;
      at = lineEnd + 1;
    }
    parts.push(blank.slice(written, at), token);
    written = at + token.length;
    at = written + 1;
  }
  parts.push(blank.slice(written));
  return parts.join('');
}

/** The offset of the first line break at or after `from`, or the length. */
function nextLineBreak(text: string, from: number): number {
  for (let k = from; k < text.length; k++) if (LINE_BREAKS.has(text.charCodeAt(k))) return k;
  return text.length;
}
