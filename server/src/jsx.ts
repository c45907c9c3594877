/**
 * Where a line comment would not be a comment: the children of a JSX element, where
 * `// ...` is text the element shows. A directive there has to be `{/* ... *\/}`.
 */
import * as ts from 'typescript';
import type { TextDocument } from 'vscode-languageserver-textdocument';

const JSX_LANGUAGES: Readonly<Record<string, ts.ScriptKind>> = { typescriptreact: ts.ScriptKind.TSX, javascriptreact: ts.ScriptKind.JSX };

const isJsxParent = (node: ts.Node | undefined): boolean => node !== undefined && (ts.isJsxElement(node) || ts.isJsxFragment(node));

/**
 * For one document: whether the start of a line (after its indentation) sits among a JSX
 * element's children; always false outside the JSX languages. The document is parsed
 * once, on the first question, however many lines are asked about.
 *
 * @example
 * const inJsx = jsxChildrenLines(tsxDoc('<div>\n  {items.map(load)}\n</div>'));
 * inJsx(1); // true
 */
export function jsxChildrenLines(document: TextDocument): (line: number) => boolean {
  const kind = JSX_LANGUAGES[document.languageId];
  if (kind === undefined) return () => false;
  const text = document.getText();
  let sourceFile: ts.SourceFile | undefined;
  return (line) => {
    sourceFile ??= ts.createSourceFile('line.tsx', text, ts.ScriptTarget.Latest, true, kind);
    const lineStart = document.offsetAt({ line, character: 0 });
    return startsChildren(sourceFile, lineStart + (/^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))?.[0].length ?? 0));
  };
}

/**
 * {@link jsxChildrenLines} for a single line.
 *
 * @example
 * startsInJsxChildren(tsxDoc('<div>\n  {items.map(load)}\n</div>'), 1); // true
 */
export function startsInJsxChildren(document: TextDocument, line: number): boolean {
  return jsxChildrenLines(document)(line);
}

function startsChildren(sourceFile: ts.SourceFile, at: number): boolean {
  // Down to the node around `at`: true when `at` falls in a child's text, or is where a
  // child of an element begins (`{items.map(load)}`); code deeper inside a child's
  // braces is plain code again.
  const around = (node: ts.Node) => node.getChildren(sourceFile).find((child) => child.getStart(sourceFile) <= at && at < child.end);
  let node: ts.Node = sourceFile;
  for (let inner = around(node); inner; inner = around(node)) {
    if (ts.isJsxText(inner)) return true;
    // a line that starts with the closing tag follows the children: a comment above it is one of them
    if ((ts.isJsxClosingElement(inner) || ts.isJsxClosingFragment(inner)) && inner.getStart(sourceFile) === at) return true;
    if (isJsxParent(node) && inner.kind === ts.SyntaxKind.SyntaxList) {
      const child = around(inner);
      if (!child || ts.isJsxText(child) || child.getStart(sourceFile) === at) return child !== undefined;
      node = child;
    } else {
      node = inner;
    }
  }
  return false;
}
