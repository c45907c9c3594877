import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { commentsOutside, getAnalysis, memberName, runtimeReference, skipTsWrappers } from '../analysis';
import { createRule, type GustRule } from '../util/create-rule';

type Options = [];
type MessageIds = 'instance' | 'taskTimeout' | 'useSleep';

/** `loop.time()` for an IOLoop `loop`: the clock `addTimeout` deadlines are measured on. */
function isLoopTime(node: TSESTree.Node, isLoop: (node: TSESTree.Node) => boolean): boolean {
  const inner = skipTsWrappers(node);
  return (
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.arguments.length === 0 &&
    inner.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(inner.callee) === 'time' &&
    isLoop(inner.callee.object)
  );
}

/**
 * The delay in milliseconds, as source text, that a `task(loop.addTimeout, deadline)` or
 * `task(loop.callLater, delay)` waits: `5` for `loop.time() + 5`, else `deadline - loop.time()`.
 */
function delayText(
  method: 'addTimeout' | 'callLater',
  argument: TSESTree.Node,
  loopText: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
  isLoop: (node: TSESTree.Node) => boolean,
): { text: string; range: readonly [number, number] } {
  if (method === 'callLater') return { text: sourceCode.getText(argument), range: argument.range };
  const inner = skipTsWrappers(argument);
  if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === '+') {
    if (isLoopTime(inner.left, isLoop)) return { text: sourceCode.getText(inner.right), range: inner.right.range };
    if (isLoopTime(inner.right, isLoop)) return { text: sourceCode.getText(inner.left), range: inner.left.range };
  }
  const deadline = sourceCode.getText(argument);
  const needsParens = inner.type === AST_NODE_TYPES.SequenceExpression || inner.type === AST_NODE_TYPES.ConditionalExpression ||
    inner.type === AST_NODE_TYPES.AssignmentExpression || inner.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    inner.type === AST_NODE_TYPES.YieldExpression;
  return { text: `${needsParens ? `(${deadline})` : deadline} - ${loopText}.time()`, range: argument.range };
}

/**
 * Flags outdated runtime patterns: `IOLoop.instance()` (fixed to `IOLoop.current()`) and
 * waiting through `task(loop.addTimeout, deadline)` or `task(loop.callLater, delay)`
 * (suggests `sleep(ms)`).
 *
 * @example
 * // bad:  yield task(IOLoop.instance().addTimeout, IOLoop.instance().time() + 500);
 * // good: yield sleep(500);
 */
export const rule: GustRule<MessageIds, Options> = createRule<Options, MessageIds>({
  name: 'no-deprecated-api',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow deprecated runtime APIs and outdated waiting patterns',
      recommended: true,
      requiresTypeChecking: false,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      instance: 'IOLoop.instance() is a deprecated alias; use IOLoop.current().',
      taskTimeout: 'Waiting through task(loop.{{method}}, ...) is the old way to pause a coroutine; yield sleep(ms) says it directly.',
      useSleep: 'Replace with sleep({{delay}})',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const analysis = getAnalysis(context);
    const sourceCode = context.sourceCode;
    const isLoop = (node: TSESTree.Node): boolean => analysis.isIOLoop(node);

    return {
      MemberExpression(node) {
        if (memberName(node) !== 'instance' || !analysis.resolver.isExport(node.object, 'IOLoop')) return;
        context.report({
          node: node.property,
          messageId: 'instance',
          // Only the property token changes, so parentheses and comments around it stay as they are.
          fix: (fixer) => fixer.replaceText(node.property, node.computed ? `${sourceCode.getText(node.property)[0]}current${sourceCode.getText(node.property)[0]}` : 'current'),
        });
      },
      CallExpression(node) {
        if (!analysis.resolver.isExport(node.callee, 'task') || node.arguments.length !== 2) return;
        const [fn, argument] = node.arguments;
        const method = fn.type === AST_NODE_TYPES.MemberExpression ? memberName(fn) : null;
        if ((method !== 'addTimeout' && method !== 'callLater') || fn.type !== AST_NODE_TYPES.MemberExpression) return;
        if (!isLoop(fn.object) || argument.type === AST_NODE_TYPES.SpreadElement) return;
        const loopText = sourceCode.getText(fn.object);
        const delay = delayText(method, argument, loopText, sourceCode, isLoop);
        context.report({
          node,
          messageId: 'taskTimeout',
          data: { method },
          suggest: [
            {
              messageId: 'useSleep',
              data: { delay: delay.text },
              fix(fixer) {
                const sleep = runtimeReference(fixer, context, analysis, node, 'sleep');
                const lost = commentsOutside(sourceCode, node, [delay.range]);
                const comments = lost.length > 0 ? `${lost.join(' ')} ` : '';
                return [...sleep.fixes, fixer.replaceText(node, `${sleep.text}(${comments}${delay.text})`)];
              },
            },
          ],
        });
      },
    };
  },
});

export default rule;
