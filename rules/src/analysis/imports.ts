import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

/**
 * What an expression refers to in the runtime module: the module object itself (a
 * namespace import, a default import, `require('gust')`) or one of its exports.
 */
export type RuntimeRef = { readonly kind: 'namespace' } | { readonly kind: 'export'; readonly name: string };

/**
 * What an expression refers to in any module: `name` null is the module object itself.
 *
 * @example
 * // import { readFileSync as read } from 'node:fs';  read  ->  { module: 'node:fs', name: 'readFileSync' }
 */
export interface ModuleRef {
  readonly module: string;
  readonly name: string | null;
}

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

const NAMESPACE: RuntimeRef = { kind: 'namespace' };

/** Unwraps TypeScript-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) that do not change the value. */
export function skipTsWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSInstantiationExpression
  ) {
    current = current.expression;
  }
  return current;
}

/** The property name of a member access (`a.b`, `a['b']`, `a?.b`), or null when it is computed from a value. */
export function memberName(node: TSESTree.MemberExpression): string | null {
  if (!node.computed) return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : null;
  return node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string'
    ? node.property.value
    : null;
}

/** `require('x')` with a string literal: returns `'x'`. */
export function requiredModule(node: TSESTree.Node): string | null {
  const inner = skipTsWrappers(node);
  if (
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.callee.type === AST_NODE_TYPES.Identifier &&
    inner.callee.name === 'require' &&
    inner.arguments.length === 1 &&
    inner.arguments[0].type === AST_NODE_TYPES.Literal &&
    typeof inner.arguments[0].value === 'string'
  ) {
    return inner.arguments[0].value;
  }
  return null;
}

function propertyKeyName(property: TSESTree.Property): string | null {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') return property.key.value;
  return null;
}

/** True when a variable is never reassigned after its declaration, so its initializer says what it holds. */
export function isNeverReassigned(variable: Variable): boolean {
  return variable.references.every((reference) => !reference.isWrite() || reference.init === true);
}

/**
 * Resolves identifiers and member accesses to the runtime's exports, following every
 * import style through the scope manager, so a local binding that merely shares a name
 * (`function sleep() {}`) never counts.
 *
 * @example
 * const resolver = new ImportResolver(context.sourceCode, ['gust']);
 * resolver.resolve(callExpression.callee); // { kind: 'export', name: 'sleep' } for `s(10)` after `import { sleep as s } from 'gust'`
 */
