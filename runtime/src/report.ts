/**
 * What the loop's default error handler prints, and the context every error
 * report carries.
 */

/**
 * Where a reported error came from, as the error handler receives it.
 *
 * @example
 * loop.setErrorHandler((error, ctx) => console.error(`[${ctx.kind}] ${ctx.name ?? ''} ${ctx.callSite ?? ''}`, error));
 *
 * - `callback`, `spawn`, `timeout`, `periodic`: a callback the loop ran threw, or
 *   the Future it returned failed;
 * - `future`: a failed Future whose error was never retrieved;
 * - `runSync`: a `runSync` whose Promise nobody awaited failed;
 * - `after-timeout`, `after-cancel`: an error that came after `withTimeout` gave up,
 *   or after a coroutine's Future was cancelled;
 * - `multi`: a second error in a parallel `yield` (the first one is raised).
 */
export type ErrorContext = {
  kind:
    | 'callback'
    | 'timeout'
    | 'periodic'
    | 'spawn'
    | 'future'
    | 'runSync'
    | 'after-timeout'
    | 'after-cancel'
    | 'multi';
  /** The function or coroutine's name. */
  name?: string;
  /**
   * Where it was called, scheduled or spawned: a frame, `main (/app/x.js:3:9)`,
   * or a chain through the calling coroutines, `coroutine main ← Object.<anonymous> (/app/x.js:9:1)`.
   */
  callSite?: string;
};

/**
 * Receives every error the loop reports. Replace it with
 * `IOLoop.current().setErrorHandler(h)`.
 *
 * @example
 * IOLoop.current().setErrorHandler((error, ctx) => logger.error(ctx.kind, error));
 */
export type ErrorHandler = (error: unknown, context: ErrorContext) => void;

const HEADLINES: Record<ErrorContext['kind'], string> = {
  callback: 'Uncaught error in callback',
  spawn: 'Uncaught error in spawned callback',
  timeout: 'Uncaught error in timeout callback',
  periodic: 'Uncaught error in PeriodicCallback',
  future: 'Future exception was never retrieved',
  runSync: 'Uncaught error in runSync (its Promise was never awaited)',
  'after-timeout': 'Error in a Future after withTimeout gave up on it',
  'after-cancel': 'Error in a coroutine after its Future was cancelled',
  multi: 'Multiple errors in a parallel yield',
};

/**
 * The report as the default handler prints it: a headline with the name and
 * call site, then the error's stack.
 *
 * @example
 * formatReport(new Error('x'), { kind: 'spawn', name: 'divide', callSite: 'main (a.js:3:1)' });
 * // "Uncaught error in spawned callback divide, called from main (a.js:3:1)\nError: x\n    at ..."
 */
export function formatReport(error: unknown, context: ErrorContext): string {
  let headline = HEADLINES[context.kind];
  if (context.name) headline += ` ${context.kind === 'future' ? `in coroutine ${context.name}` : context.name}`;
  if (context.callSite) headline += `, called from ${context.callSite}`;
  return `${headline}\n${describeError(error)}`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  try {
    return `Non-error value thrown: ${JSON.stringify(error)}`;
  } catch {
    return `Non-error value thrown: ${String(error)}`;
  }
}

/**
 * The default handler: the report on stderr.
 *
 * @example
 * loop.setErrorHandler(null); // back to defaultErrorHandler
 */
export const defaultErrorHandler: ErrorHandler = (error, context) => {
  process.stderr.write(`${formatReport(error, context)}\n`);
};
