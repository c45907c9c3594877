import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { type AllowEntry, allowOnlySchema, isAllowed } from '../analysis/allow';
import { type BlockingCall, BlockingCallFinder, isClockRead } from '../analysis/blocking-calls';
import { enclosing } from '../analysis/enclosing';
import { difference, indentOf, orphanComments } from '../analysis/fix-text';
import { needsLeadingSemicolon, needsParensForAssignmentLevel, needsParensForUnaryLevel, runtimeReference } from '../analysis/fixes';
import { getAnalysis } from '../analysis/futures';
import { memberName } from '../analysis/imports';
import { walk } from '../analysis/walk';
import { createRule, type GustRule } from '../util/create-rule';

type MessageIds = 'blockingCall' | 'busyWait' | 'useAsyncApi' | 'useExecutor' | 'useSleep';
type Options = [{ allow?: AllowEntry[] }];
interface Edit {
  readonly range: TSESTree.Range;
  readonly text: string;
}
type Loop = TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;

/** A spin on the clock has a body that calls nothing, waits for nothing and never leaves early. */
function isSpinBody(sourceCode: Readonly<TSESLint.SourceCode>, body: TSESTree.Statement): boolean {
  let spins = true;
  walk(sourceCode, body, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
      case AST_NODE_TYPES.YieldExpression:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.TaggedTemplateExpression:
      case AST_NODE_TYPES.BreakStatement:
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ThrowStatement:
        spins = false;
        return false;
      default:
        return spins;
    }
  });
  return spins;
}

function containsClockRead(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  if (isClockRead(sourceCode, node)) return true;
  switch (node.type) {
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return containsClockRead(sourceCode, node.left) || containsClockRead(sourceCode, node.right);
    case AST_NODE_TYPES.UnaryExpression:
      return containsClockRead(sourceCode, node.argument);
    default:
      return false;
  }
}

/** The time left to wait in `clock < deadline` (or the mirrored `deadline > clock`), as the two sides. */
function deadlineSides(
  sourceCode: Readonly<TSESLint.SourceCode>,
  test: TSESTree.Expression,
): { readonly deadline: TSESTree.Node; readonly now: TSESTree.Node } | null {
  if (test.type !== AST_NODE_TYPES.BinaryExpression || test.left.type === AST_NODE_TYPES.PrivateIdentifier) return null;
  const leftClock = containsClockRead(sourceCode, test.left);
  const rightClock = containsClockRead(sourceCode, test.right);
  if (leftClock === rightClock) return null;
  if ((test.operator === '<' || test.operator === '<=') && leftClock) return { deadline: test.right, now: test.left };
  if ((test.operator === '>' || test.operator === '>=') && rightClock) return { deadline: test.left, now: test.right };
  return null;
}

/** Array methods that call their callback before they return. */
const SYNCHRONOUS_CALLBACK_METHODS = new Set([
  'map',
  'forEach',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'sort',
  'toSorted',
]);

/** `fs.readFileSync` for a report: the module and name, as users write them. */
function displayName(call: BlockingCall): string {
  return `${call.module}.${call.name}`;
}

/**
 * Reports blocking calls and clock spins inside coroutines and async functions, where they
 * stall the event loop and every other coroutine on it.
 *
 * @example
 * // reported: const text = fs.readFileSync(path, 'utf8');
 * // suggested: const text = yield fs.promises.readFile(path, 'utf8');
 */
