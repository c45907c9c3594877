// Bundles the extension and the language server into one file each (dist/extension.js,
// dist/server.js), so the VSIX carries no node_modules: vsce and npm workspaces'
// symlinked packages do not mix. Bundles the compiled output of `tsc -b`, so what ships
// is what the tests ran. Usage: node esbuild.js [--no-minify]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const here = __dirname;
const entries = {
  extension: path.join(here, 'out/src/extension.js'),
  server: path.join(here, '../server/dist/src/bin.js'),
};

class MissingBuildError extends Error {
  constructor(file) {
    super(`${path.relative(process.cwd(), file)} does not exist: run "npx tsc -b" at the repository root first.`);
    this.name = 'MissingBuildError';
  }
}

// TypeScript looks for lib.*.d.ts beside the file that runs it, here dist/server.js:
// without them typed linting knows no Array or Promise, and misses what `eslint` finds.
function copyTypeScriptLibs(outdir) {
  const libDir = path.dirname(require.resolve('typescript/lib/lib.d.ts'));
  const libs = fs.readdirSync(libDir).filter((name) => /^lib\..*\.d\.ts$/.test(name) || name === 'lib.d.ts');
  for (const name of fs.readdirSync(outdir)) {
    if (name.startsWith('lib.') && name.endsWith('.d.ts')) fs.rmSync(path.join(outdir, name));
  }
  for (const name of libs) fs.copyFileSync(path.join(libDir, name), path.join(outdir, name));
  return libs.length;
}

async function main() {
  for (const file of Object.values(entries)) {
    if (!fs.existsSync(file)) throw new MissingBuildError(file);
  }
  // The same clock as activate() uses, compiled from src/activation.ts.
  const { INSTANT_SOURCE } = require('./out/src/activation.js');
  const minify = !process.argv.includes('--no-minify');
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // The oldest Node a supported VS Code runs extensions on.
    target: 'node20',
    minify,
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
  };
  const builds = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: { extension: entries.extension },
      outdir: path.join(here, 'dist'),
      external: ['vscode'],
      // Lets activate() report the time spent loading this bundle.
      banner: { js: `var __gustBundleStart = ${INSTANT_SOURCE};` },
      footer: { js: `var __gustBundleEnd = ${INSTANT_SOURCE};` },
    }),
    esbuild.build({
      ...common,
      entryPoints: { server: entries.server },
      outdir: path.join(here, 'dist'),
      // ESLint loads jiti only for a workspace's eslint.config.ts, from the workspace;
      // bundling it would ship a TypeScript loader nobody else uses.
      external: ['jiti', 'jiti/*'],
    }),
  ]);
  const libs = copyTypeScriptLibs(path.join(here, 'dist'));
  console.log(`dist/lib.*.d.ts: ${libs} files (TypeScript's default libraries, for typed linting)`);
  for (const { metafile } of builds) {
    for (const [file, { bytes }] of Object.entries(metafile.outputs)) {
      if (file.endsWith('.js')) console.log(`${path.relative(here, file)}: ${(bytes / 1024).toFixed(0)} KiB`);
    }
  }
}

main().catch((error) => {
  console.error(`esbuild.js: ${error.message}`);
  process.exitCode = 1;
});
