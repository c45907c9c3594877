/**
 * Messages between `ThreadPoolExecutor` and its workers. Internal to the package.
 */

/** A task for a worker: a function by its source, or a module export. */
export type TaskMessage =
  | { id: number; kind: 'source'; expression: string; args: unknown[] }
  | { id: number; kind: 'module'; module: string; export: string; args: unknown[] };

/** An error as it crosses the thread boundary. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  value?: unknown;
}

/** A worker's answer to one task. */
export type ResultMessage = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };
