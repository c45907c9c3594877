import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { type AllowEntry, allowOnlySchema, isAllowed } from '../analysis/allow';
import { isKnownArray } from '../analysis/callbacks';
import { enclosing } from '../analysis/enclosing';
import { indentOf, orphanComments } from '../analysis/fix-text';
import { needsLeadingSemicolon, needsParensForUnaryLevel } from '../analysis/fixes';
import { getAnalysis } from '../analysis/futures';
import { memberName, skipTsWrappers } from '../analysis/imports';
import { descendants } from '../analysis/walk';
import { createRule, type GustRule } from '../util/create-rule';

type MessageIds = 'sequential' | 'sequentialLoop' | 'yieldTogether' | 'yieldAllIterations';
type Options = [{ allow?: AllowEntry[] }];

/** What a step writes: the variables (and their names, for a quick first check) and assigned member texts. */
interface Writes {
  readonly variables: ReadonlySet<TSESLint.Scope.Variable>;
  readonly names: ReadonlySet<string>;
  readonly members: readonly string[];
}

/** Methods whose whole point is to come in order: locks, conditions, queues being drained. */
const ORDERING_METHODS = new Set(['acquire', 'wait', 'join']);

/**
 * One statement that yields a call: `yield f();`, `const x = yield f();` or `x = yield f();`.
 * `target` is what receives the result (null for a plain `yield f();`).
 */
interface YieldStep {
  readonly statement: TSESTree.Statement;
  readonly yieldNode: TSESTree.YieldExpression;
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly family: 'expression' | 'const' | 'let' | 'var' | 'assignment';
  readonly target: TSESTree.Node | null;
}

/** The yielded call of a non-delegating `yield f()`, or null. */
function yieldedCall(node: TSESTree.Node | null | undefined): { yieldNode: TSESTree.YieldExpression; call: TSESTree.CallExpression | TSESTree.NewExpression } | null {
  if (!node || node.type !== AST_NODE_TYPES.YieldExpression || node.delegate || !node.argument) return null;
  const argument = skipTsWrappers(node.argument);
  if (argument.type !== AST_NODE_TYPES.CallExpression && argument.type !== AST_NODE_TYPES.NewExpression) return null;
  return { yieldNode: node, call: argument };
}

function stepOf(statement: TSESTree.Statement): YieldStep | null {
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
    const expression = statement.expression;
    const plain = yieldedCall(expression);
    if (plain) return { statement, ...plain, family: 'expression', target: null };
    if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=') {
      const assigned = yieldedCall(expression.right);
      if (assigned) return { statement, ...assigned, family: 'assignment', target: expression.left };
    }
    return null;
  }
  if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length === 1 && !statement.declare) {
    const declarator = statement.declarations[0];
    const found = yieldedCall(declarator.init);
    if (!found || (statement.kind !== 'const' && statement.kind !== 'let' && statement.kind !== 'var')) return null;
    return { statement, ...found, family: statement.kind, target: declarator.id };
  }
  return null;
}

/** A pattern's text without its type annotation (`user: User` gives `user`). */
function patternText(sourceCode: Readonly<TSESLint.SourceCode>, pattern: TSESTree.Node): string {
  const annotation = 'typeAnnotation' in pattern ? pattern.typeAnnotation : undefined;
  if (!annotation || annotation.type !== AST_NODE_TYPES.TSTypeAnnotation) return sourceCode.getText(pattern);
  return sourceCode.text.slice(pattern.range[0], annotation.range[0]).trimEnd();
}

/**
 * Suggests yielding independent Futures together: sequential yields whose calls do not
 * use each other's results, and `for ... of` loops that yield one call per item.
 *
 * @example
 * // reported: const user = yield fetchUser(id); const posts = yield fetchPosts(id);
 * // suggested: const [user, posts] = yield [fetchUser(id), fetchPosts(id)];
 */
