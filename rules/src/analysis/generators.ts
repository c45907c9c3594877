import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
// A default import: a namespace import would copy typescript's thousands of exports at load time.
import ts from 'typescript';
import { isFunction, thisClass } from './bindings';
import type { FutureAnalysis } from './futures';
import { isNeverReassigned, memberName, skipTsWrappers } from './imports';

/** A generator function's definition in the linted file, as a repair needs it. */
export type GeneratorDefinition =
  | { readonly kind: 'declaration'; readonly node: TSESTree.FunctionDeclaration }
  | { readonly kind: 'expression'; readonly node: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression }
  | { readonly kind: 'method'; readonly node: TSESTree.MethodDefinition }
  | { readonly kind: 'object-method'; readonly node: TSESTree.Property };

function keyName(key: TSESTree.Node, computed: boolean): string | null {
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  return null;
}

function classOf(analysis: FutureAnalysis, node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  const inner = skipTsWrappers(node);
  if (inner.type === AST_NODE_TYPES.ThisExpression) return thisClass(inner);
  if (inner.type === AST_NODE_TYPES.NewExpression) return classOf(analysis, inner.callee);
  if (inner.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = analysis.resolver.variableOf(inner);
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def.type === 'ClassName') return def.node;
  if (def.type === 'Variable' && def.node.init && isNeverReassigned(variable)) {
    const init = skipTsWrappers(def.node.init);
    if (init.type === AST_NODE_TYPES.ClassExpression) return init;
    if (init.type === AST_NODE_TYPES.NewExpression) return classOf(analysis, init.callee);
  }
  return null;
}

/**
 * Finds the definition of the generator function a callee calls, when the file itself
 * defines it: `function* g() {}`, `const g = function* () {}`, a class's `*m() {}` (not
 * decorated with `@coroutine`) or an object's `*m() {}`.
 *
 * @example
 * generatorDefinition(analysis, call.callee)?.kind; // 'declaration' for `function* steps() {}` ... `steps();`
 */
export function generatorDefinition(analysis: FutureAnalysis, callee: TSESTree.Node): GeneratorDefinition | null {
  const inner = skipTsWrappers(callee);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = analysis.resolver.variableOf(inner);
    if (!variable || variable.defs.length !== 1) return null;
    const def = variable.defs[0];
    if (def.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration && def.node.generator) {
      return { kind: 'declaration', node: def.node };
    }
    if (def.type === 'Variable' && def.node.init && isNeverReassigned(variable)) {
      const init = skipTsWrappers(def.node.init);
      if (init.type === AST_NODE_TYPES.FunctionExpression && init.generator) return { kind: 'expression', node: init };
    }
    return null;
  }
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = memberName(inner);
  if (name === null) return null;
  const owner = classOf(analysis, inner.object);
  if (owner) {
    const method = owner.body.body.find(
      (member): member is TSESTree.MethodDefinition =>
        member.type === AST_NODE_TYPES.MethodDefinition && keyName(member.key, member.computed) === name,
    );
    if (method && method.value.generator && !analysis.bindings.isCoroutineMember(method)) return { kind: 'method', node: method };
    return null;
  }
  const object = skipTsWrappers(inner.object);
  if (object.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = analysis.resolver.variableOf(object);
  const def = variable?.defs.length === 1 ? variable.defs[0] : null;
  if (!variable || def?.type !== 'Variable' || !def.node.init || !isNeverReassigned(variable)) return null;
  const init = skipTsWrappers(def.node.init);
  if (init.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (const property of init.properties) {
    if (property.type !== AST_NODE_TYPES.Property || keyName(property.key, property.computed) !== name) continue;
    const value = property.value;
    if (value.type === AST_NODE_TYPES.FunctionExpression && value.generator) {
      return property.method ? { kind: 'object-method', node: property } : { kind: 'expression', node: value };
    }
  }
  return null;
}

/**
 * Whether a call gives a generator object (a generator function called without
 * `coroutine(...)`): by its type when the file is typed, else by the definition.
 *
 * @example
 * callsGenerator(analysis, call); // true for `steps()` after `function* steps() {}`
 */
export function callsGenerator(analysis: FutureAnalysis, call: TSESTree.CallExpression): boolean {
  const types = analysis.types;
  if (types) {
    const type = types.typeOf(call);
    if (!types.isUnknowable(type)) {
      const parts = type.isUnion() ? type.types : [type];
      const generator = parts.some((part) => {
        const name = part.getSymbol()?.getName();
        return (name === 'Generator' || name === 'AsyncGenerator') && (part.flags & ts.TypeFlags.Object) !== 0;
      });
      return generator && !types.isDecoratedCoroutine(skipTsWrappers(call.callee));
    }
  }
  return generatorDefinition(analysis, call.callee) !== null;
}

/** Whether a function is a generator that `coroutine(...)` could wrap (not async, has a body). */
export function isWrappableGenerator(node: TSESTree.Node): boolean {
  return isFunction(node) && node.generator && !node.async;
}
