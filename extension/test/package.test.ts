// The VSIX as users get it: built with `npm run package`, its files listed, its manifest
// checked, and its bundled server started from the unpacked archive, outside the repo,
// so a module left out of the bundle cannot be found in node_modules.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as semver from 'semver';
import { DEFAULT_SETTINGS } from 'gust-language-server';
import * as plugin from 'eslint-plugin-gust';
import { startServer } from './lsp-client';
import { type VsixEntry, extractVsix, listVsix } from './vsix';

const extensionDir = path.resolve(__dirname, '../..');
const vsixFile = path.join(extensionDir, 'gust-vscode.vsix');
const fixtures = path.join(extensionDir, 'test/fixtures/workspace');
const MAX_VSIX_BYTES = 10 * 1024 * 1024;

interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: {
    configuration: { properties: Record<string, Record<string, unknown>> };
    commands: { command: string; title: string; category: string }[];
    snippets: { language: string; path: string }[];
  };
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

// An installed package's package.json, even when its "exports" do not list it.
function installedManifest<T>(name: string): T {
  for (const dir of require.resolve.paths(name) ?? []) {
    const file = path.join(dir, name, 'package.json');
    if (fs.existsSync(file)) return readJson<T>(file);
  }
  throw new Error(`${name} is not installed: run npm ci at the repository root`);
}

