/**
 * A document cut into its top-level statements ("units") with what each one names and
 * mentions, so a change inside one unit can be re-linted with only the units it can
 * affect (see incremental.ts). TypeScript's own parser does the cutting: it is several
 * times cheaper than the ESTree conversion ESLint needs.
 */
import * as ts from 'typescript';

/** One top-level statement that is not an import. */
export interface Unit {
  /** Offsets of the statement (without its leading trivia) in the text. */
  start: number;
  end: number;
  /** Names the statement declares at module level. */
  names: string[];
  /** Every identifier text that occurs in it (a name-level over-approximation of its references). */
  ids: Set<string>;
  /** Identifiers it may write from inside a function body: assigned, updated, or given a member. */
  writes: Set<string>;
  /** Identifiers outside its function bodies: what its declarations are made of. */
  headIds: Set<string>;
  /** Names it uses as variables anywhere (not as properties or declarations of its own). */
  refs: Set<string>;
  /**
   * Whether it only declares names with values a name lookup does not follow: a variable
   * statement whose initializers are all calls, functions, classes or literals (or
   * absent), a function or class declaration. Out of reach, it can stand as its names.
   */
  compact: boolean;
  /** The bodies of its outermost functions: the spans that can be blanked out (inside the braces). */
  bodies: Body[];
  /**
   * Initializers of its declarations that are calls, functions, classes or literals (a
   * name lookup follows only identifiers, member chains and `require`): when nothing kept
   * mentions the statement's names, each can stand as just the list of names it uses.
   */
  values: Body[];
}

/** A function body that may be blanked out, and the names it refers to. */
export interface Body {
  /** Offsets just inside its braces. */
  start: number;
  end: number;
  /**
   * Each name the body reads or writes as a variable (not a property or a declaration
   * of its own), with the offset of its first such use: a blanked body keeps one
   * reference to each, so "is this import used elsewhere?" keeps its answer.
   */
  refs: Array<[string, number]>;
}

/** A document's units, or why it cannot be cut into them. */
export interface Units {
  units: Unit[];
  /** Local names bound by import declarations. */
  imports: Set<string>;
  /** Offsets of every import declaration, in order. */
  importSpans: Array<[number, number]>;
  /**
   * TypeScript's tree of the text: the next version's parse starts from it. That parse
   * reuses (and moves) its nodes, so it is taken away then, used or not.
   */
  sourceFile?: ts.SourceFile;
}

/** An earlier cut and how the text changed since: unchanged statements keep their descriptions. */
export interface Earlier {
  cut: Units;
  start: number;
  oldEnd: number;
  newEnd: number;
}

const SCRIPT_KINDS: Readonly<Record<string, ts.ScriptKind>> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.jsx': ts.ScriptKind.JSX,
};

function scriptKind(filePath: string): ts.ScriptKind {
  const ext = /\.[^./\\]+$/.exec(filePath)?.[0] ?? '';
  return SCRIPT_KINDS[ext] ?? ts.ScriptKind.JS;
}

function bindingNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) {
    out.push(name.text);
    return;
  }
  for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name, out);
}

function declaredNames(statement: ts.Statement): string[] {
  const names: string[] = [];
  if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) bindingNames(declaration.name, names);
  } else if (
    (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) &&
    statement.name &&
    ts.isIdentifier(statement.name)
  ) {
    names.push(statement.name.text);
  } else if (ts.isImportEqualsDeclaration(statement)) {
    names.push(statement.name.text);
  }
  return names;
}

const skipParens = (node: ts.Expression): ts.Expression => {
  let inner = node;
  while (ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isNonNullExpression(inner) || ts.isSatisfiesExpression(inner)) {
    inner = inner.expression;
  }
  return inner;
};

/** The identifier a write lands on: `x`, or the root of `x.a.b` / `x[k]`. */
function writeRoots(target: ts.Expression, out: Set<string>, members: boolean): void {
  const inner = skipParens(target);
  if (ts.isIdentifier(inner)) out.add(inner.text);
  else if (members && (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner))) writeRoots(inner.expression, out, true);
  else if (ts.isArrayLiteralExpression(inner) || ts.isObjectLiteralExpression(inner)) {
    // destructuring assignment: every identifier in the pattern may be written
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) out.add(node.text);
      else ts.forEachChild(node, visit);
    };
    visit(inner);
  }
}

/** A value a rule may read as a coroutine when it is stored on an object (`obj.run = coroutine(...)`). */
const mayBeCallable = (value: ts.Expression): boolean => {
  const inner = skipParens(value);
  return ts.isCallExpression(inner) || ts.isFunctionExpression(inner) || ts.isArrowFunction(inner) || ts.isClassExpression(inner) || ts.isIdentifier(inner);
};

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

const OPAQUE_VALUE = new Set([
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.NewExpression,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.ClassExpression,
  ts.SyntaxKind.ObjectLiteralExpression,
  ts.SyntaxKind.ArrayLiteralExpression,
]);

function isCompact(statement: ts.Statement): boolean {
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) return statement.name !== undefined;
  if (!ts.isVariableStatement(statement)) return false;
  return statement.declarationList.declarations.every((d) => !d.initializer || OPAQUE_VALUE.has(skipParens(d.initializer).kind));
}

/** Whether `child` is a name that is not a variable reference: a property, a declaration, a label. */
function isNamePosition(parent: ts.Node, child: ts.Node): boolean {
  if (ts.isShorthandPropertyAssignment(parent)) return false;
  const p = parent as unknown as Record<string, unknown>;
  return p.name === child || p.propertyName === child || p.label === child || (ts.isQualifiedName(parent) && parent.right === child);
}

