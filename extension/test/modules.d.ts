// The few parts of two untyped dev dependencies the package test uses (no @types
// packages for them in the tree).

declare module 'yauzl' {
  import type { Readable } from 'node:stream';

  export interface Entry {
    fileName: string;
    uncompressedSize: number;
  }
  export interface ZipFile {
    readEntry(): void;
    openReadStream(entry: Entry, callback: (error: Error | null, stream: Readable) => void): void;
    close(): void;
    on(event: 'entry', listener: (entry: Entry) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  export function open(
    path: string,
    options: { lazyEntries: true },
    callback: (error: Error | null, zipfile: ZipFile) => void,
  ): void;
}

declare module 'semver' {
  export interface SemVer {
    version: string;
  }
  export function minVersion(range: string): SemVer | null;
  export function gte(a: string | SemVer, b: string | SemVer): boolean;
  export function lt(a: string | SemVer, b: string | SemVer): boolean;
}
