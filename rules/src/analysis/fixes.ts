import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { FutureAnalysis } from './futures';
import { runtimeNames } from './runtime-names';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

/** The node a repair should replace: an optional chain as a whole, never the call inside it. */
export function outermost(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent?.type === AST_NODE_TYPES.ChainExpression) current = current.parent;
  return current;
}

/** Whether `node` is wrapped in parentheses in the source. */
export function isParenthesized(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  return ASTUtils.isParenthesized(node, sourceCode);
}

/**
 * Whether an assignment-level expression (`yield x`, `() => x`, `a = b`) written where
 * `node` is needs parentheses to keep its meaning: `a || (yield f())`.
 */
export function needsParensForAssignmentLevel(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  if (isParenthesized(node, sourceCode)) return false;
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.VariableDeclarator:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.YieldExpression:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.SequenceExpression:
    case AST_NODE_TYPES.AssignmentPattern:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.SwitchStatement:
    case AST_NODE_TYPES.SwitchCase:
    case AST_NODE_TYPES.ExportDefaultDeclaration:
    case AST_NODE_TYPES.JSXExpressionContainer:
      return false;
    case AST_NODE_TYPES.Property:
      return parent.value !== node;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return !(parent.arguments as readonly TSESTree.Node[]).includes(node);
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right !== node;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body !== node;
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === node;
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement:
      return parent.right !== node;
    default:
      return true;
  }
}

/** Whether a unary-level expression (`await x`) written where `node` is needs parentheses: `(await f()).x`. */
export function needsParensForUnaryLevel(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  if (isParenthesized(node, sourceCode)) return false;
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === node;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === node;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return parent.tag === node;
    case AST_NODE_TYPES.BinaryExpression:
      return parent.operator === '**' && parent.left === node;
    default:
      return false;
  }
}

const BLOCK_LIKE: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.BlockStatement,
  AST_NODE_TYPES.StaticBlock,
  AST_NODE_TYPES.ClassBody,
  AST_NODE_TYPES.SwitchStatement,
  AST_NODE_TYPES.TSModuleBlock,
  AST_NODE_TYPES.TSInterfaceBody,
  AST_NODE_TYPES.TSEnumDeclaration,
  AST_NODE_TYPES.TSEnumBody,
]);

/**
 * Whether text starting at `node` must begin with `;` so it does not join the previous
 * line: `foo()\n(yield f()) || x` would call `foo()`'s result.
 */
export function needsLeadingSemicolon(node: TSESTree.Node, text: string, sourceCode: SourceCode): boolean {
  if (!/^[([`+\-/]/.test(text)) return false;
  let statement: TSESTree.Node = node;
  while (statement.parent && statement.type !== AST_NODE_TYPES.ExpressionStatement) {
    if (statement.parent.range[0] !== node.range[0]) return false;
    statement = statement.parent;
  }
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const before = sourceCode.getTokenBefore(statement);
  if (!before) return false;
  if (before.value === ';' || before.value === '{' || before.value === ':') return false;
  if (before.type === 'Keyword' && (before.value === 'else' || before.value === 'do')) return false;
  if (before.value === '}') {
    const owner = sourceCode.getNodeByRangeIndex(before.range[0]);
    return !(owner && BLOCK_LIKE.has(owner.type));
  }
  if (before.value === ')') {
    const parent = statement.parent;
    return !(
      parent &&
      (parent.type === AST_NODE_TYPES.IfStatement ||
        parent.type === AST_NODE_TYPES.WhileStatement ||
        parent.type === AST_NODE_TYPES.ForStatement ||
        parent.type === AST_NODE_TYPES.ForInStatement ||
        parent.type === AST_NODE_TYPES.ForOfStatement ||
        parent.type === AST_NODE_TYPES.WithStatement)
    );
  }
  return true;
}

/**
 * Replaces `node` with an expression of the given precedence level, adding the
 * parentheses and the leading semicolon the spot needs. Comments inside `node` stay
 * where they are because `text` is built from `node`'s own source text.
 *
 * @example
 * fixer => replaceExpression(fixer, sourceCode, call, `yield ${sourceCode.getText(call)}`, 'assignment')
 */
export function replaceExpression(
  fixer: Fixer,
  sourceCode: SourceCode,
  node: TSESTree.Node,
  text: string,
  level: 'assignment' | 'unary' | 'primary',
): Fix {
  const target = outermost(node);
  const parens =
    level === 'assignment'
      ? needsParensForAssignmentLevel(target, sourceCode)
      : level === 'unary'
        ? needsParensForUnaryLevel(target, sourceCode)
        : false;
  let result = parens ? `(${text})` : text;
  if (needsLeadingSemicolon(target, result, sourceCode)) result = `;${result}`;
  return fixer.replaceText(target, result);
}

/** How the file refers to a runtime export, and the edits that make that reference valid. */
export interface RuntimeReference {
  /** The expression to write: `IOLoop`, `gust.IOLoop`, or an alias when `IOLoop` is taken. */
  readonly text: string;
  /** Edits adding the import; empty when the file already has one in reach. */
  readonly fixes: readonly Fix[];
}

/**
 * Makes the runtime export `exported` (`IOLoop`, `sleep`, `coroutine`...) available at
 * `at`: reuses an import the file has (named, renamed, namespace, default, `require`),
 * else adds one in the file's own module style (an ESM named import next to the runtime's,
 * `import { IOLoop } from 'gust'`, or `const { IOLoop } = require('gust')` for CommonJS).
 *
 * @example
 * const loop = runtimeReference(fixer, context, analysis, call, 'IOLoop');
 * return [...loop.fixes, fixer.replaceText(call, `${loop.text}.current().spawnCallback(...)`)];
 */
export function runtimeReference(
  fixer: Fixer,
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  analysis: FutureAnalysis,
  at: TSESTree.Node,
  exported: string,
): RuntimeReference {
  const names = runtimeNames(fixer, context, analysis, at, [exported]);
  return { text: names.text[exported], fixes: names.fixes };
}

/**
 * Makes `IOLoop` available at `at` (see {@link runtimeReference}).
 *
 * @example
 * const loop = ioLoopReference(fixer, context, analysis, call); // loop.text === 'IOLoop'
 */
export function ioLoopReference(
  fixer: Fixer,
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  analysis: FutureAnalysis,
  at: TSESTree.Node,
): RuntimeReference {
  return runtimeReference(fixer, context, analysis, at, 'IOLoop');
}

/**
 * The comments inside `node` that fall outside every kept range: a repair that rebuilds
 * a node from some of its parts writes these back so no comment is lost.
 *
 * @example
 * const lost = commentsOutside(sourceCode, call, [argument.range]); // ['/* soon *\/']
 */
export function commentsOutside(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  kept: readonly (readonly [number, number])[],
): string[] {
  return sourceCode
    .getCommentsInside(node)
    .filter((comment) => !kept.some(([start, end]) => comment.range[0] >= start && comment.range[1] <= end))
    // A line comment would swallow the rest of a rebuilt line, so every comment comes back as a block.
    .map((comment) => `/*${comment.value}*/`);
}