function describe(statement: ts.Statement, sourceFile: ts.SourceFile): Unit {
  const unit: Unit = {
    start: statement.getStart(sourceFile),
    end: statement.end,
    names: declaredNames(statement),
    ids: new Set(),
    headIds: new Set(),
    refs: new Set(),
    compact: isCompact(statement),
    writes: new Set(),
    bodies: [],
    values: [],
  };
  type Open = Body & { seen: Set<string> };
  let body: Open | undefined;
  let value: Open | undefined;
  const note = (span: Open | undefined, node: ts.Identifier, parent: ts.Node) => {
    if (!span || span.seen.has(node.text) || isNamePosition(parent, node)) return;
    const at = node.getStart(sourceFile);
    if (at < span.start || at >= span.end) return;
    span.seen.add(node.text);
    span.refs.push([node.text, at]);
  };
  const visit = (node: ts.Node, inFunction: boolean, parent: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      unit.ids.add(node.text);
      if (!inFunction) unit.headIds.add(node.text);
      if (!isNamePosition(parent, node)) unit.refs.add(node.text);
      note(body, node, parent);
      note(value, node, parent);
      return;
    }
    if (!inFunction && ts.isVariableDeclaration(node) && node.initializer && OPAQUE_VALUE.has(skipParens(node.initializer).kind) && ts.isVariableStatement(statement)) {
      value = { start: node.initializer.getStart(sourceFile), end: node.initializer.end, refs: [], seen: new Set() };
      ts.forEachChild(node, (child) => visit(child, inFunction, node));
      unit.values.push({ start: value.start, end: value.end, refs: value.refs });
      value = undefined;
      return;
    }
    if (!inFunction && ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.BlockScoped) === 0) {
      // `var` in a top-level block or loop still declares a module-level name
      for (const declaration of node.declarations) bindingNames(declaration.name, unit.names);
    }
    if (inFunction) {
      if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind)) {
        writeRoots(node.left, unit.writes, mayBeCallable(node.right));
      } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
        writeRoots(node.operand, unit.writes, false);
      } else if ((ts.isForInStatement(node) || ts.isForOfStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) {
        writeRoots(node.initializer, unit.writes, false);
      }
    }
    if (!inFunction && ts.isFunctionLike(node) && 'body' in node && node.body && ts.isBlock(node.body)) {
      body = { start: node.body.getStart(sourceFile) + 1, end: node.body.end - 1, refs: [], seen: new Set() };
      ts.forEachChild(node, (child) => visit(child, true, node));
      unit.bodies.push({ start: body.start, end: body.end, refs: body.refs });
      body = undefined;
      return;
    }
    ts.forEachChild(node, (child) => visit(child, inFunction, node));
  };
  // Statements outside functions run once at load; their writes are visible to every run anyway.
  visit(statement, false, sourceFile);
  unit.names = [...new Set(unit.names)];
  return unit;
}

function parse(text: string, filePath: string, earlier?: Earlier): ts.SourceFile {
  const base = earlier?.cut.sourceFile;
  if (earlier && base) {
    earlier.cut.sourceFile = undefined;
    const span = { start: earlier.start, length: earlier.oldEnd - earlier.start };
    try {
      return ts.updateSourceFile(base, text, { span, newLength: earlier.newEnd - earlier.start });
    } catch {
      // an incremental parse TypeScript refuses: parse afresh
    }
  }
  return ts.createSourceFile(filePath, text, ts.ScriptTarget.Latest, false, scriptKind(filePath));
}

/** The earlier description of a statement the change did not touch, moved to its new place. */
function reuse(earlier: Earlier | undefined, index: number, start: number, end: number): Unit | undefined {
  const old = earlier?.cut.units[index];
  if (!earlier || !old) return undefined;
  if (old.end <= earlier.start && old.start === start && old.end === end) return old;
  const delta = earlier.newEnd - earlier.oldEnd;
  if (old.start < earlier.oldEnd || old.start + delta !== start || old.end + delta !== end) return undefined;
  const move = (spans: Body[]): Body[] => spans.map((b) => ({ start: b.start + delta, end: b.end + delta, refs: b.refs.map(([name, at]): [string, number] => [name, at + delta]) }));
  return { ...old, start, end, bodies: move(old.bodies), values: move(old.values) };
}

/**
 * Cuts `text` into units, or returns a reason it cannot be (a syntax error: only a full
 * run reports it the way ESLint does). Given the `earlier` cut, TypeScript re-parses
 * incrementally (the earlier cut's tree is then spent) and untouched statements are not
 * walked again.
 *
 * @example
 * const cut = cutIntoUnits('export const f = coroutine(function* () { yield g(); });', '/w/a.ts');
 * // cut.units[0].names → ['f'], cut.units[0].bodies → [[40, 52]]
 */
export function cutIntoUnits(text: string, filePath: string, earlier?: Earlier): Units | string {
  const sourceFile = parse(text, filePath, earlier);
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  if (diagnostics === undefined) return 'the TypeScript parser gave no diagnostics list';
  if (diagnostics.length > 0) return 'the text has a syntax error';
  const cut: Units = { units: [], imports: new Set(), importSpans: [], sourceFile };
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) cut.imports.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) cut.imports.add(bindings.name.text);
      else if (bindings) for (const element of bindings.elements) cut.imports.add(element.name.text);
      cut.importSpans.push([statement.getStart(sourceFile), statement.end]);
    } else {
      const start = statement.getStart(sourceFile);
      cut.units.push(reuse(earlier, cut.units.length, start, statement.end) ?? describe(statement, sourceFile));
    }
  }
  return cut;
}
