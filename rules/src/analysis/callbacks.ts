import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import * as ts from 'typescript';
import { isFunction, thisClass } from './bindings';
import type { FutureAnalysis } from './futures';
import { isNeverReassigned, memberName, skipTsWrappers } from './imports';
import { walk } from './walk';

type SourceCode = Readonly<TSESLint.SourceCode>;
type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/**
 * An API that calls a function it is given and throws away what that function returns.
 * `forwards` says whether it calls the function with arguments of its own (listeners,
 * `forEach`) or with the extra arguments given after the delay (`setTimeout(fn, ms, a)`).
 *
 * @example
 * { api: 'setTimeout', index: 0, forwards: 'extra' }
 */
export interface IgnoringApi {
  /** The name users know it by: `setTimeout`, `process.nextTick`, `on`, `forEach`. */
  readonly api: string;
  /** Which argument is the callback. */
  readonly index: number;
  /** `'always'`: the API passes its own arguments; `'extra'`: only when the call has more arguments than the callback's; `'never'`. */
  readonly forwards: 'always' | 'extra' | 'never';
}

const TIMERS: Readonly<Record<string, IgnoringApi>> = {
  setTimeout: { api: 'setTimeout', index: 0, forwards: 'extra' },
  setInterval: { api: 'setInterval', index: 0, forwards: 'extra' },
  setImmediate: { api: 'setImmediate', index: 0, forwards: 'extra' },
  queueMicrotask: { api: 'queueMicrotask', index: 0, forwards: 'never' },
};

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);

/** True when `identifier` is not declared in the file, so it names the global. */
export function isGlobalIdentifier(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  return !variable || variable.defs.length === 0;
}

/** `name` as an undeclared global, or as `globalThis.name` / `global.name` / `window.name`. */
export function isGlobalName(sourceCode: SourceCode, node: TSESTree.Node, name: string): boolean {
  const inner = skipTsWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === name && isGlobalIdentifier(sourceCode, inner);
  if (inner.type !== AST_NODE_TYPES.MemberExpression || memberName(inner) !== name) return false;
  const object = skipTsWrappers(inner.object);
  return (
    object.type === AST_NODE_TYPES.Identifier &&
    ['globalThis', 'global', 'window', 'self'].includes(object.name) &&
    isGlobalIdentifier(sourceCode, object)
  );
}

/**
 * Which callback-ignoring API `call` is (timers, `process.nextTick`, event listeners,
 * `forEach`), or null. Timers and `process` must be the globals, not local look-alikes.
 *
 * @example
 * ignoringApi(sourceCode, call); // { api: 'on', index: 1, forwards: 'always' } for `emitter.on('data', handle)`
 */
export function ignoringApi(sourceCode: SourceCode, call: TSESTree.CallExpression): IgnoringApi | null {
  const callee = skipTsWrappers(call.callee);
  for (const name of Object.keys(TIMERS)) {
    if (isGlobalName(sourceCode, callee, name)) return TIMERS[name];
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = memberName(callee);
  if (name === null) return null;
  if (name === 'nextTick' && isGlobalName(sourceCode, callee.object, 'process')) {
    return { api: 'process.nextTick', index: 0, forwards: 'extra' };
  }
  if (LISTENER_METHODS.has(name)) return { api: name, index: 1, forwards: 'always' };
  if (name === 'forEach') return { api: 'forEach', index: 0, forwards: 'always' };
  return null;
}

/** The `return` statements that belong to `fn` itself (not to functions nested in it). */
function ownReturns(sourceCode: SourceCode, fn: FunctionNode): TSESTree.ReturnStatement[] {
  const found: TSESTree.ReturnStatement[] = [];
  walk(sourceCode, fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement) found.push(node);
    return node === fn.body || !(isFunction(node) || node.type === AST_NODE_TYPES.ClassBody);
  });
  return found;
}

/**
 * Whether calling `node` gives a Future: a coroutine (shared analysis), or a plain
 * function or arrow written in place whose body returns one (`() => refresh(id)`).
 * Generators and async functions are not coroutines here.
 *
 * @example
 * returnsFuture(analysis, arrow); // true for `() => fetchUser(id)` when fetchUser is a coroutine
 */
export function returnsFuture(analysis: FutureAnalysis, node: TSESTree.Node): boolean {
  const inner = skipTsWrappers(node);
  if (isFunction(inner)) {
    if (inner.generator || inner.async) return false;
    if (analysis.isCoroutineFunction(inner)) return true;
    if (inner.body.type !== AST_NODE_TYPES.BlockStatement) return analysis.futureSource(inner.body) !== null;
    return ownReturns(analysis.sourceCode, inner).some((statement) => statement.argument !== null && analysis.futureSource(statement.argument) !== null);
  }
  return analysis.isCoroutineFunction(inner);
}

