import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction } from './bindings';
import { ioLoopReference, outermost, replaceExpression } from './fixes';
import type { FutureAnalysis } from './futures';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

/**
 * The repairs for a Future that is thrown away, shared by the rules that offer them.
 * `target` is the expression giving the Future; `replaced` is what the repair rewrites
 * (the same node, or the `void target` around it).
 *
 * @example
 * const repairs = futureRepairs(context, analysis, call, call);
 * suggest: [{ messageId: 'yield', fix: repairs.yield }]
 */
export interface FutureRepairs {
  /** False when `target` holds a `yield` or `await` and so cannot move into an arrow: `runSync` is then off. */
  readonly canDefer: boolean;
  /** False when `spawnCallback` would need an arrow that `canDefer` forbids. */
  readonly canSpawn: boolean;
  /** `yield target` (inside a coroutine or generator). */
  yield(fixer: Fixer): Fix;
  /** `await target` (inside an async function). */
  await(fixer: Fixer): Fix;
  /** `IOLoop.current().spawnCallback(fn, ...args)`, or `spawnCallback(() => target)` to keep `this`. */
  spawnCallback(fixer: Fixer): Fix[];
  /** `IOLoop.current().runSync(() => target)` (a script's top level). */
  runSync(fixer: Fixer): Fix[];
}

/**
 * The arguments for `spawnCallback` that call `target` later: `f, a, b` for a plain call
 * of a name (the Tornado spelling), else an arrow so a method keeps its `this`.
 */
export function spawnArguments(target: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const text = sourceCode.getText(target);
  if (
    target.type === AST_NODE_TYPES.CallExpression &&
    !target.optional &&
    target.callee.type === AST_NODE_TYPES.Identifier &&
    !target.typeArguments &&
    target.arguments.every((argument) => argument.type !== AST_NODE_TYPES.SpreadElement)
  ) {
    const open = sourceCode.getTokenAfter(target.callee, ASTUtils.isOpeningParenToken);
    const close = sourceCode.getLastToken(target);
    if (open && close && ASTUtils.isClosingParenToken(close)) {
      const inside = sourceCode.text.slice(open.range[1], close.range[0]).trim();
      return inside === '' ? target.callee.name : `${target.callee.name}, ${inside}`;
    }
  }
  return `() => ${text}`;
}

/**
 * Whether `node` contains a `yield` or `await` of its own (not inside a nested function):
 * moved into an arrow function, such an expression would no longer parse.
 */
export function suspendsInside(node: TSESTree.Node): boolean {
  const pending: TSESTree.Node[] = [node];
  while (pending.length > 0) {
    const current = pending.pop() as TSESTree.Node;
    if (current.type === AST_NODE_TYPES.YieldExpression || current.type === AST_NODE_TYPES.AwaitExpression) return true;
    if (current !== node && isFunction(current)) continue;
    for (const [key, value] of Object.entries(current)) {
      if (key === 'parent') continue;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') pending.push(child as TSESTree.Node);
      }
    }
  }
  return false;
}

/** Builds the repairs for one thrown-away Future. */
export function futureRepairs(
  context: Context,
  analysis: FutureAnalysis,
  target: TSESTree.Node,
  replaced: TSESTree.Node,
): FutureRepairs {
  const sourceCode = context.sourceCode;
  const outer = outermost(target);
  const text = sourceCode.getText(outer);
  const canDefer = !suspendsInside(outer);
  return {
    canDefer,
    canSpawn: canDefer || !spawnArguments(outer, sourceCode).startsWith('() =>'),
    yield: (fixer) => replaceExpression(fixer, sourceCode, replaced, `yield ${text}`, 'assignment'),
    await: (fixer) => replaceExpression(fixer, sourceCode, replaced, `await ${text}`, 'unary'),
    spawnCallback(fixer) {
      const loop = ioLoopReference(fixer, context, analysis, replaced);
      const call = `${loop.text}.current().spawnCallback(${spawnArguments(outer, sourceCode)})`;
      return [...loop.fixes, replaceExpression(fixer, sourceCode, replaced, call, 'primary')];
    },
    runSync(fixer) {
      const loop = ioLoopReference(fixer, context, analysis, replaced);
      const call = `${loop.text}.current().runSync(() => ${text})`;
      return [...loop.fixes, replaceExpression(fixer, sourceCode, replaced, call, 'primary')];
    },
  };
}
