/**
 * Which open files depend on a changed one, read from the typed program: with type
 * information, a change in one file can change another file's results.
 */
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * The files among `candidates` that import `changed`, directly or through other files of
 * the program (declaration files and packages are not followed).
 *
 * @example
 * importersOf(program, '/w/lib.ts', ['/w/use.ts', '/w/other.ts']); // ['/w/use.ts']
 */
export function importersOf(program: ts.Program, changed: string, candidates: readonly string[]): string[] {
  const options = program.getCompilerOptions();
  const cache = ts.createModuleResolutionCache(program.getCurrentDirectory(), (f) => f, options);
  const importers = new Map<string, Set<string>>();
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || file.fileName.includes('/node_modules/')) continue;
    const from = path.resolve(file.fileName);
    for (const ref of ts.preProcessFile(file.text, true, true).importedFiles) {
      const resolved = ts.resolveModuleName(ref.fileName, file.fileName, options, ts.sys, cache).resolvedModule?.resolvedFileName;
      if (!resolved) continue;
      const to = path.resolve(resolved);
      let set = importers.get(to);
      if (!set) importers.set(to, (set = new Set()));
      set.add(from);
    }
  }
  const reached = new Set<string>();
  const queue = [path.resolve(changed)];
  while (queue.length) {
    for (const importer of importers.get(queue.pop()!) ?? []) {
      if (reached.has(importer)) continue;
      reached.add(importer);
      queue.push(importer);
    }
  }
  return candidates.filter((c) => reached.has(path.resolve(c)));
}

/**
 * The TypeScript program behind a typed lint run, if the parser made one.
 *
 * @example
 * const program = programOf(linter.getSourceCode().parserServices);
 */
export function programOf(parserServices: unknown): ts.Program | undefined {
  const program = typeof parserServices === 'object' && parserServices !== null ? (parserServices as { program?: unknown }).program : undefined;
  return program && typeof (program as ts.Program).getSourceFiles === 'function' ? (program as ts.Program) : undefined;
}
