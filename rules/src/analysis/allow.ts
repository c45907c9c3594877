import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import * as path from 'node:path';
// A default import: a namespace import would copy typescript's thousands of exports at load time.
import ts from 'typescript';
import { calleePath, type FutureAnalysis } from './futures';
import { memberName, skipTsWrappers } from './imports';
import { packageNameOf } from './types';

/**
 * One entry of a rule's `allow` option: a plain name (`"fireAndForget"`, `"db.query"`) or
 * a specifier in typescript-eslint's format: `{ from: "package", name: "warmCache", package:
 * "@acme/cache" }`, `{ from: "file", name: "legacyJob", path?: "src/jobs.ts" }`, `{ from:
 * "lib", name: "setTimeout" }`.
 */
export type AllowEntry = TypeOrValueSpecifier;

/**
 * The JSON schema of the shared `allow` option (typescript-eslint's specifier schema).
 *
 * @example
 * schema: [{ type: 'object', properties: { allow: allowOptionSchema }, additionalProperties: false }]
 */
export const allowOptionSchema: JSONSchema4 = {
  type: 'array',
  description: 'Calls that are known to be safe: plain names or { from, name, package?, path? } specifiers.',
  items: {
    oneOf: [
      { type: 'string' },
      specifierSchema('file', { path: { type: 'string' } }, []),
      specifierSchema('lib', {}, []),
      specifierSchema('package', { package: { type: 'string' } }, ['package']),
    ],
  },
};

/** The schema of one `{ from, name, ... }` specifier, in typescript-eslint's shape. */
/**
 * The whole `schema` of a rule whose only option is `allow`.
 *
 * @example
 * meta: { schema: allowOnlySchema, ... }, defaultOptions: [{ allow: [] }]
 */
export const allowOnlySchema: JSONSchema4[] = [
  { type: 'object', properties: { allow: allowOptionSchema }, additionalProperties: false },
];

function specifierSchema(from: string, extra: Record<string, JSONSchema4>, required: string[]): JSONSchema4 {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      from: { type: 'string', enum: [from] },
      name: {
        oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true }],
      },
      ...extra,
    },
    required: ['from', 'name', ...required],
  };
}

function names(entry: Exclude<AllowEntry, string>): readonly string[] {
  return typeof entry.name === 'string' ? [entry.name] : entry.name;
}

/** The name a callee is called by: `f` for `f()`, `run` for `obj.run()`. */
function staticName(callee: TSESTree.Node): string | null {
  const inner = skipTsWrappers(callee);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return memberName(inner);
  if (inner.type === AST_NODE_TYPES.ChainExpression) return staticName(inner.expression);
  return null;
}

function declarationsOf(analysis: FutureAnalysis, callee: TSESTree.Node): readonly ts.Declaration[] | null {
  if (!analysis.types) return null;
  const services = analysis.types.services;
  const inner = skipTsWrappers(callee);
  const target = inner.type === AST_NODE_TYPES.MemberExpression ? inner.property : inner;
  const checker = services.program.getTypeChecker();
  let symbol = checker.getSymbolAtLocation(services.esTreeNodeToTSNodeMap.get(target));
  if (symbol && (symbol.flags & ts.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
  return symbol?.getDeclarations() ?? null;
}

function matchesEntry(analysis: FutureAnalysis, callee: TSESTree.Node, entry: AllowEntry, filename: string, cwd: string): boolean {
  const name = staticName(callee);
  if (name === null) return false;
  if (typeof entry === 'string') return entry.includes('.') ? calleePath(callee) === entry : entry === name;
  if (!names(entry).includes(name)) return false;
  const declarations = declarationsOf(analysis, callee);
  const inner = skipTsWrappers(callee);
  switch (entry.from) {
    case 'package': {
      if (declarations) {
        return declarations.some((declaration) => {
          const owner = packageNameOf(declaration.getSourceFile().fileName);
          return owner === entry.package;
        });
      }
      const ref = analysis.resolver.resolveModule(inner);
      return ref !== null && (ref.module === entry.package || ref.module.startsWith(`${entry.package}/`));
    }
    case 'file': {
      const wanted = entry.path ? path.resolve(cwd, entry.path) : null;
      if (declarations) {
        return declarations.some((declaration) => {
          const file = declaration.getSourceFile();
          return !analysis.types?.services.program.isSourceFileFromExternalLibrary(file) &&
            !file.isDeclarationFile &&
            (wanted === null || path.resolve(file.fileName) === wanted);
        });
      }
      if (wanted !== null && path.resolve(cwd, filename) !== wanted) return false;
      // Without types, "declared in this file" is all that can be checked.
      const root = inner.type === AST_NODE_TYPES.Identifier ? inner : null;
      const variable = root ? analysis.resolver.variableOf(root) : null;
      return root === null || (variable !== null && variable.defs.every((def) => def.type !== 'ImportBinding'));
    }
    case 'lib': {
      if (declarations) {
        return declarations.some((declaration) =>
          analysis.types?.services.program.isSourceFileDefaultLibrary(declaration.getSourceFile()),
        );
      }
      const root = inner.type === AST_NODE_TYPES.Identifier ? inner : null;
      const variable = root ? analysis.resolver.variableOf(root) : null;
      return variable === null || variable.defs.length === 0;
    }
  }
}

/**
 * Whether a call's callee is listed in a rule's `allow` option.
 *
 * @example
 * if (isAllowed(analysis, call.callee, options.allow, context.filename, context.cwd)) return;
 */
export function isAllowed(
  analysis: FutureAnalysis,
  callee: TSESTree.Node,
  allow: readonly AllowEntry[] | undefined,
  filename: string,
  cwd: string,
): boolean {
  return (allow ?? []).some((entry) => matchesEntry(analysis, callee, entry, filename, cwd));
}
