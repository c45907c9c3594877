import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { type AllowEntry, allowOnlySchema, getAnalysis, isAllowed, isVariableObserved, observe } from '../analysis';
import { createRule, type GustRule } from '../util/create-rule';

type Options = [{ allow?: AllowEntry[] }];
type MessageIds = 'unobserved';

/** The local variable a Future is stored in, when it is a plain `const x = ...` or `x = ...`. */
function storedIn(
  target: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { variable: TSESLint.Scope.Variable; id: TSESTree.Identifier } | null {
  let id: TSESTree.Node | null = null;
  if (target.type === AST_NODE_TYPES.VariableDeclarator) id = target.id;
  if (target.type === AST_NODE_TYPES.AssignmentExpression && target.operator === '=') id = target.left;
  if (id?.type !== AST_NODE_TYPES.Identifier) return null;
  const scope = sourceCode.getScope(id);
  let current: TSESLint.Scope.Scope | null = scope;
  while (current) {
    const variable = current.set.get(id.name);
    if (variable) return { variable, id };
    current = current.upper;
  }
  return null;
}

/** Whether other modules can see the variable, so its readers are out of sight. */
function isExported(variable: TSESLint.Scope.Variable): boolean {
  return variable.defs.some((def) => {
    const declaration = def.node.parent;
    return declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
  });
}

/**
 * Flags a Future kept in a variable that is never yielded, awaited, returned or passed on:
 * its errors are lost. Starting a Future and yielding it later (interleaving) is fine.
 *
 * @example
 * // bad:  const pending = fetchUser(id); render();
 * // good: const pending = fetchUser(id); render(); const user = yield pending;
 */
export const rule: GustRule<MessageIds, Options> = createRule<Options, MessageIds>({
  name: 'no-unobserved-future',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a Future kept in a variable to be yielded, awaited, returned or passed on',
      recommended: true,
      requiresTypeChecking: false,
    },
    messages: {
      unobserved:
        "The Future in '{{name}}' is never yielded, awaited, returned or passed on, so its errors are lost. Yield it where its result is needed.",
    },
    schema: allowOnlySchema,
    defaultOptions: [{ allow: [] }],
  },
  defaultOptions: [{ allow: [] }],
  create(context, [options]) {
    const analysis = getAnalysis(context);
    const sourceCode = context.sourceCode;
    const reported = new Set<TSESLint.Scope.Variable>();

    function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const observation = observe(node);
      if (observation.kind !== 'stored') return;
      const stored = storedIn(observation.target, sourceCode);
      if (!stored || reported.has(stored.variable) || isExported(stored.variable)) return;
      // Reading the variable's uses is syntax; the type checker is asked only about the unobserved ones.
      if (isVariableObserved(stored.variable)) return;
      if (analysis.futureSource(node) === null) return;
      if (node.type === AST_NODE_TYPES.CallExpression && isAllowed(analysis, node.callee, options.allow, context.filename, context.cwd)) {
        return;
      }
      reported.add(stored.variable);
      context.report({ node: stored.id, messageId: 'unobserved', data: { name: stored.id.name } });
    }

    return { CallExpression: check, NewExpression: check };
  },
});

export default rule;
