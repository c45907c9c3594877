// Reads a packaged VSIX (a zip file) with yauzl: its entry list, and the entries
// written out to a folder, so tests can run what users install.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as yauzl from 'yauzl';

/** One file in the VSIX. */
export interface VsixEntry {
  name: string;
  size: number;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zipfile) => (error ? reject(error) : resolve(zipfile)));
  });
}

// Visits every entry in order; `visit` finishes with an entry before the next is read.
async function eachEntry(file: string, visit: (entry: yauzl.Entry, zip: yauzl.ZipFile) => Promise<void>): Promise<void> {
  const zip = await openZip(file);
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry) => {
        visit(entry, zip).then(() => zip.readEntry(), reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/**
 * The files in a VSIX, in archive order.
 *
 * @example
 * (await listVsix('extension/gust-vscode.vsix')).map((e) => e.name);
 */
export async function listVsix(file: string): Promise<VsixEntry[]> {
  const entries: VsixEntry[] = [];
  await eachEntry(file, async (entry) => {
    entries.push({ name: entry.fileName, size: entry.uncompressedSize });
  });
  return entries;
}

/**
 * Writes every file of a VSIX under `dir`, as VS Code does when installing it.
 *
 * @example
 * await extractVsix('extension/gust-vscode.vsix', tmp); // tmp/extension/package.json, ...
 */
export async function extractVsix(file: string, dir: string): Promise<void> {
  await eachEntry(file, async (entry, zip) => {
    const target = path.resolve(dir, entry.fileName);
    if (!target.startsWith(path.resolve(dir) + path.sep)) throw new Error(`entry outside the folder: ${entry.fileName}`);
    if (entry.fileName.endsWith('/')) return;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
      zip.openReadStream(entry, (error, readable) => (error ? reject(error) : resolve(readable)));
    });
    await pipeline(stream, fs.createWriteStream(target));
  });
}
