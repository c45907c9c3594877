import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  type AllowEntry,
  allowOptionSchema,
  canYield,
  enclosing,
  getAnalysis,
  isAllowed,
  memberName,
  observe,
  outermost,
} from '../analysis';
import { futureRepairs } from '../analysis/repairs';
import { createRule, type GustRule } from '../util/create-rule';

/** The repair `eslint --fix` may apply unattended; `none` leaves every repair a suggestion. */
export type Autofix = 'none' | 'yield' | 'await' | 'spawnCallback' | 'runSync';

type Options = [{ allow?: AllowEntry[]; allowVoid?: boolean; autofix?: Autofix }];
type MessageIds = 'discarded' | 'voided' | 'thenWithoutRejection' | 'yield' | 'await' | 'spawnCallback' | 'runSync';

/** Moves from a Future to the `.then()` / `.finally()` chain built on it, which is what gets thrown away. */
function chainEnd(node: TSESTree.Node): TSESTree.Node {
  let current = outermost(node);
  for (;;) {
    const member = current.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) return current;
    const call = member.parent;
    const name = memberName(member);
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return current;
    if (name !== 'then' && name !== 'finally' && name !== 'catch') return current;
    current = outermost(call);
  }
}

/**
 * Flags a coroutine call (or any Future-returning call) whose Future is discarded: its
 * errors are lost. Suggests yielding, awaiting, `spawnCallback` or `runSync`.
 *
 * @example
 * // bad:  fetchUser(id);
 * // good: yield fetchUser(id);   IOLoop.current().spawnCallback(fetchUser, id);
 */
export const rule: GustRule<MessageIds, Options> = createRule<Options, MessageIds>({
  name: 'no-unyielded-coroutine',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the Future of a coroutine call to be yielded, awaited or handed to the IOLoop',
      recommended: true,
      requiresTypeChecking: false,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      discarded: "This coroutine's Future is discarded, so its errors are lost. Yield it, await it, or hand it to the IOLoop.",
      voided: "`void` discards this coroutine's Future, so its errors are lost. Yield it, await it, or hand it to the IOLoop.",
      thenWithoutRejection:
        "This `.then()` has no rejection handler and its result is discarded, so the coroutine's errors are lost. Add a rejection handler or yield the chain.",
      yield: 'Yield the coroutine',
      await: 'Await the coroutine',
      spawnCallback: 'Run it with IOLoop.current().spawnCallback(...) so the loop reports its errors',
      runSync: 'Run it to completion with IOLoop.current().runSync(...)',
    },
    schema: [
      {
        type: 'object',
        properties: {
          allow: allowOptionSchema,
          allowVoid: { type: 'boolean', description: 'Accept `void coroutine()` as a deliberate fire-and-forget.' },
          autofix: {
            type: 'string',
            enum: ['none', 'yield', 'await', 'spawnCallback', 'runSync'],
            description: 'The repair `eslint --fix` applies where it fits; `none` keeps them all suggestions.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: [], allowVoid: false, autofix: 'none' }],
  },
  defaultOptions: [{ allow: [], allowVoid: false, autofix: 'none' }],
  create(context, [options]) {
    const analysis = getAnalysis(context);
    const allowVoid = options.allowVoid ?? false;
    const autofix = options.autofix ?? 'none';

    function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      // Where the value goes is a cheap syntactic question; ask it before the type checker.
      const observation = observe(node, { allowVoid });
      if (observation.kind !== 'discarded' && observation.kind !== 'voided' && observation.kind !== 'then-without-rejection') {
        return;
      }
      if (analysis.futureSource(node) === null) return;
      if (node.type === AST_NODE_TYPES.CallExpression && isAllowed(analysis, node.callee, options.allow, context.filename, context.cwd)) {
        return;
      }
      const target = observation.kind === 'then-without-rejection' ? chainEnd(node) : outermost(node);
      const replaced = observation.kind === 'voided' ? observation.operator : target;
      const where = enclosing(node, analysis.bindings).kind;
      const repairs = futureRepairs(context, analysis, target, replaced);
      const offered: Partial<Record<Exclude<Autofix, 'none'>, TSESLint.ReportFixFunction>> = {};
      if (canYield(where)) offered.yield = repairs.yield;
      if (where === 'async') offered.await = repairs.await;
      if (repairs.canSpawn) offered.spawnCallback = repairs.spawnCallback;
      if (where === 'module' && repairs.canDefer) offered.runSync = repairs.runSync;
      const chosen = autofix === 'none' ? undefined : offered[autofix];
      const messageId =
        observation.kind === 'voided' ? 'voided' : observation.kind === 'then-without-rejection' ? 'thenWithoutRejection' : 'discarded';
      context.report({
        node,
        messageId,
        fix: chosen ?? null,
        suggest: (Object.keys(offered) as Exclude<Autofix, 'none'>[]).map((id) => ({
          messageId: id,
          fix: offered[id] as TSESLint.ReportFixFunction,
        })),
      });
    }

    return { CallExpression: check, NewExpression: check };
  },
});

export default rule;
