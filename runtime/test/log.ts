/**
 * Test support in the spirit of Tornado's `ExpectLog`: every test gets a fresh
 * current IOLoop whose error handler records reports; a test takes the reports
 * it expects, and any report left over fails it.
 */
import { strict as assert } from 'node:assert';
import { type Clock, type ErrorContext, IOLoop, ManualClock } from '../src/index.js';

/** One report the loop's error handler received. */
export interface Logged {
  error: unknown;
  context: ErrorContext;
}

/** The recorded reports of the running test. */
export interface LoopLog {
  readonly loop: IOLoop;
  readonly entries: Logged[];
  /** Removes and returns the one report of `kind` whose error message matches. */
  take(kind: ErrorContext['kind'], message: RegExp): Logged;
}

/**
 * Installs the per-test loop. With `manual`, the loop runs on a `ManualClock`
 * (the returned `clock()` gives it).
 */
export function captureLog(options: { manual?: boolean } = {}): { log: () => LoopLog; clock: () => ManualClock } {
  let current: LoopLog | undefined;
  let manual: ManualClock | undefined;
  beforeEach(() => {
    manual = options.manual ? new ManualClock(1000) : undefined;
    const loop = new IOLoop({ clock: manual as Clock | undefined });
    loop.makeCurrent();
    const entries: Logged[] = [];
    loop.setErrorHandler((error, context) => entries.push({ error, context }));
    current = {
      loop,
      entries,
      take(kind, message) {
        const i = entries.findIndex((e) => e.context.kind === kind && message.test(messageOf(e.error)));
        assert.ok(i >= 0, `expected a ${kind} report matching ${message}; got ${describe(entries)}`);
        return entries.splice(i, 1)[0];
      },
    };
  });
  afterEach(function () {
    const log = current;
    current = undefined;
    if (log === undefined) return;
    // close() reports Futures whose error was never retrieved: those count too.
    log.loop.close();
    if (this.currentTest?.state === 'failed') return;
    assertNothingLeft(log.entries);
  });
  return {
    log: () => {
      assert.ok(current, 'captureLog() is only usable inside a test');
      return current;
    },
    clock: () => {
      assert.ok(manual, 'captureLog({ manual: true }) gives a ManualClock');
      return manual;
    },
  };
}

/** Fails when the loop reported something no test took. */
export function assertNothingLeft(entries: Logged[]): void {
  assert.deepEqual(describe(entries), '(nothing)', 'unexpected log lines');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describe(entries: Logged[]): string {
  if (entries.length === 0) return '(nothing)';
  return entries.map((e) => `[${e.context.kind}${e.context.name ? ` ${e.context.name}` : ''}] ${messageOf(e.error)}`).join('; ');
}

/** Resolves after one full turn of Node's event loop (callbacks and microtasks have run). */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A settled-later helper: resolves after `n` turns. */
export async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await turn();
}
