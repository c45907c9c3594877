import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { type AllowEntry, allowOnlySchema, isAllowed } from '../analysis/allow';
import { isFunction } from '../analysis/bindings';
import { returnsFutureOrPromise } from '../analysis/callbacks';
import { indentOf, orphanComments, reindented } from '../analysis/fix-text';
import { getAnalysis } from '../analysis/futures';
import { memberName, skipTsWrappers } from '../analysis/imports';
import { runtimeNames } from '../analysis/runtime-names';
import { walk } from '../analysis/walk';
import { createRule, type GustRule } from '../util/create-rule';

type MessageIds = 'periodicCoroutine' | 'rewriteAsLoop';
type Options = [{ allow?: AllowEntry[] }];

/** Where the rewrite goes: the statement replaced, and a declaration to delete with it. */
interface RewritePlan {
  readonly replaced: TSESTree.Statement;
  readonly removed: TSESTree.VariableDeclaration | null;
}

const STATEMENT_LISTS: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.BlockStatement,
  AST_NODE_TYPES.Program,
  AST_NODE_TYPES.StaticBlock,
  AST_NODE_TYPES.SwitchCase,
]);

function statementList(node: TSESTree.Node): readonly TSESTree.Node[] | null {
  const parent = node.parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program || parent.type === AST_NODE_TYPES.StaticBlock) {
    return parent.body;
  }
  return parent.type === AST_NODE_TYPES.SwitchCase ? parent.consequent : null;
}