/** Whether a type (or every member of its union) is an Array or a tuple. */
function isArrayType(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.isUnion()) return type.types.every((part) => isArrayType(checker, part));
  return checker.isArrayType(type) || checker.isTupleType(type);
}

const ARRAY_RETURNING_METHODS = new Set([
  'map',
  'filter',
  'slice',
  'concat',
  'flat',
  'flatMap',
  'split',
  'toSorted',
  'toReversed',
  'toSpliced',
  'keys',
]);

/**
 * Whether `node` is known to be an array, so `.map` is there to call: its type says so
 * (typed linting), or the code shows it (a literal, `Array.from`, `Object.keys`, a
 * `.map`/`.filter`/`.split` result, a `T[]` annotation, or a constant holding one).
 *
 * @example
 * isKnownArray(analysis, node); // true for `items` after `const items = ids.map(load)`
 */
export function isKnownArray(analysis: FutureAnalysis, node: TSESTree.Node, depth = 0): boolean {
  const inner = skipTsWrappers(node);
  if (analysis.types) {
    const services = analysis.types.services;
    return isArrayType(services.program.getTypeChecker(), services.getTypeAtLocation(inner));
  }
  if (depth > 4) return false;
  switch (inner.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return true;
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipTsWrappers(inner.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const name = memberName(callee);
      const object = skipTsWrappers(callee.object);
      if (object.type === AST_NODE_TYPES.Identifier && (object.name === 'Array' || object.name === 'Object')) {
        return (
          (object.name === 'Array' && (name === 'from' || name === 'of')) ||
          (object.name === 'Object' && (name === 'keys' || name === 'values' || name === 'entries'))
        );
      }
      return name !== null && name !== 'keys' && ARRAY_RETURNING_METHODS.has(name);
    }
    case AST_NODE_TYPES.Identifier:
      return isArrayVariable(analysis, inner, depth);
    default:
      return false;
  }
}

function isArrayAnnotation(annotation: TSESTree.TypeNode | undefined): boolean {
  if (!annotation) return false;
  if (annotation.type === AST_NODE_TYPES.TSArrayType || annotation.type === AST_NODE_TYPES.TSTupleType) return true;
  if (annotation.type === AST_NODE_TYPES.TSTypeOperator && annotation.operator === 'readonly') {
    return isArrayAnnotation(annotation.typeAnnotation);
  }
  return (
    annotation.type === AST_NODE_TYPES.TSTypeReference &&
    annotation.typeName.type === AST_NODE_TYPES.Identifier &&
    (annotation.typeName.name === 'Array' || annotation.typeName.name === 'ReadonlyArray')
  );
}

function isArrayVariable(analysis: FutureAnalysis, identifier: TSESTree.Identifier, depth: number): boolean {
  const variable = analysis.resolver.variableOf(identifier);
  if (!variable || variable.defs.length !== 1) return false;
  const def = variable.defs[0];
  const name = def.name;
  if (name.type === AST_NODE_TYPES.Identifier && isArrayAnnotation(name.typeAnnotation?.typeAnnotation)) return true;
  if (def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return false;
  return isNeverReassigned(variable) && isKnownArray(analysis, def.node.init, depth + 1);
}

/** Whether a type (or a member of its union) has a callable `then`: a Promise or any other thenable. */
function isThenableType(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.isUnion()) return type.types.some((part) => isThenableType(checker, part));
  const then = checker.getApparentType(type).getProperty('then');
  return then !== undefined && checker.getTypeOfSymbol(then).getCallSignatures().length > 0;
}

/**
 * Whether calling `node` gives a Future or a Promise: a coroutine, an `async` function
 * (written in place or declared in this file), a function whose body returns a Future,
 * or, with type information, anything whose call signature returns a thenable.
 *
 * @example
 * returnsFutureOrPromise(analysis, node); // true for `async () => { await ping(); }`
 */
