import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { CoroutineBindings } from './bindings';
import { ImportResolver, isNeverReassigned, memberName, skipTsWrappers } from './imports';
import { type GustSettings, readSettings } from './settings';
import { FutureTypes } from './types';

/** The runtime's functions that return a Future. */
export const RUNTIME_FUTURE_FUNCTIONS: ReadonlySet<string> = new Set([
  'sleep',
  'multi',
  'multiFuture',
  'withTimeout',
  'task',
  'convertYielded',
]);

/** Why an expression is known to give a Future. */
export type FutureSource =
  /** a runtime function (`sleep`, `task`, `loop.runInExecutor`, `executor.submit`...) */
  | 'runtime'
  /** a coroutine defined in this file */
  | 'coroutine'
  /** a name listed in `settings.gust.coroutines` */
  | 'setting'
  /** the type checker says its type is the runtime's Future */
  | 'type';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The dotted path of a callee (`a.b.c`, `this.run`), or null when part of it is computed. */
export function calleePath(node: TSESTree.Node): string | null {
  const inner = skipTsWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (inner.type === AST_NODE_TYPES.ChainExpression) return calleePath(inner.expression);
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(inner);
    const object = calleePath(inner.object);
    return name !== null && object !== null ? `${object}.${name}` : null;
  }
  return null;
}

/**
 * The shared answer to "does this expression produce a Future?", for one file. With type
 * information the checker decides (falling back to syntax where a type is `any`); without
 * it, the runtime's exports, the file's own coroutines and `settings.gust.coroutines` do.
 *
 * @example
 * const analysis = getAnalysis(context);
 * if (analysis.futureSource(node) !== null && observe(node).kind === 'discarded') context.report(...);
 */
export class FutureAnalysis {
  readonly settings: GustSettings;
  readonly resolver: ImportResolver;
  readonly bindings: CoroutineBindings;
  /** Present when the file was parsed with type information. */
  readonly types: FutureTypes | null;

  constructor(readonly sourceCode: Readonly<TSESLint.SourceCode>, settings: GustSettings) {
    this.settings = settings;
    this.resolver = new ImportResolver(sourceCode, settings.runtimeModules);
    this.bindings = new CoroutineBindings(this.resolver);
    const services = sourceCode.parserServices as Partial<ParserServicesWithTypeInformation> | undefined;
    this.types =
      services?.program && services.esTreeNodeToTSNodeMap
        ? new FutureTypes(services as ParserServicesWithTypeInformation, settings.runtimeModules)
        : null;
  }

  /** Whether this file is linted with type information. */
  get typed(): boolean {
    return this.types !== null;
  }

  /** Why `node` evaluates to a Future, or null when it does not (or nothing shows it does). */
  futureSource(node: TSESTree.Node): FutureSource | null {
    const inner = skipTsWrappers(node);
    if (this.types) {
      const type = this.types.typeOf(inner);
      if (!this.types.isUnknowable(type)) {
        if (this.types.isFuture(type)) return 'type';
        const call = inner.type === AST_NODE_TYPES.ChainExpression ? inner.expression : inner;
        return call.type === AST_NODE_TYPES.CallExpression && this.types.isDecoratedCoroutine(skipTsWrappers(call.callee))
          ? 'type'
          : null;
      }
    }
    return this.syntacticSource(inner);
  }

  /** Whether calling `node` gives a Future: the coroutine itself rather than a call of it. */
  isCoroutineFunction(node: TSESTree.Node): boolean {
    const inner = skipTsWrappers(node);
    if (this.types) {
      const type = this.types.typeOf(inner);
      if (!this.types.isUnknowable(type)) return this.types.returnsFuture(type) || this.types.isDecoratedCoroutine(inner);
    }
    return this.calleeSource(inner) !== null;
  }