export const rule: GustRule<MessageIds, Options> = createRule<Options, MessageIds>({
  name: 'no-blocking-in-coroutine',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow blocking calls inside coroutines',
      recommended: true,
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      blockingCall: '`{{name}}` blocks the event loop: while it runs, no other coroutine makes progress.',
      busyWait: 'This loop spins on the clock and blocks the event loop: no other coroutine runs until it ends.',
      useAsyncApi: '{{operator}} `{{replacement}}` instead',
      useExecutor: 'Run `{{name}}` in the executor and {{operator}} its Future',
      useSleep: '{{operator}} `sleep(...)` instead of spinning',
    },
    schema: allowOnlySchema,
  },
  defaultOptions: [{ allow: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const analysis = getAnalysis(context);
    const finder = new BlockingCallFinder(sourceCode, analysis.resolver);

    /** `yield` in a coroutine, `await` in an async function; null elsewhere. */
    function waitKeyword(node: TSESTree.Node): 'yield' | 'await' | null {
      const where = enclosing(node, analysis.bindings).kind;
      if (where === 'coroutine') return 'yield';
      if (where === 'async') return 'await';
      return null;
    }

    /**
     * Whether `node` runs inside a callback that an array method calls on the spot
     * (`map`, `forEach`, `filter`...), itself directly inside a coroutine or async function:
     * then it blocks that coroutine as surely as if it were written there.
     */
    function inSynchronousCallback(node: TSESTree.Node): boolean {
      const fn = enclosing(node, analysis.bindings).fn;
      if (!fn || fn.async || fn.generator) return false;
      const call = fn.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
      const callee = call.callee;
      const name = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
      return name !== null && SYNCHRONOUS_CALLBACK_METHODS.has(name) && waitKeyword(call) !== null;
    }

    /** Edits that put `operator` before `call`, with the parentheses and `;` it needs. */
    function prefix(fixer: TSESLint.RuleFixer, call: TSESTree.Node, operator: 'yield' | 'await'): TSESLint.RuleFix[] {
      const parens =
        operator === 'yield' ? needsParensForAssignmentLevel(call, sourceCode) : needsParensForUnaryLevel(call, sourceCode);
      const opening = `${parens ? '(' : ''}${operator} `;
      const semicolon = needsLeadingSemicolon(call, opening, sourceCode) ? ';' : '';
      return [
        fixer.insertTextBefore(call, `${semicolon}${opening}`),
        ...(parens ? [fixer.insertTextAfter(call, ')')] : []),
      ];
    }

    /**
     * The edits turning `fs.readFileSync(...)` into `fs.promises.readFile(...)`, as
     * (range, text) pairs, or null when the file has no way to name `fs.promises`.
     */
    function promisesEdits(call: TSESTree.CallExpression, promisesName: string): Edit[] | null {
      const callee = call.callee;
      if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) {
        return [{ range: callee.property.range, text: `promises.${promisesName}` }];
      }
      if (callee.type !== AST_NODE_TYPES.Identifier) return null;
      const namespace = finder.moduleBinding('fs', call);
      if (namespace !== null) return [{ range: callee.range, text: `${namespace}.promises.${promisesName}` }];
      // Only named imports: add `promises` to the import (or `require` pattern) that brought the sync function.
      const scope = sourceCode.getScope(callee);
      const def = ASTUtils.findVariable(scope, callee)?.defs[0];
      if (!def || ASTUtils.findVariable(scope, 'promises')) return null;
      let last: TSESTree.Node | undefined;
      if (def.type === 'ImportBinding' && def.node.parent.type === AST_NODE_TYPES.ImportDeclaration) {
        last = def.node.parent.specifiers[def.node.parent.specifiers.length - 1];
        if (last.type !== AST_NODE_TYPES.ImportSpecifier) return null;
      } else if (def.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
        last = def.node.id.properties[def.node.id.properties.length - 1];
        if (last?.type === AST_NODE_TYPES.RestElement) return null;
      }
      if (!last) return null;
      return [
        { range: [last.range[1], last.range[1]], text: ', promises' },
        { range: callee.range, text: `promises.${promisesName}` },
      ];
    }

    function checkCall(call: TSESTree.CallExpression): void {
      const blocking = finder.match(call);
      if (!blocking) return;
      const operator = waitKeyword(call);
      if (!operator && !inSynchronousCallback(call)) return;
      if (isAllowed(analysis, call.callee, options.allow, context.filename, context.cwd)) return;
      if (!operator) {
        // Inside `items.map(p => readFileSync(p))` the call still blocks the coroutine, but
        // there is nowhere to put a `yield`: report it and leave the rewrite to the author.
        context.report({ node: call, messageId: 'blockingCall', data: { name: displayName(blocking) } });
        return;
      }
      const inChain = call.optional || call.parent.type === AST_NODE_TYPES.ChainExpression;
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const verb = operator === 'yield' ? 'Yield' : 'Await';
      if (!inChain && blocking.promisesName !== null) {
        const edits = promisesEdits(call, blocking.promisesName);
        if (edits) {
          suggest.push({
            messageId: 'useAsyncApi',
            data: { operator: verb, replacement: `fs.promises.${blocking.promisesName}` },
            fix: (fixer) => [...edits.map((edit) => fixer.replaceTextRange(edit.range, edit.text)), ...prefix(fixer, call, operator)],
          });
        }
      }
      const specifier = blocking.specifier;
      if (!inChain && suggest.length === 0 && specifier !== null) {
        suggest.push({
          messageId: 'useExecutor',
          data: { operator: operator, name: blocking.name },
          fix: (fixer) => {
            const open = sourceCode.getTokenAfter(call.typeArguments ?? call.callee, ASTUtils.isOpeningParenToken);
            if (!open) return null;
            const loop = runtimeReference(fixer, context, analysis, call, 'IOLoop');
            // The executor sends a function to its worker by source text, so the function
            // must load the module itself: a reference to `execSync` would carry none of it.
            const worker = `(...args) => require('${specifier}').${blocking.name}(...args)`;
            const head = `${loop.text}.current().runInExecutor(null, ${worker}${call.arguments.length > 0 ? ', ' : ''}`;
            return [...loop.fixes, fixer.replaceTextRange([call.range[0], open.range[1]], head), ...prefix(fixer, call, operator)];
          },
        });
      }
      context.report({ node: call, messageId: 'blockingCall', data: { name: displayName(blocking) }, suggest });
    }

    function checkLoop(loop: Loop): void {
      const test = loop.test;
      if (!test || !containsClockRead(sourceCode, test) || !isSpinBody(sourceCode, loop.body)) return;
      const operator = waitKeyword(loop);
      if (!operator) return;
      const sides = deadlineSides(sourceCode, test);
      // The loop may only go when nothing else happens in it: its body and a `for`'s other clauses are empty.
      const body = loop.body;
      const empty =
        (body.type === AST_NODE_TYPES.EmptyStatement || (body.type === AST_NODE_TYPES.BlockStatement && body.body.length === 0)) &&
        (loop.type !== AST_NODE_TYPES.ForStatement || (loop.init === null && loop.update === null));
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      if (sides && empty) {
        suggest.push({
          messageId: 'useSleep',
          data: { operator: operator === 'yield' ? 'Yield' : 'Await' },
          fix: (fixer) => {
            const sleep = runtimeReference(fixer, context, analysis, loop, 'sleep');
            const comments = orphanComments(sourceCode, loop, [test], indentOf(sourceCode, loop));
            const text = `${comments}${operator} ${sleep.text}(${difference(sourceCode, sides.deadline, sides.now)});`;
            return [...sleep.fixes, fixer.replaceText(loop, text)];
          },
        });
      }
      context.report({ node: loop, messageId: 'busyWait', suggest });
    }

    return {
      CallExpression: checkCall,
      WhileStatement: checkLoop,
      DoWhileStatement: checkLoop,
      ForStatement: checkLoop,
    };
  },
});

export default rule;
