import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { FutureAnalysis } from './futures';
import { findRuntimeImports } from './imports';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fix = TSESLint.RuleFix;

/** How the file refers to some runtime exports, and the single edit (if any) that imports the missing ones. */
export interface RuntimeNames {
  /** The expression to write for each requested export: `sleep`, `gust.sleep`, or an alias when the name is taken. */
  readonly text: Readonly<Record<string, string>>;
  /** Edits adding the missing imports; empty when everything is already in reach. */
  readonly fixes: readonly Fix[];
}

function moduleLevelVariables(sourceCode: SourceCode): TSESLint.Scope.Variable[] {
  const global = sourceCode.scopeManager?.globalScope;
  if (!global) return [];
  const module = global.childScopes.find((scope) => scope.type === 'module');
  return [...global.variables, ...(module?.variables ?? [])];
}

/**
 * Makes several runtime exports (`IOLoop`, `coroutine`, `sleep`...) available at `at` at
 * once: reuses what the file imports (named, renamed, namespace, default, `require`) and
 * adds the rest in one edit, in the file's own module style, so a repair that needs three
 * names adds one import line rather than three. `runtimeReference` in `fixes.ts` is its
 * one-name form.
 *
 * @example
 * const names = runtimeNames(fixer, context, analysis, node, ['IOLoop', 'coroutine', 'sleep']);
 * return [...names.fixes, fixer.replaceText(node, `${names.text.IOLoop}.current().spawnCallback(...)`)];
 */
export function runtimeNames(
  fixer: TSESLint.RuleFixer,
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  analysis: FutureAnalysis,
  at: TSESTree.Node,
  exports: readonly string[],
): RuntimeNames {
  const sourceCode = context.sourceCode;
  const scopeAt = sourceCode.getScope(at);
  const visible = (variable: TSESLint.Scope.Variable): boolean => ASTUtils.findVariable(scopeAt, variable.name) === variable;
  const variables = moduleLevelVariables(sourceCode).filter((variable) => variable.defs.length === 1);
  const text: Record<string, string> = {};
  const missing: string[] = [];
  const namespace = variables.find(
    (variable) => analysis.resolver.resolve(variable.defs[0].name)?.kind === 'namespace' && visible(variable),
  );
  for (const name of exports) {
    const imported = variables.find((variable) => analysis.resolver.isExport(variable.defs[0].name, name) && visible(variable));
    if (imported) text[name] = imported.name;
    else if (namespace) text[name] = `${namespace.name}.${name}`;
    else missing.push(name);
  }
  if (missing.length === 0) return { text, fixes: [] };

  const taken = (candidate: string): boolean =>
    ASTUtils.findVariable(scopeAt, candidate) !== null || variables.some((variable) => variable.name === candidate);
  const local = new Map<string, string>();
  for (const name of missing) {
    const capital = `${name[0].toUpperCase()}${name.slice(1)}`;
    const alias = [name, `Gust${capital}`, `Gust${capital}_`].find((candidate) => !taken(candidate)) ?? `Gust${capital}__`;
    local.set(name, alias);
    text[name] = alias;
  }
  const imports = findRuntimeImports(sourceCode.ast, analysis.resolver);
  const esmList = (separator: string): string =>
    missing.map((name) => (local.get(name) === name ? name : `${name}${separator}${local.get(name)}`)).join(', ');

  const named = imports.esm.find((declaration) =>
    declaration.specifiers.some((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier),
  );
  if (named) {
    const specifiers = named.specifiers.filter((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier);
    return { text, fixes: [fixer.insertTextAfter(specifiers[specifiers.length - 1], `, ${esmList(' as ')}`)] };
  }
  for (const statement of imports.commonjs) {
    for (const declarator of statement.declarations) {
      const properties = declarator.id.type === AST_NODE_TYPES.ObjectPattern ? declarator.id.properties : [];
      if (properties.length > 0 && properties.every((property) => property.type === AST_NODE_TYPES.Property)) {
        return { text, fixes: [fixer.insertTextAfter(properties[properties.length - 1], `, ${esmList(': ')}`)] };
      }
    }
  }
  const runtime = analysis.settings.runtimeModules[0];
  const sample = imports.lastImport ? sourceCode.getText(imports.lastImport) : null;
  const quote = sample && /require\(\s*"|from\s*"|^import\s*"/.test(sample) ? '"' : "'";
  const semicolon = sample === null || sample.trimEnd().endsWith(';') ? ';' : '';
  const filename = context.filename;
  const commonjs =
    !imports.isEsm &&
    (imports.usesRequire ||
      /\.c[jt]s$/.test(filename) ||
      // A script cannot hold an import declaration; TypeScript files compile either way.
      (!/\.m?tsx?$/.test(filename) && context.languageOptions.sourceType !== 'module'));
  const declaration = commonjs
    ? `const { ${esmList(': ')} } = require(${quote}${runtime}${quote})${semicolon}`
    : `import { ${esmList(' as ')} } from ${quote}${runtime}${quote}${semicolon}`;
  if (imports.lastImport) return { text, fixes: [fixer.insertTextAfter(imports.lastImport, `\n${declaration}`)] };
  const body = sourceCode.ast.body;
  const first = body.find((statement) => !(statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined));
  if (first && first !== body[0]) {
    return { text, fixes: [fixer.insertTextAfter(body[body.indexOf(first) - 1], `\n${declaration}`)] };
  }
  const start = first ? first.range[0] : 0;
  return { text, fixes: [fixer.insertTextBeforeRange([start, start], `${declaration}\n`)] };
}