  /** Whether `node` is an IOLoop: `IOLoop.current()`, `IOLoop.instance()`, `new IOLoop()` or a constant holding one. */
  isIOLoop(node: TSESTree.Node, depth = 0): boolean {
    const inner = skipTsWrappers(node);
    if (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(inner.callee);
      return (name === 'current' || name === 'instance') && this.resolver.isExport(inner.callee.object, 'IOLoop');
    }
    if (inner.type === AST_NODE_TYPES.NewExpression) return this.resolver.isExport(inner.callee, 'IOLoop');
    return depth < 4 && this.constantSatisfies(inner, (init) => this.isIOLoop(init, depth + 1));
  }

  /** Whether `node` is a `ThreadPoolExecutor`: `new ThreadPoolExecutor(n)` or a constant holding one. */
  isExecutor(node: TSESTree.Node, depth = 0): boolean {
    const inner = skipTsWrappers(node);
    if (inner.type === AST_NODE_TYPES.NewExpression) return this.resolver.isExport(inner.callee, 'ThreadPoolExecutor');
    return depth < 4 && this.constantSatisfies(inner, (init) => this.isExecutor(init, depth + 1));
  }

  private constantSatisfies(node: TSESTree.Node, test: (init: TSESTree.Expression) => boolean): boolean {
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = this.resolver.variableOf(node);
    if (!variable || variable.defs.length !== 1 || !isNeverReassigned(variable)) return false;
    const def = variable.defs[0];
    return def.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init !== null && test(def.node.init);
  }

  private syntacticSource(node: TSESTree.Node): FutureSource | null {
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
        return this.calleeSource(skipTsWrappers(node.callee));
      case AST_NODE_TYPES.NewExpression:
        return this.resolver.isExport(node.callee, 'Future') ? 'runtime' : null;
      case AST_NODE_TYPES.ChainExpression:
        return this.syntacticSource(skipTsWrappers(node.expression));
      case AST_NODE_TYPES.ConditionalExpression:
        return this.futureSource(node.consequent) ?? this.futureSource(node.alternate);
      case AST_NODE_TYPES.LogicalExpression:
        return this.futureSource(node.left) ?? this.futureSource(node.right);
      case AST_NODE_TYPES.SequenceExpression:
        return this.futureSource(node.expressions[node.expressions.length - 1]);
      default:
        return null;
    }
  }

  /** Why calling `callee` gives a Future. */
  calleeSource(callee: TSESTree.Node): FutureSource | null {
    const ref = this.resolver.resolve(callee);
    if (ref?.kind === 'export') return RUNTIME_FUTURE_FUNCTIONS.has(ref.name) ? 'runtime' : null;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(callee);
      if (name === 'runInExecutor' && this.isIOLoop(callee.object)) return 'runtime';
      if (name === 'submit' && this.isExecutor(callee.object)) return 'runtime';
    }
    if (this.bindings.isCoroutineValue(callee)) return 'coroutine';
    if (this.matchesSetting(callee)) return 'setting';
    return null;
  }

  private matchesSetting(callee: TSESTree.Node): boolean {
    if (this.settings.coroutines.length === 0) return false;
    const dotted = calleePath(callee);
    if (dotted === null) return false;
    const last = dotted.slice(dotted.lastIndexOf('.') + 1);
    return this.settings.coroutines.some((entry) => (entry.includes('.') ? entry === dotted : entry === last));
  }
}

const analyses = new WeakMap<object, FutureAnalysis>();

/**
 * The file's shared analysis: built once per file and reused by every gust rule.
 *
 * @example
 * create(context) { const analysis = getAnalysis(context); ... }
 */
export function getAnalysis(context: AnyContext): FutureAnalysis {
  const sourceCode = context.sourceCode;
  const settings = readSettings(context);
  const known = analyses.get(sourceCode);
  if (known && known.settings === settings) return known;
  const analysis = new FutureAnalysis(sourceCode, settings);
  analyses.set(sourceCode, analysis);
  return analysis;
}
