import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { type CopiedParameter, type IgnoringApi, ignoringApi, isKnownArray, parameterNames, returnsFuture } from '../analysis/callbacks';
import { enclosing } from '../analysis/enclosing';
import { getAnalysis } from '../analysis/futures';
import { memberName, skipTsWrappers } from '../analysis/imports';
import { type AllowEntry, allowOnlySchema, isAllowed } from '../analysis/allow';
import { runtimeReference } from '../analysis/fixes';
import { createRule, type GustRule } from '../util/create-rule';

type MessageIds = 'misused' | 'spawn' | 'yieldMap' | 'awaitAll';
type Options = [{ allow?: AllowEntry[] }];

/** `this`, `a`, `a.b.c`: an object that can be named twice without running anything twice. */
function isSimpleReference(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ThisExpression || node.type === AST_NODE_TYPES.Identifier) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && isSimpleReference(node.object);
}

/**
 * Reports coroutines handed to APIs that call them and drop the Future they return
 * (timers, `process.nextTick`, event listeners, `forEach`), where their errors are lost.
 *
 * @example
 * // reported: setTimeout(refresh, 1000);
 * // suggested: setTimeout(() => IOLoop.current().spawnCallback(refresh), 1000);
 */
export const rule: GustRule<MessageIds, Options> = createRule<Options, MessageIds>({
  name: 'no-misused-coroutine',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow passing coroutines where their Future is ignored',
      recommended: true,
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      misused: '`{{api}}` ignores the Future this coroutine returns, so its errors are lost.',
      spawn: 'Spawn the coroutine on the IOLoop so its errors are reported',
      yieldMap: 'Yield all the calls in parallel with `yield {{receiver}}.map(...)`',
      awaitAll: 'Await all the calls in parallel with `await Promise.all({{receiver}}.map(...))`',
    },
    schema: allowOnlySchema,
  },
  defaultOptions: [{ allow: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const analysis = getAnalysis(context);

    /** How many arguments the API passes the callback: null when it passes whatever its caller gives it. */
    function extraArguments(call: TSESTree.CallExpression, api: IgnoringApi): number {
      const delay = api.api === 'process.nextTick' || api.api === 'setImmediate' ? 0 : 1;
      return Math.max(0, call.arguments.length - api.index - 1 - delay);
    }

    /** Names used inside `callback` that refer to something outside it (a wrapper parameter must not shadow them). */
    function freeNames(callback: TSESTree.Node): Set<string> {
      const names = new Set<string>();
      for (const token of sourceCode.getTokens(callback)) {
        if (token.type !== 'Identifier') continue;
        const node = sourceCode.getNodeByRangeIndex(token.range[0]);
        if (node?.type !== AST_NODE_TYPES.Identifier) continue;
        // A property name (`store.item`, `{ item: 1 }`) refers to nothing a parameter could shadow.
        const parent = node.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) continue;
        if (parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && !parent.shorthand) continue;
        const variable = analysis.resolver.variableOf(node);
        const inside = variable?.defs.some((def) => def.name.range[0] >= callback.range[0] && def.name.range[1] <= callback.range[1]);
        if (!inside) names.add(token.value);
      }
      return names;
    }

    /**
     * The wrapper's parameters: the ones the coroutine declares (so the wrapper type-checks
     * against the API's listener type), capped by what a timer passes; `...args` when unknown.
     */
    function wrapperParameters(call: TSESTree.CallExpression, api: IgnoringApi, callback: TSESTree.Node): CopiedParameter[] | null {
      if (api.forwards === 'never') return [];
      const declared = parameterNames(analysis, callback);
      const extra = extraArguments(call, api);
      if (api.forwards === 'extra' && extra === 0) return [];
      const wanted = declared ?? (api.api === 'forEach' ? [{ name: 'item', type: null }] : null);
      if (wanted === null) return null;
      const taken = freeNames(callback);
      const copied = wanted.map((parameter) => {
        let free = parameter.name;
        while (taken.has(free)) free = `${free}_`;
        return { name: free, type: parameter.type };
      });
      return api.forwards === 'extra' ? copied.slice(0, extra) : copied;
    }

    function spawnFix(call: TSESTree.CallExpression, api: IgnoringApi, callback: TSESTree.Node) {
      return (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] => {
        const loop = runtimeReference(fixer, context, analysis, call, 'IOLoop');
        const text = sourceCode.getText(callback);
        const names = wrapperParameters(call, api, callback);
        const params =
          names === null ? '(...args)' : `(${names.map(({ name, type }) => (type === null ? name : `${name}: ${type}`)).join(', ')})`;
        const passed = names === null ? '...args' : names.map(({ name }) => name).join(', ');
        const inner = skipTsWrappers(callback);
        let target = `${text}${passed ? `, ${passed}` : ''}`;
        // A method passed by reference loses its \`this\`: call it from an arrow, or bind it
        // when arguments are spread (a spread of \`any[]\` into fixed parameters does not type-check).
        if (inner.type === AST_NODE_TYPES.MemberExpression && names !== null) {
          target = `() => ${sourceCode.getText(inner)}(${passed})`;
        } else if (inner.type === AST_NODE_TYPES.MemberExpression && isSimpleReference(inner.object)) {
          target = `${sourceCode.getText(inner)}.bind(${sourceCode.getText(inner.object)}), ...args`;
        }
        return [...loop.fixes, fixer.replaceText(callback, `${params} => ${loop.text}.current().spawnCallback(${target})`)];
      };
    }

    return {
      CallExpression(call) {
        const api = ignoringApi(sourceCode, call);
        if (!api) return;
        const callback = call.arguments[api.index];
        if (!callback || callback.type === AST_NODE_TYPES.SpreadElement || !returnsFuture(analysis, callback)) return;
        if (isAllowed(analysis, callback, options.allow, context.filename, context.cwd)) return;

        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
        const callee = call.callee;
        const where = enclosing(call, analysis.bindings).kind;
        if (
          api.api === 'forEach' &&
          callee.type === AST_NODE_TYPES.MemberExpression &&
          !callee.optional &&
          !callee.computed &&
          memberName(callee) === 'forEach' &&
          call.parent.type === AST_NODE_TYPES.ExpressionStatement &&
          (where === 'coroutine' || where === 'async') &&
          isKnownArray(analysis, callee.object)
        ) {
          const receiver = sourceCode.getText(callee.object);
          suggest.push({
            messageId: where === 'coroutine' ? 'yieldMap' : 'awaitAll',
            data: { receiver },
            fix: (fixer) => [
              fixer.insertTextBefore(call, where === 'coroutine' ? 'yield ' : 'await Promise.all('),
              fixer.replaceText(callee.property, 'map'),
              ...(where === 'async' ? [fixer.insertTextAfter(call, ')')] : []),
            ],
          });
        }
        suggest.push({ messageId: 'spawn', fix: spawnFix(call, api, callback) });
        context.report({ node: callback, messageId: 'misused', data: { api: api.api }, suggest });
      },
    };
  },
});

export default rule;
