import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isGlobalName } from './callbacks';
import { type ImportResolver, memberName, skipTsWrappers } from './imports';

/** The Node.js modules whose synchronous functions block the event loop. */
export type BlockingModule = 'fs' | 'child_process' | 'zlib' | 'crypto';

/**
 * A call known to block the thread it runs on, with the non-blocking API that replaces it.
 *
 * @example
 * { module: 'fs', name: 'readFileSync', promisesName: 'readFile', specifier: 'node:fs' } // fs.readFileSync -> fs.promises.readFile
 */
export interface BlockingCall {
  /** The module the function comes from, or `Atomics` for `Atomics.wait`. */
  readonly module: BlockingModule | 'Atomics';
  /** The export's name, like `readFileSync`. */
  readonly name: string;
  /** The `fs.promises` function doing the same work without blocking, when there is one. */
  readonly promisesName: string | null;
  /** The module specifier as the file wrote it (`node:fs`, `fs`), for code that has to load it again. */
  readonly specifier: string | null;
}

/**
 * `fs.xSync` functions whose `fs.promises.x` twin takes the same arguments and gives the
 * same result. The fd-based ones (`readSync`, `openSync`...) are left out on purpose: the
 * promises API works on `FileHandle` objects instead of numbers.
 */
const FS_PROMISES = new Set([
  'access',
  'appendFile',
  'chmod',
  'chown',
  'copyFile',
  'cp',
  'lchown',
  'link',
  'lstat',
  'lutimes',
  'mkdir',
  'mkdtemp',
  'opendir',
  'readdir',
  'readFile',
  'readlink',
  'realpath',
  'rename',
  'rm',
  'rmdir',
  'stat',
  'statfs',
  'symlink',
  'truncate',
  'unlink',
  'utimes',
  'writeFile',
]);

/** The `crypto` functions slow enough to matter (key derivation, key and prime generation). */
const HEAVY_CRYPTO = new Set(['pbkdf2Sync', 'scryptSync', 'generateKeyPairSync', 'generatePrimeSync', 'checkPrimeSync']);

const MODULES: readonly BlockingModule[] = ['fs', 'child_process', 'zlib', 'crypto'];

function blockingExport(module: BlockingModule, name: string, specifier: string): BlockingCall | null {
  if (!name.endsWith('Sync')) return null;
  if (module === 'crypto' && !HEAVY_CRYPTO.has(name)) return null;
  const base = name.slice(0, -'Sync'.length);
  const promisesName = module === 'fs' && FS_PROMISES.has(base) ? base : null;
  return { module, name, promisesName, specifier };
}

/** The Node.js module a specifier names (`node:fs` and `fs` are the same module), or null. */
function builtinModule(specifier: string): BlockingModule | null {
  const bare = specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
  return (MODULES as readonly string[]).includes(bare) ? (bare as BlockingModule) : null;
}

/**
 * Recognises blocking calls (`fs.*Sync`, `child_process.*Sync`, `zlib.*Sync`, heavy
 * `crypto.*Sync`, `Atomics.wait`) under every import style, through the shared import
 * resolver, so a local function that merely shares a name never counts.
 *
 * @example
 * const finder = new BlockingCallFinder(context.sourceCode, analysis.resolver);
 * finder.match(call); // { module: 'fs', name: 'readFileSync', promisesName: 'readFile' } for `readFileSync(p)` after `import { readFileSync } from 'node:fs'`
 */
export class BlockingCallFinder {
  /** Whether the file names one of the modules at all; most do not, and then no callee needs resolving. */
  private readonly mentionsModules: boolean;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly resolver: ImportResolver,
  ) {
    this.mentionsModules = /['"`](?:node:)?(?:fs|child_process|zlib|crypto)['"`]/.test(sourceCode.text);
  }

  /** The blocking function `call` invokes, or null when it is not a known blocking call. */
  match(call: TSESTree.CallExpression): BlockingCall | null {
    const callee = skipTsWrappers(call.callee);
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      memberName(callee) === 'wait' &&
      isGlobalName(this.sourceCode, callee.object, 'Atomics')
    ) {
      return { module: 'Atomics', name: 'wait', promisesName: null, specifier: null };
    }
    if (!this.mentionsModules) return null;
    // Every blocking export ends in `Sync`; an identifier may be a renamed import, so it is resolved anyway.
    if (callee.type === AST_NODE_TYPES.MemberExpression && !memberName(callee)?.endsWith('Sync')) return null;
    if (callee.type !== AST_NODE_TYPES.MemberExpression && callee.type !== AST_NODE_TYPES.Identifier) return null;
    const ref = this.resolver.resolveModule(callee);
    const module = ref === null || ref.name === null ? null : builtinModule(ref.module);
    return module === null || ref?.name == null ? null : blockingExport(module, ref.name, ref.module);
  }

  /**
   * A binding through which the file reaches `module` as a whole (`fs` after
   * `import * as fs from 'fs'`, `import fs from 'node:fs'` or `const fs = require('fs')`),
   * visible from `from`; null when the file only has named imports.
   */
  moduleBinding(module: BlockingModule, from: TSESTree.Node): string | null {
    for (let scope: TSESLint.Scope.Scope | null = this.sourceCode.getScope(from); scope; scope = scope.upper) {
      for (const variable of scope.variables) {
        const name = variable.identifiers[0];
        const ref = name ? this.resolver.resolveModule(name) : null;
        if (ref !== null && ref.name === null && builtinModule(ref.module) === module) return variable.name;
      }
    }
    return null;
  }
}

/** True for a read of the wall or monotonic clock: `Date.now()`, `performance.now()`, `new Date().getTime()`, `process.hrtime()`. */
export function isClockRead(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const inner = skipTsWrappers(node);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTsWrappers(inner.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(callee);
  const object = skipTsWrappers(callee.object);
  if (name === 'now') return isGlobalName(sourceCode, object, 'Date') || isGlobalName(sourceCode, object, 'performance');
  if (name === 'getTime' || name === 'valueOf') {
    return object.type === AST_NODE_TYPES.NewExpression && isGlobalName(sourceCode, object.callee, 'Date');
  }
  if (name === 'hrtime') return isGlobalName(sourceCode, object, 'process');
  if (name === 'bigint') {
    return (
      object.type === AST_NODE_TYPES.MemberExpression &&
      memberName(object) === 'hrtime' &&
      isGlobalName(sourceCode, object.object, 'process')
    );
  }
  return false;
}
