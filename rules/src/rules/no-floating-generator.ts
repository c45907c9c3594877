import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import {
  type AllowEntry,
  allowOnlySchema,
  canYield,
  enclosing,
  getAnalysis,
  isAllowed,
  observe,
  outermost,
  replaceExpression,
  runtimeReference,
} from '../analysis';
import { callsGenerator, type GeneratorDefinition, generatorDefinition } from '../analysis/generators';
import { createRule, type GustRule } from '../util/create-rule';

type Options = [{ allow?: AllowEntry[] }];
type MessageIds = 'floating' | 'yieldStar' | 'wrapInCoroutine';

/** The edits that make a generator definition a coroutine, in the shape the definition has. */
function wrapDefinition(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  definition: GeneratorDefinition,
  coroutine: string,
): TSESLint.RuleFix {
  switch (definition.kind) {
    case 'declaration': {
      const node = definition.node;
      const name = node.id?.name ?? '';
      return fixer.replaceText(node, `const ${name} = ${coroutine}(${sourceCode.getText(node)});`);
    }
    case 'expression':
      return fixer.replaceText(definition.node, `${coroutine}(${sourceCode.getText(definition.node)})`);
    case 'method':
      return fixer.insertTextBefore(definition.node, `@${coroutine} `);
    case 'object-method': {
      const property = definition.node;
      const key = sourceCode.getText(property.key);
      const keyText = property.computed ? `[${key}]` : key;
      return fixer.replaceText(property, `${keyText}: ${coroutine}(function* ${sourceCode.getText(property.value)})`);
    }
  }
}

/** Whether wrapping keeps the program valid: a named, non-async generator that is not a default export. */
function canWrap(definition: GeneratorDefinition): boolean {
  switch (definition.kind) {
    case 'declaration':
      return (
        definition.node.id !== null &&
        !definition.node.async &&
        definition.node.parent.type !== AST_NODE_TYPES.ExportDefaultDeclaration
      );
    case 'method':
      return !definition.node.value.async;
    case 'object-method':
      return definition.node.value.type === AST_NODE_TYPES.FunctionExpression && !definition.node.value.async;
    case 'expression':
      return !definition.node.async;
  }
}

/**
 * Flags a generator function called with its generator thrown away: nothing in its body
 * runs, which usually means a missing `coroutine(...)` wrapper.
 *
 * @example
 * // bad:  function* refresh() { ... }   refresh();
 * // good: const refresh = coroutine(function* refresh() { ... });   yield refresh();
 */
export const rule: GustRule<MessageIds, Options> = createRule<Options, MessageIds>({
  name: 'no-floating-generator',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow calling a generator function and throwing its generator away',
      recommended: true,
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      floating:
        'This call creates a generator and throws it away, so none of its body runs. Wrap the generator function in coroutine(...) or delegate to it with yield*.',
      yieldStar: 'Delegate to the generator with yield*',
      wrapInCoroutine: 'Wrap the definition in coroutine(...)',
    },
    schema: allowOnlySchema,
    defaultOptions: [{ allow: [] }],
  },
  defaultOptions: [{ allow: [] }],
  create(context, [options]) {
    const analysis = getAnalysis(context);
    const sourceCode = context.sourceCode;
    return {
      CallExpression(node) {
        const observation = observe(node);
        if (observation.kind !== 'discarded' && observation.kind !== 'voided') return;
        if (!callsGenerator(analysis, node)) return;
        if (isAllowed(analysis, node.callee, options.allow, context.filename, context.cwd)) return;
        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
        const where = enclosing(node, analysis.bindings);
        const replaced = observation.kind === 'voided' ? observation.operator : outermost(node);
        if (canYield(where.kind) && !(where.fn?.async ?? false)) {
          const text = sourceCode.getText(outermost(node));
          suggest.push({
            messageId: 'yieldStar',
            fix: (fixer) => replaceExpression(fixer, sourceCode, replaced, `yield* ${text}`, 'assignment'),
          });
        }
        const definition = generatorDefinition(analysis, node.callee);
        if (definition && canWrap(definition)) {
          suggest.push({
            messageId: 'wrapInCoroutine',
            fix(fixer) {
              const coroutine = runtimeReference(fixer, context, analysis, definition.node, 'coroutine');
              return [...coroutine.fixes, wrapDefinition(fixer, sourceCode, definition, coroutine.text)];
            },
          });
        }
        context.report({ node, messageId: 'floating', suggest });
      },
    };
  },
});

export default rule;
