import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { memberName } from './imports';

/**
 * What happens to a Future-valued expression, judged from where it stands.
 * - `handled`: yielded (also in a yielded array or object), awaited, returned, passed to a
 *   call, `.catch(h)`, `.then(ok, err)`, or otherwise used as a value.
 * - `stored`: kept in a variable, property or field (`no-unobserved-future` follows it).
 * - `discarded`: thrown away, so its errors are lost.
 * - `voided`: thrown away with `void` (still lost, unless a rule allows it).
 * - `then-without-rejection`: chained with `.then(ok)` and the chain thrown away.
 */
export type Observation =
  | { readonly kind: 'handled'; readonly how: 'yielded' | 'awaited' | 'returned' | 'passed' | 'caught' | 'used' }
  | { readonly kind: 'stored'; readonly target: TSESTree.Node }
  | { readonly kind: 'discarded'; readonly statement: TSESTree.ExpressionStatement | null }
  | { readonly kind: 'voided'; readonly operator: TSESTree.UnaryExpression }
  | { readonly kind: 'then-without-rejection'; readonly call: TSESTree.CallExpression };

/** Options of {@link observe}. */
export interface ObserveOptions {
  /** Count `void future` as deliberately handled. */
  readonly allowVoid?: boolean;
}

type Transparent = TSESTree.Node & { type: (typeof TRANSPARENT)[number] };
const TRANSPARENT = [
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.SpreadElement,
] as const;

function isTransparent(node: TSESTree.Node): node is Transparent {
  return (TRANSPARENT as readonly string[]).includes(node.type);
}

/**
 * Decides whether the Future that `node` evaluates to is observed, by walking outwards
 * through the expressions that carry it along (`a ? f() : g()`, `[f(), g()]`, `f().then(ok)`).
 *
 * @example
 * observe(callNode); // { kind: 'discarded', statement } for `fetchUser(id);`
 * observe(callNode); // { kind: 'handled', how: 'yielded' } for `yield [fetchUser(id), sleep(10)]`
 */
export function observe(node: TSESTree.Node, options: ObserveOptions = {}): Observation {
  let child: TSESTree.Node = node;
  let chainedThen: TSESTree.CallExpression | null = null;
  const lost = (statement: TSESTree.ExpressionStatement | null): Observation =>
    chainedThen ? { kind: 'then-without-rejection', call: chainedThen } : { kind: 'discarded', statement };
  for (;;) {
    const parent: TSESTree.Node | undefined = child.parent;
    if (!parent) return lost(null);
    if (isTransparent(parent)) {
      child = parent;
      continue;
    }
    switch (parent.type) {
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === child) return { kind: 'handled', how: 'used' };
        child = parent;
        continue;
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions[parent.expressions.length - 1] !== child) return lost(null);
        child = parent;
        continue;
      case AST_NODE_TYPES.Property:
        if (parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
          child = parent.parent;
          continue;
        }
        return { kind: 'handled', how: 'used' };
      case AST_NODE_TYPES.YieldExpression:
        return { kind: 'handled', how: 'yielded' };
      case AST_NODE_TYPES.AwaitExpression:
        return { kind: 'handled', how: 'awaited' };
      case AST_NODE_TYPES.ReturnStatement:
        return { kind: 'handled', how: 'returned' };
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return { kind: 'handled', how: 'returned' };
      case AST_NODE_TYPES.VariableDeclarator:
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.AccessorProperty:
        return parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id === child
          ? { kind: 'handled', how: 'used' }
          : { kind: 'stored', target: parent };
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.right === child ? { kind: 'stored', target: parent } : { kind: 'handled', how: 'used' };
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        return (parent.arguments as readonly TSESTree.Node[]).includes(child)
          ? { kind: 'handled', how: 'passed' }
          : { kind: 'handled', how: 'used' };
      case AST_NODE_TYPES.MemberExpression: {
        const call = parent.parent;
        if (parent.object !== child || call.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) {
          return { kind: 'handled', how: 'used' };
        }
        const name = memberName(parent);
        if (name === 'catch' && call.arguments.length >= 1) return { kind: 'handled', how: 'caught' };
        if (name === 'then' && call.arguments.length >= 2) return { kind: 'handled', how: 'caught' };
        if (name === 'then' || name === 'finally' || name === 'catch') {
          // The chain carries the rejection on; what happens to the chain decides.
          if (name === 'then') chainedThen = chainedThen ?? call;
          child = call;
          continue;
        }
        return { kind: 'handled', how: 'used' };
      }
      case AST_NODE_TYPES.UnaryExpression:
        if (parent.operator !== 'void') return { kind: 'handled', how: 'used' };
        return options.allowVoid ? { kind: 'handled', how: 'used' } : { kind: 'voided', operator: parent };
      case AST_NODE_TYPES.ExpressionStatement:
        return lost(parent);
      default:
        return { kind: 'handled', how: 'used' };
    }
  }
}

/** Whether an observation means the Future's errors are lost. */
export function isLost(observation: Observation): boolean {
  return observation.kind === 'discarded' || observation.kind === 'voided' || observation.kind === 'then-without-rejection';
}

/**
 * Whether a variable holding a Future is ever observed: one of its reads is yielded,
 * awaited, returned, passed on, chained with a rejection handler, or stored elsewhere.
 *
 * @example
 * const pending = fetchUser(id); doOtherWork(); yield pending;   // observed
 */
export function isVariableObserved(variable: TSESLint.Scope.Variable, options: ObserveOptions = {}): boolean {
  return variable.references.some((reference) => {
    if (!reference.isRead()) return false;
    const observation = observe(reference.identifier, options);
    return observation.kind === 'handled' || observation.kind === 'stored';
  });
}
