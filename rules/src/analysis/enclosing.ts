import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { type CoroutineBindings, isFunction } from './bindings';

/**
 * Where a node runs, which decides the repairs on offer: `yield` inside a coroutine or
 * generator, `await` inside an async function, `runSync` at a module's top level.
 * - `coroutine`: the body of `coroutine(function* () {})` or an `@coroutine` method
 * - `generator`: any other generator function
 * - `async`: an async function (an async generator is `async` too: `yield` there does not wait)
 * - `function`: any other function, class field initializer or static block
 * - `module`: the file's top level
 */
export type EnclosingKind = 'coroutine' | 'generator' | 'async' | 'function' | 'module';

/** The innermost function-like scope around a node, and its kind. */
export interface Enclosing {
  readonly kind: EnclosingKind;
  /** The function, or null at the module level and in class field initializers and static blocks. */
  readonly fn: TSESTree.FunctionLike | null;
}

/**
 * Finds where `node` runs.
 *
 * @example
 * enclosing(call, analysis.bindings).kind; // 'coroutine' inside `coroutine(function* () { f(); })`
 */
export function enclosing(node: TSESTree.Node, bindings: CoroutineBindings): Enclosing {
  let current: TSESTree.Node | undefined = node.parent;
  let previous: TSESTree.Node = node;
  while (current) {
    if (isFunction(current)) {
      // Neither `yield` nor `await` may appear in a parameter's default value.
      if (current.body !== previous) return { kind: 'function', fn: current };
      if (current.async) return { kind: 'async', fn: current };
      if (current.generator) {
        return { kind: bindings.isCoroutineBody(current) ? 'coroutine' : 'generator', fn: current };
      }
      return { kind: 'function', fn: current };
    }
    if (current.type === AST_NODE_TYPES.StaticBlock) return { kind: 'function', fn: null };
    if (
      (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.AccessorProperty) &&
      current.value === previous
    ) {
      return { kind: 'function', fn: null };
    }
    previous = current;
    current = current.parent;
  }
  return { kind: 'module', fn: null };
}

/** Whether `yield` can be written at `node` (inside a generator that is not async). */
export function canYield(kind: EnclosingKind): boolean {
  return kind === 'coroutine' || kind === 'generator';
}