describe('extension package (VSIX)', function () {
  this.timeout(180_000);
  let unpacked: string;
  let entries: VsixEntry[];
  let manifest: Manifest;

  before(async function () {
    // The package script itself: esbuild bundles, then vsce from .vscodeignore.
    execFileSync('npm', ['run', 'package'], { cwd: extensionDir, stdio: 'pipe' });
    entries = await listVsix(vsixFile);
    unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'gust-vsix-'));
    await extractVsix(vsixFile, unpacked);
    manifest = readJson<Manifest>(path.join(unpacked, 'extension/package.json'));
  });

  after(() => {
    if (unpacked) fs.rmSync(unpacked, { recursive: true, force: true });
  });

  describe('contents', () => {
    it('holds the two bundles, the snippets, the icon and the marketplace files, nothing else', () => {
      const names = entries.map((entry) => entry.name).filter((name) => !/^extension\/dist\/lib\..*d\.ts$/.test(name));
      assert.deepEqual(names.sort(), [
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/LICENSE.md',
        'extension/changelog.md',
        'extension/dist/extension.js',
        'extension/dist/server.js',
        'extension/images/icon.png',
        'extension/package.json',
        'extension/readme.md',
        'extension/snippets/gust.code-snippets',
      ]);
    });

    it("holds TypeScript's default libraries beside the server bundle, all of them", () => {
      const libDir = path.dirname(require.resolve('typescript/lib/lib.d.ts'));
      const expected = fs.readdirSync(libDir).filter((name) => /^lib\..*d\.ts$/.test(name));
      const shipped = entries.map((entry) => entry.name).filter((name) => /^extension\/dist\/lib\..*d\.ts$/.test(name));
      assert.deepEqual(shipped.map((name) => path.basename(name)).sort(), expected.sort());
      assert.ok(expected.includes('lib.es2022.full.d.ts'));
    });

    it('carries no node_modules', () => {
      assert.deepEqual(entries.filter((entry) => entry.name.includes('node_modules')), []);
    });

    it('stays within 10 MB', () => {
      const size = fs.statSync(vsixFile).size;
      assert.ok(size <= MAX_VSIX_BYTES, `the VSIX is ${size} bytes`);
    });

    it('leaves vscode out of the extension bundle and needs it at run time', () => {
      const bundle = fs.readFileSync(path.join(unpacked, 'extension/dist/extension.js'), 'utf8');
      assert.match(bundle, /require\("vscode"\)/);
      assert.doesNotMatch(fs.readFileSync(path.join(unpacked, 'extension/dist/server.js'), 'utf8'), /require\("vscode"\)/);
    });
  });

  describe('manifest', () => {
    it('activates on the four languages and points main at the bundle', () => {
      assert.deepEqual(manifest.activationEvents, [
        'onLanguage:typescript',
        'onLanguage:typescriptreact',
        'onLanguage:javascript',
        'onLanguage:javascriptreact',
      ]);
      assert.equal(manifest.main, './dist/extension.js');
    });

    it('asks for a VS Code that vscode-languageclient and @types/vscode support, up to 1.139', () => {
      const engine = semver.minVersion(manifest.engines.vscode);
      assert.ok(engine, `engines.vscode "${manifest.engines.vscode}" is not a range`);
      const clientEngine = installedManifest<{ engines: { vscode: string } }>('vscode-languageclient').engines.vscode;
      const clientMin = semver.minVersion(clientEngine);
      assert.ok(clientMin && semver.gte(engine, clientMin), `vscode-languageclient needs ${clientEngine}`);
      const types = installedManifest<{ version: string }>('@types/vscode').version;
      assert.ok(semver.gte(engine, types), `@types/vscode ${types} is newer than engines.vscode ${manifest.engines.vscode}`);
      assert.ok(semver.lt(engine, '1.140.0'), `engines.vscode ${manifest.engines.vscode} is newer than the VS Code tested (1.139)`);
    });

    it('contributes the settings, with the defaults the server assumes', () => {
      const properties = manifest.contributes.configuration.properties;
      assert.deepEqual(Object.keys(properties).sort(), ['gust.enable', 'gust.rules', 'gust.run', 'gust.trace.server', 'gust.typeAware']);
      assert.deepEqual(
        {
          enable: properties['gust.enable']?.default,
          run: properties['gust.run']?.default,
          typeAware: properties['gust.typeAware']?.default,
          rules: properties['gust.rules']?.default,
        },
        DEFAULT_SETTINGS,
      );
      assert.deepEqual(properties['gust.run']?.enum, ['onType', 'onSave']);
      assert.deepEqual(properties['gust.trace.server']?.enum, ['off', 'messages', 'verbose']);
      assert.deepEqual(properties['gust.rules']?.additionalProperties, { enum: ['off', 'warn', 'error'] });
      for (const [key, schema] of Object.entries(properties)) {
        assert.ok(schema.type, `${key} has a type`);
        assert.ok(schema.scope, `${key} has a scope`);
        assert.ok(schema.description ?? schema.markdownDescription, `${key} has a description`);
      }
    });

    it('offers a severity for every rule the plugin has in gust.rules', () => {
      const listed = Object.keys(manifest.contributes.configuration.properties['gust.rules']?.properties ?? {});
      const missing = Object.keys(plugin.rules).filter((name) => !listed.includes(`gust/${name}`));
      assert.deepEqual(missing, [], 'add these rules to contributes.configuration gust.rules.properties');
      assert.ok(Object.keys(plugin.rules).length > 0, 'the plugin has rules');
    });

    it('contributes the three commands, and the bundle registers each of them', () => {
      assert.deepEqual(manifest.contributes.commands.map((command) => command.command), [
        'gust.fixAll',
        'gust.restartServer',
        'gust.showOutput',
      ]);
      const bundle = fs.readFileSync(path.join(unpacked, 'extension/dist/extension.js'), 'utf8');
      for (const { command } of manifest.contributes.commands) assert.ok(bundle.includes(`"${command}"`), `${command} is registered`);
    });

    it('contributes the snippets for the four languages from one file in the VSIX', () => {
      assert.deepEqual(
        manifest.contributes.snippets.map((snippet) => snippet.language),
        ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'],
      );
      const files = new Set(manifest.contributes.snippets.map((snippet) => path.join(unpacked, 'extension', snippet.path)));
      assert.equal(files.size, 1);
      const snippets = readJson<Record<string, { prefix: string[]; body: string[] }>>([...files][0] ?? '');
      assert.deepEqual(
        Object.values(snippets).map((snippet) => snippet.prefix[0]),
        ['coroutine', 'spawnCallback', 'runSync', 'backgroundLoop'],
      );
      assert.match(snippets['Gust background loop']?.body.join('\n') ?? '', /while \(true\) \{\n\t\tyield \$\{2:work\}\(\);\n\t\tyield sleep\(/);
    });
  });

  describe('bundled server, run from the unpacked VSIX', () => {
    const settings = { gust: DEFAULT_SETTINGS };

    // A copy of the fixture workspace beside the unpacked VSIX, outside the repository.
    function workspaceCopy(): { dir: string; uri: (name: string) => string; text: (name: string) => string } {
      const dir = fs.mkdtempSync(path.join(unpacked, 'workspace-'));
      fs.cpSync(fixtures, dir, { recursive: true });
      return {
        dir,
        uri: (name) => pathToFileURL(path.join(dir, name)).toString(),
        text: (name) => fs.readFileSync(path.join(dir, name), 'utf8'),
      };
    }

    it('lints over stdio: a discarded coroutine call gets a diagnostic and a "Yield" quick fix', async () => {
      const server = startServer(path.join(unpacked, 'extension/dist/server.js'), 'stdio', unpacked, settings);
      try {
        const workspace = workspaceCopy();
        const uri = workspace.uri('unyielded.ts');
        const init = await server.initialize(pathToFileURL(workspace.dir).toString());
        assert.ok(init.capabilities.codeActionProvider, 'the server offers code actions');
        await server.open(uri, 'typescript', workspace.text('unyielded.ts'));
        const diagnostics = await server.diagnostics(uri, (list) => list.length > 0, 30_000);
        const discarded = diagnostics.find((diagnostic) => diagnostic.code === 'gust/no-unyielded-coroutine');
        assert.ok(discarded, `diagnostics: ${JSON.stringify(diagnostics)}`);
        assert.match(typeof discarded.message === 'string' ? discarded.message : discarded.message.value, /discarded/);
        assert.equal(discarded.source, 'gust');
        assert.equal(discarded.range.start.line, 7);
        const actions = await server.connection.sendRequest('textDocument/codeAction', {
          textDocument: { uri },
          range: discarded.range,
          context: { diagnostics: [discarded], only: ['quickfix'] },
        });
        const titles = Array.isArray(actions) ? actions.map((action: { title?: unknown }) => String(action.title)) : [];
        assert.ok(titles.some((title) => /^Yield/.test(title)), `actions: ${JSON.stringify(titles)}`);
      } finally {
        assert.equal(await server.stop(), 0, server.stderr());
      }
    });

    it("lints with types, TypeScript's libraries included, when gust.typeAware is on", async () => {
      const server = startServer(path.join(unpacked, 'extension/dist/server.js'), 'stdio', unpacked, {
        gust: { ...DEFAULT_SETTINGS, typeAware: true },
      });
      try {
        const workspace = workspaceCopy();
        const uri = workspace.uri('typed.ts');
        await server.initialize(pathToFileURL(workspace.dir).toString());
        await server.open(uri, 'typescript', workspace.text('typed.ts'));
        // Array#map's type comes from lib.es5.d.ts: without it the call is not known as a Future.
        const diagnostics = await server.diagnostics(uri, (list) => list.length > 0, 40_000);
        assert.deepEqual(
          diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line]),
          [['gust/no-unyielded-coroutine', 6]],
        );
      } finally {
        assert.equal(await server.stop(), 0, server.stderr());
      }
    });

    it('starts over Node IPC, as the extension runs it', async () => {
      const server = startServer(path.join(unpacked, 'extension/dist/server.js'), 'ipc', unpacked, settings);
      try {
        const init = await server.initialize(pathToFileURL(unpacked).toString());
        assert.ok(init.capabilities.textDocumentSync, 'the server syncs documents');
      } finally {
        assert.equal(await server.stop(), 0, server.stderr());
      }
    });
  });
});
