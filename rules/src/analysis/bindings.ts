import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { type ImportResolver, isNeverReassigned, memberName, skipTsWrappers } from './imports';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** Whether `node` is a function of any kind. */
export function isFunction(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

function keyName(key: TSESTree.Node, computed: boolean): string | null {
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (!computed && key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  return null;
}

/**
 * Finds the coroutines a file defines for itself: `const f = coroutine(function* () {})`,
 * object properties and class fields holding such values, and methods decorated with
 * `@coroutine`, and answers whether an expression evaluates to one of them.
 *
 * @example
 * const bindings = new CoroutineBindings(resolver);
 * bindings.isCoroutineValue(call.callee); // true for `this.fetch` inside a class with `@coroutine *fetch() {}`
 */
export class CoroutineBindings {
  constructor(private readonly resolver: ImportResolver) {}

  /** `coroutine(fn)` (under any import style). */
  isCoroutineWrapperCall(node: TSESTree.Node): node is TSESTree.CallExpression {
    const inner = skipTsWrappers(node);
    return inner.type === AST_NODE_TYPES.CallExpression && this.resolver.isExport(inner.callee, 'coroutine');
  }

  /** `@coroutine` or `@gust.coroutine` (a decorator factory call `@coroutine()` counts too). */
  isCoroutineDecorator(decorator: TSESTree.Decorator): boolean {
    const expression =
      decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression;
    return this.resolver.isExport(expression, 'coroutine');
  }

  /** A class member whose value is a coroutine: `@coroutine *m() {}` or `m = coroutine(function* () {})`. */
  isCoroutineMember(member: TSESTree.ClassElement): boolean {
    if (member.type === AST_NODE_TYPES.MethodDefinition) {
      return (member.decorators as TSESTree.Decorator[] | undefined ?? []).some((decorator) => this.isCoroutineDecorator(decorator));
    }
    if (member.type === AST_NODE_TYPES.PropertyDefinition) {
      return (
        (member.decorators as TSESTree.Decorator[] | undefined ?? []).some((decorator) => this.isCoroutineDecorator(decorator)) ||
        (member.value !== null && this.isCoroutineWrapperCall(member.value))
      );
    }
    return false;
  }

  /** Whether `fn` is the body of a coroutine: wrapped by `coroutine(...)` or a decorated method. */
  isCoroutineBody(fn: FunctionNode): boolean {
    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === fn) {
      return this.isCoroutineWrapperCall(parent);
    }
    return parent.type === AST_NODE_TYPES.MethodDefinition && parent.value === fn && this.isCoroutineMember(parent);
  }

  /** Whether evaluating `node` gives a coroutine function defined in this file (or `coroutine(...)` itself). */
  isCoroutineValue(node: TSESTree.Node, depth = 0): boolean {
    if (depth > 6) return false;
    const inner = skipTsWrappers(node);
    if (this.isCoroutineWrapperCall(inner)) return true;
    if (inner.type === AST_NODE_TYPES.Identifier) return this.isCoroutineVariable(inner, depth);
    if (inner.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(inner) ?? (inner.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${inner.property.name}` : null);
      return name !== null && this.objectHasCoroutine(skipTsWrappers(inner.object), name, depth);
    }
    if (inner.type === AST_NODE_TYPES.ChainExpression) return this.isCoroutineValue(inner.expression, depth + 1);
    return false;
  }

  private isCoroutineVariable(identifier: TSESTree.Identifier, depth: number): boolean {
    const variable = this.resolver.variableOf(identifier);
    if (!variable || variable.defs.length !== 1 || !isNeverReassigned(variable)) return false;
    const def = variable.defs[0];
    if (def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return false;
    return this.isCoroutineValue(def.node.init, depth + 1);
  }

  /** Whether `object.name` is a coroutine, for the objects a file's own code can be followed into. */
  private objectHasCoroutine(object: TSESTree.Node, name: string, depth: number): boolean {
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      const owner = thisClass(object);
      return owner !== null && this.classHasCoroutine(owner, name, depth);
    }
    if (object.type === AST_NODE_TYPES.NewExpression) {
      const owner = this.classOf(object.callee);
      return owner !== null && this.classHasCoroutine(owner, name, depth);
    }
    if (object.type === AST_NODE_TYPES.ObjectExpression) return this.literalHasCoroutine(object, name, depth);
    if (object.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = this.resolver.variableOf(object);
    if (!variable || variable.defs.length !== 1) return false;
    const def = variable.defs[0];
    if (def.type === 'ClassName') return this.classHasCoroutine(def.node, name, depth);
    if (def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier) return false;
    // `obj.run = coroutine(...)` anywhere in the file makes `obj.run` a coroutine.
    const assigned = variable.references.some((reference) => {
      const member = reference.identifier.parent;
      return (
        member.type === AST_NODE_TYPES.MemberExpression &&
        member.object === reference.identifier &&
        memberName(member) === name &&
        member.parent.type === AST_NODE_TYPES.AssignmentExpression &&
        member.parent.left === member &&
        this.isCoroutineWrapperCall(member.parent.right)
      );
    });
    if (assigned) return true;
    const init = def.node.init ? skipTsWrappers(def.node.init) : null;
    if (!init || !isNeverReassigned(variable)) return false;
    if (init.type === AST_NODE_TYPES.ClassExpression) return this.classHasCoroutine(init, name, depth);
    return this.objectHasCoroutine(init, name, depth + 1);
  }

  private literalHasCoroutine(object: TSESTree.ObjectExpression, name: string, depth: number): boolean {
    return object.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.Property &&
        keyName(property.key, property.computed) === name &&
        this.isCoroutineValue(property.value, depth + 1),
    );
  }

  private classOf(node: TSESTree.Node): ClassNode | null {
    const inner = skipTsWrappers(node);
    if (inner.type === AST_NODE_TYPES.ClassExpression) return inner;
    if (inner.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = this.resolver.variableOf(inner);
    if (!variable || variable.defs.length !== 1) return null;
    const def = variable.defs[0];
    if (def.type === 'ClassName') return def.node;
    if (def.type === 'Variable' && def.node.init && isNeverReassigned(variable)) {
      const init = skipTsWrappers(def.node.init);
      return init.type === AST_NODE_TYPES.ClassExpression ? init : null;
    }
    return null;
  }

  private classHasCoroutine(owner: ClassNode, name: string, depth: number): boolean {
    if (depth > 6) return false;
    const own = owner.body.body.find(
      (member) =>
        (member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) &&
        keyName(member.key, member.computed) === name,
    );
    if (own) return this.isCoroutineMember(own);
    const base = owner.superClass ? this.classOf(owner.superClass) : null;
    return base !== null && base !== owner && this.classHasCoroutine(base, name, depth + 1);
  }
}

/** The class whose instance `this` is at `node` (arrow functions see through to their outer `this`). */
export function thisClass(node: TSESTree.Node): ClassNode | null {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
      const owner = current.parent;
      if (owner?.type === AST_NODE_TYPES.MethodDefinition) return owner.parent.parent;
      return null;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.StaticBlock) {
      return current.parent.parent;
    }
    current = current.parent;
  }
  return null;
}
