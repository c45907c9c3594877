/**
 * The code each `ThreadPoolExecutor` worker thread runs: it receives a task
 * (a function's source text, or a module export), runs it, and posts back the
 * result or the error. Internal to the package.
 */
import { parentPort } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { SerializedError, TaskMessage, ResultMessage } from './executor-protocol.js';

const compiled = new Map<string, (...args: unknown[]) => unknown>();

function compile(expression: string): (...args: unknown[]) => unknown {
  let fn = compiled.get(expression);
  if (fn === undefined) {
    // Compiled in the worker's global scope: the function sees globals and a
    // `require` of its own, nothing from the module that submitted it.
    const workerRequire = createRequire(`${process.cwd()}/`);
    fn = new Function('require', `return (${expression});`)(workerRequire) as (...args: unknown[]) => unknown;
    compiled.set(expression, fn);
  }
  return fn;
}

async function load(module: string, name: string): Promise<(...args: unknown[]) => unknown> {
  let exports: Record<string, unknown>;
  try {
    exports = createRequire(__filename)(module) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw error;
    exports = (await import(pathToFileURL(module).href)) as Record<string, unknown>;
  }
  const fn = exports[name];
  if (typeof fn !== 'function') {
    throw new TypeError(`Module ${module} has no exported function ${JSON.stringify(name)} (found ${typeof fn}).`);
  }
  return fn as (...args: unknown[]) => unknown;
}

function serialize(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, stack: error.stack, code: typeof code === 'string' ? code : undefined };
  }
  return { name: 'Error', message: `Non-error value thrown: ${String(error)}`, value: error };
}

async function run(task: TaskMessage): Promise<ResultMessage> {
  try {
    const fn = task.kind === 'source' ? compile(task.expression) : await load(task.module, task.export);
    return { id: task.id, ok: true, value: await fn(...task.args) };
  } catch (error) {
    return { id: task.id, ok: false, error: serialize(error) };
  }
}

parentPort?.on('message', (task: TaskMessage) => {
  void run(task).then((message) => {
    try {
      parentPort?.postMessage(message);
    } catch (error) {
      // The result could not be cloned (a function, a socket...): say so instead.
      parentPort?.postMessage({ id: task.id, ok: false, error: serialize(error) } satisfies ResultMessage);
    }
  });
});
