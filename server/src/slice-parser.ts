/**
 * A parser wrapper that, for a document registered with a slice, parses the slice
 * (function bodies blanked, same length and lines) while ESLint keeps the real text.
 * The rules then see only the statements that matter, yet every `getText()` and every
 * fix ESLint merges is cut from the real text, so fixes never carry blanks.
 */
import type { Linter } from 'eslint';

interface Pending {
  text: string;
  parseText: string;
}

type ParserOptions = { filePath?: unknown } | undefined;
type ParserLike = { parseForESLint?: (text: string, options?: ParserOptions) => unknown; parse?: (text: string, options?: ParserOptions) => unknown; meta?: unknown };

/**
 * Parses registered slices, and every other text as is, through the parser `parserFor`
 * gives for the file (one parser for all, or each file's own from its config).
 *
 * @example
 * const slices = new SliceParser(() => require('@typescript-eslint/parser'));
 * await slices.during('/w/a.ts', text, blankedText, () => linter.verify(text, [{ languageOptions: { parser: slices.parser } }], { filename: '/w/a.ts' }));
 */
export class SliceParser {
  private readonly pending = new Map<string, Pending>();
  /** The parser to put in a config. */
  readonly parser: Linter.Parser;

  constructor(parserFor: (filePath: string | undefined) => unknown) {
    const parseForESLint = (text: string, options?: ParserOptions): unknown => {
      const filePath = typeof options?.filePath === 'string' ? options.filePath : undefined;
      const base = parserFor(filePath);
      if (!SliceParser.canWrap(base)) throw new Error(`gust: no parser known for ${String(filePath)}`);
      const slice = filePath === undefined ? undefined : this.pending.get(filePath);
      const source = slice && slice.text === text ? slice.parseText : text;
      if (base.parseForESLint) return base.parseForESLint(source, options);
      return { ast: base.parse!(source, options) };
    };
    this.parser = { meta: { name: 'gust-slice-parser', version: '1' }, parseForESLint } as unknown as Linter.Parser;
  }

  /** Whether `parser` can be wrapped (it parses text into an ESTree Program). */
  static canWrap(parser: unknown): parser is ParserLike {
    if (typeof parser !== 'object' || parser === null) return false;
    const p = parser as ParserLike;
    return typeof p.parseForESLint === 'function' || typeof p.parse === 'function';
  }

  /** Runs `work` with `text` of `filePath` parsed as `parseText`. */
  async during<T>(filePath: string, text: string, parseText: string, work: () => T | Promise<T>): Promise<T> {
    this.pending.set(filePath, { text, parseText });
    try {
      return await work();
    } finally {
      this.pending.delete(filePath);
    }
  }
}