export function returnsFutureOrPromise(analysis: FutureAnalysis, node: TSESTree.Node): 'Future' | 'Promise' | null {
  const inner = skipTsWrappers(node);
  if (returnsFuture(analysis, inner)) return 'Future';
  if (isFunction(inner)) {
    if (inner.async && !inner.generator) return 'Promise';
  } else if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = analysis.resolver.variableOf(inner);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type === 'FunctionName' && def.node.async && !def.node.generator) return 'Promise';
    if (def?.type === 'Variable' && variable && isNeverReassigned(variable) && def.node.init) {
      const init = skipTsWrappers(def.node.init);
      if (isFunction(init) && init.async && !init.generator) return 'Promise';
    }
  }
  if (analysis.types) {
    const checker = analysis.types.services.program.getTypeChecker();
    const type = analysis.types.typeOf(inner);
    const parts = type.isUnion() ? type.types : [type];
    const thenable = parts.some((part) =>
      part.getCallSignatures().some((signature) => isThenableType(checker, checker.getReturnTypeOfSignature(signature))),
    );
    if (thenable) return 'Promise';
  }
  return null;
}

/** A parameter a wrapper can copy: its name, and its type annotation's text when it has one. */
export interface CopiedParameter {
  readonly name: string;
  readonly type: string | null;
}

/** A function's parameters as plain names (with their annotations), or null when one is a rest element or a pattern. */
function simpleParameters(sourceCode: SourceCode, fn: FunctionNode): CopiedParameter[] | null {
  const copied: CopiedParameter[] = [];
  for (const param of fn.params) {
    const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (target.type !== AST_NODE_TYPES.Identifier) return null;
    const annotation = target.typeAnnotation?.typeAnnotation;
    copied.push({ name: target.name, type: annotation ? sourceCode.getText(annotation) : null });
  }
  return copied;
}

/** The function a value is defined by in this file: itself, the generator inside `coroutine(...)`, a variable's initializer. */
function definingFunction(analysis: FutureAnalysis, node: TSESTree.Node, depth = 0): FunctionNode | null {
  const inner = skipTsWrappers(node);
  if (isFunction(inner)) return inner;
  if (depth > 4) return null;
  if (analysis.bindings.isCoroutineWrapperCall(inner)) {
    const wrapped = inner.arguments[0];
    return wrapped ? definingFunction(analysis, wrapped, depth + 1) : null;
  }
  if (inner.type === AST_NODE_TYPES.MemberExpression && inner.object.type === AST_NODE_TYPES.ThisExpression) {
    // `this.refresh` inside a class: the method or field of that class with that name.
    const owner = thisClass(inner.object);
    const name = memberName(inner);
    const member = owner?.body.body.find(
      (element) =>
        (element.type === AST_NODE_TYPES.MethodDefinition || element.type === AST_NODE_TYPES.PropertyDefinition) &&
        !element.computed &&
        element.key.type === AST_NODE_TYPES.Identifier &&
        element.key.name === name,
    );
    if (member?.type === AST_NODE_TYPES.MethodDefinition) return member.value.type === AST_NODE_TYPES.FunctionExpression ? member.value : null;
    return member?.type === AST_NODE_TYPES.PropertyDefinition && member.value ? definingFunction(analysis, member.value, depth + 1) : null;
  }
  if (inner.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = analysis.resolver.variableOf(inner);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type === 'FunctionName') return isFunction(def.node) ? def.node : null;
  if (def?.type === 'Variable' && variable && isNeverReassigned(variable) && def.node.init) {
    return definingFunction(analysis, def.node.init, depth + 1);
  }
  return null;
}

/**
 * The parameters a callback declares, so a wrapper can take exactly those (with the same
 * annotations) and pass them on: a wrapper taking `...args`, or parameters typed from the
 * API's listener type, may not type-check where the callback itself did. Read from the
 * function this file defines, or from the callback's type (names only). Null when
 * unknown or when it takes a rest parameter.
 *
 * @example
 * parameterNames(analysis, node); // [{ name: 'item', type: 'string' }] for `save` after `const save = coroutine(function* (item: string) {})`
 */
export function parameterNames(analysis: FutureAnalysis, node: TSESTree.Node): CopiedParameter[] | null {
  const defining = definingFunction(analysis, node);
  if (defining) return simpleParameters(analysis.sourceCode, defining);
  if (!analysis.types) return null;
  const signatures = analysis.types.typeOf(skipTsWrappers(node)).getCallSignatures();
  if (signatures.length !== 1) return null;
  const copied: CopiedParameter[] = [];
  for (const parameter of signatures[0].getParameters()) {
    const declaration = parameter.valueDeclaration;
    if (!declaration || !ts.isParameter(declaration) || declaration.dotDotDotToken || !ts.isIdentifier(declaration.name)) return null;
    copied.push({ name: parameter.getName(), type: null });
  }
  return copied;
}