/** `x.start()` as a whole statement. */
function isStartStatement(node: TSESTree.Node, object: (candidate: TSESTree.Node) => boolean): node is TSESTree.ExpressionStatement {
  if (node.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const call = node.expression;
  return (
    call.type === AST_NODE_TYPES.CallExpression &&
    call.arguments.length === 0 &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    !call.callee.optional &&
    memberName(call.callee) === 'start' &&
    object(call.callee.object)
  );
}

/** The `this`, `super` and `arguments` that belong to the code around `root`, not to functions nested in it. */
function outerContext(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node): { thisNodes: TSESTree.ThisExpression[]; blocked: boolean } {
  const thisNodes: TSESTree.ThisExpression[] = [];
  let blocked = false;
  walk(sourceCode, root, (node) => {
    if (node.type === AST_NODE_TYPES.ThisExpression) thisNodes.push(node);
    if (node.type === AST_NODE_TYPES.Super || node.type === AST_NODE_TYPES.MetaProperty) blocked = true;
    if (node.type === AST_NODE_TYPES.Identifier && node.name === 'arguments') blocked = true;
    // A non-arrow function or a class has its own `this` and `arguments`.
    return node === root || !((isFunction(node) && node.type !== AST_NODE_TYPES.ArrowFunctionExpression) || node.type === AST_NODE_TYPES.ClassBody);
  });
  return { thisNodes, blocked };
}

/**
 * Reports coroutines, async functions and other Future- or Promise-returning functions
 * given to `PeriodicCallback`, which never waits for them, and suggests Tornado's
 * `while (true) { yield work(); yield sleep(ms); }` loop started with `spawnCallback`.
 *
 * @example
 * // reported: new PeriodicCallback(poll, 1000).start();
 * // suggested: IOLoop.current().spawnCallback(coroutine(function* () { while (true) { yield poll(); yield sleep(1000); } }));
 */
export const rule: GustRule<MessageIds, Options> = createRule<Options, MessageIds>({
  name: 'no-coroutine-periodic-callback',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow coroutines and other Future- or Promise-returning functions in PeriodicCallback',
      recommended: true,
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      periodicCoroutine:
        'PeriodicCallback does not wait for the {{kind}} this function returns: slow runs overlap with the next ones. Use a loop that yields the work and then sleeps.',
      rewriteAsLoop: 'Rewrite as a `while (true)` loop that yields the work and `sleep`s, started with `spawnCallback`',
    },
    schema: allowOnlySchema,
  },
  defaultOptions: [{ allow: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const analysis = getAnalysis(context);

    /** Which statements the rewrite replaces, or null when the PeriodicCallback is used in ways a loop cannot match. */
    function planFor(created: TSESTree.NewExpression): RewritePlan | null {
      const parent = created.parent;
      // `new PeriodicCallback(fn, ms).start();`
      if (
        parent.type === AST_NODE_TYPES.MemberExpression &&
        parent.parent.type === AST_NODE_TYPES.CallExpression &&
        isStartStatement(parent.parent.parent, (object) => object === created)
      ) {
        return { replaced: parent.parent.parent, removed: null };
      }
      // `const pc = new PeriodicCallback(fn, ms);` then `pc.start();` in the same block, and nothing else.
      if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== created || parent.id.type !== AST_NODE_TYPES.Identifier) {
        return null;
      }
      const declaration = parent.parent;
      if (declaration.declarations.length !== 1) return null;
      const variable = sourceCode.getDeclaredVariables(declaration)[0];
      const reads = variable.references.filter((reference) => !reference.init);
      if (reads.length !== 1) return null;
      const siblings = statementList(declaration);
      const start = reads[0].identifier.parent.parent?.parent;
      if (!siblings || !start || !siblings.includes(start) || siblings.indexOf(start) < siblings.indexOf(declaration)) return null;
      return isStartStatement(start, (object) => object === reads[0].identifier) ? { replaced: start, removed: declaration } : null;
    }

    /** The range that deletes `statement` together with its line when nothing else is on it. */
    function lineRange(statement: TSESTree.Node): TSESTree.Range {
      const text = sourceCode.text;
      let start = statement.range[0];
      while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
      let end = statement.range[1];
      const lineStart = start === 0 || text[start - 1] === '\n';
      if (!lineStart) return statement.range;
      while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
      if (text[end] === '\r') end++;
      if (text[end] === '\n') return [start, end + 1];
      return statement.range;
    }

    /**
     * The import edits, with the `PeriodicCallback` import taken out when the rewrite
     * removes its last use (an unused import would be the next lint error). When it is
     * the only name in its import, the names the rewrite needs take its place, so the two
     * edits never overlap.
     */
    function withoutPeriodicImport(
      fixer: TSESLint.RuleFixer,
      created: TSESTree.NewExpression,
      plan: RewritePlan,
      importFixes: readonly TSESLint.RuleFix[],
    ): TSESLint.RuleFix[] {
      const fixes = [...importFixes];
      const callee = skipTsWrappers(created.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier) return fixes;
      const variable = analysis.resolver.variableOf(callee);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || !def) return fixes;
      const rewritten = [plan.replaced, ...(plan.removed ? [plan.removed] : [])];
      const unusedAfter = variable.references
        .filter((reference) => !reference.init)
        .every(({ identifier }) => rewritten.some((node) => identifier.range[0] >= node.range[0] && identifier.range[1] <= node.range[1]));
      if (!unusedAfter) return fixes;
      let entry: TSESTree.Node | null = null;
      let siblings: readonly TSESTree.Node[] = [];
      if (def.type === 'ImportBinding' && def.node.type === AST_NODE_TYPES.ImportSpecifier && def.node.parent.type === AST_NODE_TYPES.ImportDeclaration) {
        entry = def.node;
        siblings = def.node.parent.specifiers.filter((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier);
      } else if (def.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
        entry = def.node.id.properties.find((property) => property.value === def.name) ?? null;
        siblings = def.node.id.properties;
      }
      if (!entry) return fixes;
      const at = siblings.indexOf(entry);
      if (siblings.length > 1) {
        const range: TSESTree.Range = at > 0 ? [siblings[at - 1].range[1], entry.range[1]] : [entry.range[0], siblings[1].range[0]];
        // An import added right after the removed name goes after the name before it instead.
        return [
          ...fixes.map((fix) =>
            at > 0 && fix.range[0] === entry.range[1] && fix.range[1] === entry.range[1]
              ? fixer.insertTextAfterRange([range[0], range[0]], fix.text)
              : fix,
          ),
          fixer.removeRange(range),
        ];
      }
      const joined = fixes.findIndex((fix) => fix.range[0] === entry.range[1] && fix.range[1] === entry.range[1]);
      if (joined < 0) return fixes;
      fixes[joined] = fixer.replaceText(entry, fixes[joined].text.replace(/^,\s*/, ''));
      return fixes;
    }

    /** The name for `const self = this;`, '' when none is needed, or null when the rewrite cannot keep the code's meaning. */
    function selfName(callback: TSESTree.Node, period: TSESTree.Node, plan: RewritePlan): string | null {
      const callbackContext = outerContext(sourceCode, callback);
      const periodContext = outerContext(sourceCode, period);
      if (callbackContext.blocked || periodContext.blocked) return null;
      if (callbackContext.thisNodes.length + periodContext.thisNodes.length === 0) return '';
      if (!STATEMENT_LISTS.has(plan.replaced.parent?.type ?? '')) return null;
      const scope = sourceCode.getScope(plan.replaced);
      return ['self', 'that', 'owner'].find((name) => ASTUtils.findVariable(scope, name) === null) ?? null;
    }

    function rewrite(created: TSESTree.NewExpression, callback: TSESTree.Node, period: TSESTree.Node, plan: RewritePlan, self: string) {
      return (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] => {
        const thisNodes = self === '' ? [] : [...outerContext(sourceCode, callback).thisNodes, ...outerContext(sourceCode, period).thisNodes];
        /** `node`'s text with the outer `this` renamed, so it still means the same object inside `function*`. */
        const textOf = (node: TSESTree.Node): string => {
          let text = sourceCode.getText(node);
          const own = thisNodes
            .filter((expression) => expression.range[0] >= node.range[0] && expression.range[1] <= node.range[1])
            .sort((a, b) => b.range[0] - a.range[0]);
          for (const expression of own) {
            const at = expression.range[0] - node.range[0];
            text = `${text.slice(0, at)}${self}${text.slice(at + 'this'.length)}`;
          }
          return text;
        };
        const indent = indentOf(sourceCode, plan.replaced);
        const deeper = (node: TSESTree.Node): string => reindented(sourceCode, node, textOf(node), `${indent}    `);
        const inner = skipTsWrappers(callback);
        let work: string;
        if (inner.type === AST_NODE_TYPES.ArrowFunctionExpression && inner.params.length === 0 && inner.body.type !== AST_NODE_TYPES.BlockStatement && !inner.async) {
          work = inner.body.type === AST_NODE_TYPES.SequenceExpression ? `(${deeper(inner.body)})` : deeper(inner.body);
        } else if (
          inner.type === AST_NODE_TYPES.Identifier ||
          inner.type === AST_NODE_TYPES.MemberExpression ||
          inner.type === AST_NODE_TYPES.CallExpression
        ) {
          work = `${deeper(callback)}()`;
        } else {
          work = `(${deeper(callback)})()`;
        }
        const names = runtimeNames(fixer, context, analysis, plan.replaced, ['IOLoop', 'coroutine', 'sleep']);
        const kept = [callback, period];
        const comments =
          (plan.removed ? orphanComments(sourceCode, plan.removed, kept, indent) : '') +
          orphanComments(sourceCode, plan.replaced, kept, indent);
        const loop = [
          `${names.text.IOLoop}.current().spawnCallback(${names.text.coroutine}(function* () {`,
          `${indent}  while (true) {`,
          `${indent}    yield ${work};`,
          `${indent}    yield ${names.text.sleep}(${deeper(period)});`,
          `${indent}  }`,
          `${indent}}));`,
        ].join('\n');
        const selfLine = self !== '' ? `const ${self} = this;\n${indent}` : '';
        return [
          ...withoutPeriodicImport(fixer, created, plan, names.fixes),
          ...(plan.removed ? [fixer.removeRange(lineRange(plan.removed))] : []),
          fixer.replaceText(plan.replaced, `${comments}${selfLine}${loop}`),
        ];
      };
    }

    return {
      NewExpression(created) {
        if (!analysis.resolver.isExport(created.callee, 'PeriodicCallback')) return;
        const [callback, period] = created.arguments;
        if (!callback || callback.type === AST_NODE_TYPES.SpreadElement) return;
        const kind = returnsFutureOrPromise(analysis, callback);
        if (kind === null || isAllowed(analysis, callback, options.allow, context.filename, context.cwd)) return;
        const plan = period && period.type !== AST_NODE_TYPES.SpreadElement ? planFor(created) : null;
        const self = plan && period && period.type !== AST_NODE_TYPES.SpreadElement ? selfName(callback, period, plan) : null;
        context.report({
          node: callback,
          messageId: 'periodicCoroutine',
          data: { kind },
          suggest:
            plan && self !== null && period && period.type !== AST_NODE_TYPES.SpreadElement
              ? [{ messageId: 'rewriteAsLoop', fix: rewrite(created, callback, period, plan, self) }]
              : [],
        });
      },
    };
  },
});

export default rule;