export const rule: GustRule<MessageIds, Options> = createRule<Options, MessageIds>({
  name: 'prefer-parallel-yield',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Prefer yielding independent Futures together so they run in parallel',
      recommended: false,
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      sequential:
        'This yield waits for the one before it, although it does not use its result: yield them together so they run in parallel.',
      sequentialLoop:
        'Each iteration waits for the previous one, although none uses another\'s result: yield them all together so they run in parallel.',
      yieldTogether: 'Yield the calls together in one array',
      yieldAllIterations: 'Yield all iterations together',
    },
    schema: allowOnlySchema,
  },
  defaultOptions: [{ allow: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const analysis = getAnalysis(context);

    /** Whether a yielded call may run alongside others: not a sleep, a lock or an allowed call. */
    function isParallelizable(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      const callee = skipTsWrappers(call.callee);
      if (analysis.resolver.isExport(callee, 'sleep')) return false;
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(callee);
        if (name !== null && ORDERING_METHODS.has(name)) return false;
      }
      return !isAllowed(analysis, call.callee, options.allow, context.filename, context.cwd);
    }

    const writeCache = new Map<YieldStep, Writes>();

    /** The variables and member texts a step writes, which later calls must not read. */
    function writes(step: YieldStep): Writes {
      const known = writeCache.get(step);
      if (known) return known;
      const variables = new Set<TSESLint.Scope.Variable>();
      const members: string[] = [];
      if (step.statement.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const variable of sourceCode.getDeclaredVariables(step.statement)) variables.add(variable);
      } else if (step.target) {
        for (const node of descendants(sourceCode, step.target)) {
          if (node.type === AST_NODE_TYPES.Identifier) {
            const variable = analysis.resolver.variableOf(node);
            if (variable) variables.add(variable);
          }
        }
        if (step.target.type === AST_NODE_TYPES.MemberExpression) members.push(sourceCode.getText(step.target));
      }
      const result = { variables, members, names: new Set([...variables].map((variable) => variable.name)) };
      writeCache.set(step, result);
      return result;
    }

    /** Whether `step`'s call, or its target, touches what earlier steps wrote. */
    function dependsOn(step: YieldStep, earlier: readonly YieldStep[]): boolean {
      const written = earlier.map(writes);
      const names = new Set(written.flatMap((write) => [...write.names]));
      const callText = sourceCode.getText(step.call);
      // Only identifiers spelled like a written variable need the (costlier) scope lookup.
      const read = descendants(sourceCode, step.call).filter(
        (node): node is TSESTree.Identifier => node.type === AST_NODE_TYPES.Identifier && names.has(node.name),
      );
      const own = writes(step);
      return written.some(
        ({ variables, members }) =>
          read.some((identifier) => {
            const variable = analysis.resolver.variableOf(identifier);
            return variable !== null && variables.has(variable);
          }) ||
          members.some((member) => callText.includes(member)) ||
          [...own.variables].some((variable) => variables.has(variable)),
      );
    }

    function mergedText(steps: readonly YieldStep[]): string {
      const calls = `[${steps.map((step) => sourceCode.getText(step.call)).join(', ')}]`;
      const family = steps.find((step) => step.family !== 'expression')?.family ?? 'expression';
      if (family === 'expression') return `yield ${calls};`;
      const last = steps.reduce((index, step, i) => (step.target ? i : index), 0);
      const slots = steps.slice(0, last + 1).map((step) => (step.target ? patternText(sourceCode, step.target) : ''));
      const pattern = `[${slots.join(', ')}]`;
      if (family === 'assignment') return `${pattern} = yield ${calls};`;
      const annotated = steps.some((step) => step.target !== null && 'typeAnnotation' in step.target && step.target.typeAnnotation);
      if (!annotated) return `${family} ${pattern} = yield ${calls};`;
      const types = steps.slice(0, last + 1).map((step) => {
        const annotation = step.target && 'typeAnnotation' in step.target ? step.target.typeAnnotation : undefined;
        return annotation && annotation.type === AST_NODE_TYPES.TSTypeAnnotation
          ? sourceCode.getText(annotation.typeAnnotation)
          : 'any';
      });
      return `${family} ${pattern}: [${types.join(', ')}] = yield ${calls};`;
    }

    function reportGroup(steps: readonly YieldStep[]): void {
      const first = steps[0].statement;
      const last = steps[steps.length - 1].statement;
      const range: TSESTree.Range = [first.range[0], last.range[1]];
      context.report({
        node: steps[1].yieldNode,
        messageId: 'sequential',
        suggest: [
          {
            messageId: 'yieldTogether',
            fix: (fixer) => {
              const kept = steps.flatMap((step) => (step.target ? [step.call, step.target] : [step.call]));
              let text = `${orphanComments(sourceCode, range, kept, indentOf(sourceCode, first))}${mergedText(steps)}`;
              if (text.startsWith('[') && needsLeadingSemicolon(first, text, sourceCode)) text = `;${text}`;
              return fixer.replaceTextRange(range, text);
            },
          },
        ],
      });
    }

    function checkStatements(statements: readonly TSESTree.Statement[]): void {
      let run: YieldStep[] = [];
      const flush = (): void => {
        if (run.length >= 2) reportGroup(run);
        run = [];
      };
      for (const statement of statements) {
        const step = stepOf(statement);
        if (!step || !isParallelizable(step.call) || enclosing(step.yieldNode, analysis.bindings).kind !== 'coroutine') {
          flush();
          continue;
        }
        const family = run.find((earlier) => earlier.family !== 'expression')?.family ?? 'expression';
        const compatible = step.family === 'expression' || family === 'expression' || family === step.family;
        if (run.length > 0 && (!compatible || dependsOn(step, run))) flush();
        run.push(step);
      }
      flush();
    }

    function checkLoop(loop: TSESTree.ForOfStatement): void {
      if (loop.await || loop.left.type !== AST_NODE_TYPES.VariableDeclaration) return;
      const declarator = loop.left.declarations[0];
      if (loop.left.declarations.length !== 1 || !declarator) return;
      const body =
        loop.body.type === AST_NODE_TYPES.BlockStatement && loop.body.body.length === 1 ? loop.body.body[0] : loop.body;
      if (body.type !== AST_NODE_TYPES.ExpressionStatement) return;
      // `yield f(item);`, or `results.push(yield f(item));` collecting the results in order.
      const collector = pushTarget(body.expression);
      const found = yieldedCall(collector ? collector.arguments[0] : body.expression);
      if (!found || !isParallelizable(found.call) || enclosing(found.yieldNode, analysis.bindings).kind !== 'coroutine') return;
      const loopVariables = new Set(sourceCode.getDeclaredVariables(loop.left));
      const readsItem = (root: TSESTree.Node): boolean =>
        descendants(sourceCode, root).some((node) => {
          if (node.type !== AST_NODE_TYPES.Identifier) return false;
          const variable = analysis.resolver.variableOf(node);
          return variable !== null && loopVariables.has(variable);
        });
      if (!readsItem(found.call) || (collector && readsItem(collector.callee))) return;
      context.report({
        node: found.yieldNode,
        messageId: 'sequentialLoop',
        suggest: [
          {
            messageId: 'yieldAllIterations',
            fix: (fixer) => {
              const items = loop.right;
              const itemsText = sourceCode.getText(items);
              const mapper = `(${patternText(sourceCode, declarator.id)}) => ${sourceCode.getText(found.call)}`;
              const receiver = needsParensForUnaryLevel(items, sourceCode) || !isMemberObjectSafe(items) ? `(${itemsText})` : itemsText;
              const mapped = isKnownArray(analysis, items) ? `${receiver}.map(${mapper})` : `Array.from(${itemsText}, ${mapper})`;
              const kept = [items, declarator.id, found.call, ...(collector ? [collector.callee] : [])];
              const comments = orphanComments(sourceCode, loop, kept, indentOf(sourceCode, loop));
              const statement = collector ? `${sourceCode.getText(collector.callee)}(...(yield ${mapped}));` : `yield ${mapped};`;
              return fixer.replaceText(loop, `${comments}${statement}`);
            },
          },
        ],
      });
    }

    return {
      BlockStatement(block) {
        checkStatements(block.body);
      },
      SwitchCase(switchCase) {
        checkStatements(switchCase.consequent);
      },
      ForOfStatement: checkLoop,
    };
  },
});

/** `list.push(x)` with a single argument: the call, so its argument and callee can be read. */
function pushTarget(node: TSESTree.Expression): TSESTree.CallExpression | null {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 1) return null;
  const callee = node.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.optional && memberName(callee) === 'push' ? node : null;
}

/** Whether `node` can be written before `.map` without parentheses. */
function isMemberObjectSafe(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
      return true;
    default:
      return false;
  }
}

export default rule;
