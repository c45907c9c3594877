/**
 * A test-only rule that reports what the shared analysis concludes about each call, so
 * the analysis is tested through the real ESLint pipeline (scopes, parser services).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { enclosing, getAnalysis, observe } from '../../src/analysis';
import { createRule } from '../../src/util/create-rule';

export const probe = createRule({
  name: 'probe',
  meta: {
    type: 'problem',
    docs: { description: 'Reports the analysis of each Future-producing call.', recommended: false, requiresTypeChecking: false },
    messages: { future: 'source={{source}} observed={{observed}} in={{where}}' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const analysis = getAnalysis(context);
    const check = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      const source = analysis.futureSource(node);
      if (source === null) return;
      context.report({
        node,
        messageId: 'future',
        data: { source, observed: observe(node).kind, where: enclosing(node, analysis.bindings).kind },
      });
    };
    return { CallExpression: check, NewExpression: check };
  },
});
