import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from '@typescript-eslint/utils';
import * as fs from 'node:fs';
import * as path from 'node:path';
// A default import: a namespace import would copy typescript's thousands of exports at load time.
import ts from 'typescript';

const packageNameOfDirectory = new Map<string, string | null>();

/**
 * The `name` of the nearest `package.json` above `file` (cached per directory).
 *
 * @example
 * packageNameOf('/repo/node_modules/gust/dist/src/future.d.ts'); // 'gust'
 */
export function packageNameOf(file: string): string | null {
  const start = path.dirname(file);
  const visited: string[] = [];
  let directory = start;
  let found: string | null = null;
  for (;;) {
    const known = packageNameOfDirectory.get(directory);
    if (known !== undefined) {
      found = known;
      break;
    }
    visited.push(directory);
    const manifest = path.join(directory, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        const parsed: unknown = JSON.parse(fs.readFileSync(manifest, 'utf8'));
        const name = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).name : undefined;
        if (typeof name === 'string') {
          found = name;
          break;
        }
      } catch {
        // An unreadable manifest says nothing about the package; keep looking upwards.
      }
    }
    const parent = path.dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  for (const directoryVisited of visited) packageNameOfDirectory.set(directoryVisited, found);
  return found;
}

/**
 * Answers type questions about the runtime's `Future` through the TypeScript checker. A
 * type counts only when it is the `Future` class declared inside the runtime package (or
 * a subclass of it): a user's own class that happens to be called `Future` does not.
 *
 * @example
 * const types = new FutureTypes(services, ['gust']);
 * types.isFuture(services.getTypeAtLocation(node)); // true for `Future<number> | undefined`
 */
export class FutureTypes {
  private readonly checker: ts.TypeChecker;
  private readonly verdicts = new Map<ts.Symbol, boolean>();

  constructor(
    readonly services: ParserServicesWithTypeInformation,
    private readonly runtimeModules: readonly string[],
  ) {
    this.checker = services.program.getTypeChecker();
  }

  /** The type of an ESTree node. */
  typeOf(node: TSESTree.Node): ts.Type {
    return this.services.getTypeAtLocation(node);
  }

  /** `any`, `unknown` or an unresolved type: the checker cannot say, so syntax has to. */
  isUnknowable(type: ts.Type): boolean {
    return (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
  }

  /** Whether `type`, or one member of its union or intersection, is the runtime's Future. */
  isFuture(type: ts.Type): boolean {
    if (type.isUnionOrIntersection()) return type.types.some((part) => this.isFuture(part));
    const symbol = type.getSymbol();
    if (!symbol) return false;
    const known = this.verdicts.get(symbol);
    if (known !== undefined) return known;
    this.verdicts.set(symbol, false);
    const verdict = this.isRuntimeFuture(type, symbol) || this.baseIsFuture(type);
    this.verdicts.set(symbol, verdict);
    return verdict;
  }

  /** Whether calling a value of this type can give a Future (some call signature returns one). */
  returnsFuture(type: ts.Type): boolean {
    const parts = type.isUnion() ? type.types : [type];
    return parts.some((part) =>
      part.getCallSignatures().some((signature) => this.isFuture(this.checker.getReturnTypeOfSignature(signature))),
    );
  }

  /**
   * Whether `callee` names a method decorated with the runtime's `@coroutine`, wherever it
   * is declared: the decorator cannot change the method's declared type, so the type
   * alone would call it a generator.
   */
  isDecoratedCoroutine(callee: TSESTree.Node): boolean {
    const target = callee.type === AST_NODE_TYPES.MemberExpression ? callee.property : callee;
    if (target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.PrivateIdentifier) return false;
    const symbol = this.checker.getSymbolAtLocation(this.services.esTreeNodeToTSNodeMap.get(target));
    return (symbol?.getDeclarations() ?? []).some(
      (declaration) =>
        ts.isMethodDeclaration(declaration) &&
        (ts.getDecorators(declaration) ?? []).some((decorator) => this.isRuntimeCoroutine(decorator.expression)),
    );
  }

  private isRuntimeCoroutine(expression: ts.Expression): boolean {
    const named = ts.isCallExpression(expression) ? expression.expression : expression;
    let symbol = this.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(named) ? named.name : named);
    if (symbol && (symbol.flags & ts.SymbolFlags.Alias) !== 0) symbol = this.checker.getAliasedSymbol(symbol);
    if (!symbol || symbol.getName() !== 'coroutine') return false;
    return (symbol.getDeclarations() ?? []).some((declaration) => {
      if (this.inAmbientRuntimeModule(declaration)) return true;
      const owner = packageNameOf(declaration.getSourceFile().fileName);
      return owner !== null && this.runtimeModules.includes(owner);
    });
  }

  private isRuntimeFuture(type: ts.Type, symbol: ts.Symbol): boolean {
    if (symbol.getName() !== 'Future') return false;
    // The nearest package.json of the declaring file names its package. That also covers a
    // workspace or linked runtime, which TypeScript does not count as an external library.
    // (typescript-eslint's typeMatchesSpecifier needs type-utils, whose load alone costs
    // about a tenth of a typed lint run of 150 files.)
    return (symbol.getDeclarations() ?? []).some((declaration) => {
      if (this.inAmbientRuntimeModule(declaration)) return true;
      const owner = packageNameOf(declaration.getSourceFile().fileName);
      return owner !== null && this.runtimeModules.includes(owner);
    });
  }

  /** Inside `declare module 'gust' { ... }`: the runtime's types declared by hand, as a workspace may. */
  private inAmbientRuntimeModule(declaration: ts.Node): boolean {
    for (let node: ts.Node | undefined = declaration.parent; node && !ts.isSourceFile(node); node = node.parent) {
      if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name) && this.runtimeModules.includes(node.name.text)) return true;
    }
    return false;
  }

  private baseIsFuture(type: ts.Type): boolean {
    const target = (type.flags & ts.TypeFlags.Object) !== 0 && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference
      ? (type as ts.TypeReference).target
      : type;
    if (!target.isClassOrInterface()) return false;
    return (this.checker.getBaseTypes(target) ?? []).some((base) => this.isFuture(base));
  }
}