export class ImportResolver {
  private readonly cache = new Map<TSESTree.Node, ModuleRef | null>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    /** Module specifiers that count as the runtime; `gust/sub/path` counts for `gust`. */
    readonly runtimeModules: readonly string[],
  ) {}

  /** Whether `specifier` names the runtime or a file inside it. */
  isRuntimeModule(specifier: string): boolean {
    return this.runtimeModules.some((name) => specifier === name || specifier.startsWith(`${name}/`));
  }

  /** The variable an identifier refers to, found from the scope the identifier is in. */
  variableOf(identifier: TSESTree.Identifier): Variable | null {
    const scope: Scope = this.sourceCode.getScope(identifier);
    return ASTUtils.findVariable(scope, identifier);
  }

  /** What `node` refers to in the runtime, or null when it is not the runtime's. */
  resolve(node: TSESTree.Node): RuntimeRef | null {
    const ref = this.resolveModule(node);
    if (ref === null || !this.isRuntimeModule(ref.module)) return null;
    return ref.name === null ? NAMESPACE : { kind: 'export', name: ref.name };
  }

  /** What `node` refers to in whichever module it was imported or required from. */
  resolveModule(node: TSESTree.Node): ModuleRef | null {
    if (this.cache.has(node)) return this.cache.get(node) ?? null;
    this.cache.set(node, null); // a cycle (`const a = b, b = a`) resolves to nothing
    const result = this.compute(skipTsWrappers(node), 0);
    this.cache.set(node, result);
    return result;
  }

  /** True when `node` is the runtime export `name` (`IOLoop`, `gust.IOLoop`, a renamed import...). */
  isExport(node: TSESTree.Node, name: string): boolean {
    const ref = this.resolve(node);
    return ref !== null && ref.kind === 'export' && ref.name === name;
  }

  private compute(node: TSESTree.Node, depth: number): ModuleRef | null {
    if (depth > 8) return null;
    const module = requiredModule(node);
    if (module !== null) return { module, name: null };
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(node);
      if (name === null) return null;
      const object = this.compute(skipTsWrappers(node.object), depth + 1);
      if (object === null || object.name !== null) return null;
      return { module: object.module, name: name === 'default' ? null : name };
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = this.variableOf(node);
    if (!variable || variable.defs.length !== 1) return null;
    return this.fromDefinition(variable, depth);
  }

  private fromDefinition(variable: Variable, depth: number): ModuleRef | null {
    const def = variable.defs[0];
    if (def.type === 'ImportBinding') {
      const declaration = def.node;
      if (declaration.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
        const reference = declaration.moduleReference;
        return reference.type === AST_NODE_TYPES.TSExternalModuleReference &&
          reference.expression.type === AST_NODE_TYPES.Literal &&
          typeof reference.expression.value === 'string'
          ? { module: reference.expression.value, name: null }
          : null;
      }
      const source = declaration.parent;
      if (source.type !== AST_NODE_TYPES.ImportDeclaration) return null;
      const module = source.source.value;
      if (declaration.type === AST_NODE_TYPES.ImportSpecifier) {
        const imported =
          declaration.imported.type === AST_NODE_TYPES.Identifier ? declaration.imported.name : declaration.imported.value;
        return { module, name: imported === 'default' ? null : imported };
      }
      // A default import of a CommonJS module is the module object (esModuleInterop).
      return { module, name: null };
    }
    if (def.type !== 'Variable' || !isNeverReassigned(variable)) return null;
    const declarator = def.node;
    if (!declarator.init) return null;
    if (declarator.id.type === AST_NODE_TYPES.Identifier) return this.compute(skipTsWrappers(declarator.init), depth + 1);
    if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return null;
    const source = this.compute(skipTsWrappers(declarator.init), depth + 1);
    if (source === null || source.name !== null) return null;
    for (const property of declarator.id.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value === def.name) {
        const key = propertyKeyName(property);
        return key === null ? null : { module: source.module, name: key };
      }
    }
    return null;
  }
}

/**
 * What the file already has in scope for the runtime, used to add imports in its own style.
 *
 * @example
 * findRuntimeImports(sourceCode.ast, resolver).esm // the first `import ... from 'gust'`, if any
 */
export interface RuntimeImports {
  /** ESM import declarations of the runtime, in source order. */
  readonly esm: readonly TSESTree.ImportDeclaration[];
  /** Top-level `const x = require('gust')` / `const { a } = require('gust')` declarations. */
  readonly commonjs: readonly TSESTree.VariableDeclaration[];
  /** Whether the file is written as an ES module (has imports or exports). */
  readonly isEsm: boolean;
  /** Whether the file uses `require` at its top level. */
  readonly usesRequire: boolean;
  /** The last import declaration, or the last top-level `require` statement, after which a new one goes. */
  readonly lastImport: TSESTree.Node | null;
}

/** Collects the runtime's imports at the file's top level. */
export function findRuntimeImports(program: TSESTree.Program, resolver: ImportResolver): RuntimeImports {
  const esm: TSESTree.ImportDeclaration[] = [];
  const commonjs: TSESTree.VariableDeclaration[] = [];
  let isEsm = false;
  let usesRequire = false;
  let lastImport: TSESTree.Node | null = null;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      isEsm = true;
      lastImport = statement;
      if (resolver.isRuntimeModule(statement.source.value) && statement.importKind !== 'type') esm.push(statement);
    } else if (
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      statement.type === AST_NODE_TYPES.ExportAllDeclaration
    ) {
      isEsm = true;
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      const required = statement.declarations.map((d) => (d.init ? requiredModule(d.init) : null));
      if (required.some((m) => m !== null)) {
        usesRequire = true;
        if (!isEsm) lastImport = statement;
        if (required.some((m) => m !== null && resolver.isRuntimeModule(m))) commonjs.push(statement);
      }
    }
  }
  return { esm, commonjs, isEsm, usesRequire, lastImport };
}
