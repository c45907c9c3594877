import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * The comments inside `node` that are not inside any of `kept` (the parts a fix copies
 * over), as text ready to put before the replacement: each comment followed by a line
 * break and `indent`, so a `//` comment cannot swallow the code after it.
 *
 * @example
 * const lead = orphanComments(sourceCode, loop, [loop.test], '  '); // '// wait\n  ' for `while (x) { // wait }`
 */
export function orphanComments(
  sourceCode: SourceCode,
  node: TSESTree.Node | TSESTree.Range,
  kept: readonly (TSESTree.Node | TSESTree.Range)[],
  indent: string,
): string {
  const [start, end] = 'range' in node ? node.range : node;
  const keptRanges = kept.map((part) => ('range' in part ? part.range : part));
  return sourceCode
    .getAllComments()
    .filter((comment) => comment.range[0] >= start && comment.range[1] <= end)
    .filter((comment) => !keptRanges.some(([from, to]) => comment.range[0] >= from && comment.range[1] <= to))
    .map((comment) => `${sourceCode.getText(comment as unknown as TSESTree.Node)}\n${indent}`)
    .join('');
}

/** The whitespace that starts the line `node` begins on. */
export function indentOf(sourceCode: SourceCode, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)?.[0] ?? '';
}

const PRECEDENCE: Readonly<Record<string, number>> = {
  '??': 1,
  '||': 2,
  '&&': 3,
  '|': 4,
  '^': 5,
  '&': 6,
  '==': 7,
  '!=': 7,
  '===': 7,
  '!==': 7,
  '<': 8,
  '>': 8,
  '<=': 8,
  '>=': 8,
  in: 8,
  instanceof: 8,
  '<<': 9,
  '>>': 9,
  '>>>': 9,
  '+': 10,
  '-': 10,
  '*': 11,
  '/': 11,
  '%': 11,
  '**': 12,
};

/** How tightly `node` binds, on the scale of binary operators (higher binds tighter). */
function precedenceOf(node: TSESTree.Node): number {
  switch (node.type) {
    case AST_NODE_TYPES.SequenceExpression:
      return -3;
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.YieldExpression:
      return -2;
    case AST_NODE_TYPES.ConditionalExpression:
      return -1;
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.BinaryExpression:
      return PRECEDENCE[node.operator] ?? 0;
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
      return 8;
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
      return 13;
    default:
      return 20;
  }
}

/**
 * `left - right` as source text, with parentheses only where precedence needs them.
 *
 * @example
 * difference(sourceCode, msNode, elapsedNode); // 'ms - (performance.now() - start)'
 */
export function difference(sourceCode: SourceCode, left: TSESTree.Node, right: TSESTree.Node): string {
  const leftText = sourceCode.getText(left);
  const rightText = sourceCode.getText(right);
  const leftPart = precedenceOf(left) < PRECEDENCE['-'] ? `(${leftText})` : leftText;
  const rightPart = precedenceOf(right) <= PRECEDENCE['-'] ? `(${rightText})` : rightText;
  return `${leftPart} - ${rightPart}`;
}

/**
 * `node`'s source text moved to a new indentation: every line after the first that starts
 * with the indentation of `node`'s first line gets `indent` instead. Text holding a
 * multi-line template literal is left as it is, since its lines are part of a string.
 *
 * @example
 * reindented(sourceCode, callback, '      '); // an arrow's body lines follow it into a deeper block
 */
export function reindented(sourceCode: SourceCode, node: TSESTree.Node, text: string, indent: string): string {
  if (!text.includes('\n')) return text;
  const hasTemplate = sourceCode
    .getTokens(node)
    .some((token) => token.type === 'Template' && token.value.includes('\n'));
  if (hasTemplate) return text;
  const from = indentOf(sourceCode, node);
  return text
    .split('\n')
    .map((line, index) => (index > 0 && line.startsWith(from) ? `${indent}${line.slice(from.length)}` : line))
    .join('\n');
}
