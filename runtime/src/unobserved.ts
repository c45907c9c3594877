/**
 * "Future exception was never retrieved": a failed Future that nobody asked for
 * its error is reported once, when it is garbage-collected, when the loop
 * closes or when the process exits, whichever comes first, with where its
 * coroutine was called.
 *
 * Asking means `yield`, `await`, `then`/`catch`, `result()` or `exception()`;
 * any of those marks the error as seen and the Future is never reported.
 */
import type { Site } from './callsite.js';
import { IOLoop } from './ioloop.js';

/** What is kept about a failed, unretrieved Future: never the Future itself, so it can be collected. */
export interface FailureRecord {
  readonly error: unknown;
  readonly name: string | undefined;
  readonly callSite: Site | undefined;
}

const pending = new Set<FailureRecord>();
let exitHookInstalled = false;
const registry = new FinalizationRegistry<FailureRecord>((record) => {
  if (pending.delete(record)) report(record);
});

/** Starts watching `owner` (a failed Future): reported unless `markRetrieved` runs first. */
export function watchFailure(owner: object, record: FailureRecord): void {
  if (!exitHookInstalled) {
    // A short script ends before any collection: report what is left as it exits.
    exitHookInstalled = true;
    process.once('exit', reportPendingFailures);
  }
  pending.add(record);
  registry.register(owner, record, record);
}

/** The error of this record was seen: never report it. */
export function markRetrieved(record: FailureRecord): void {
  if (pending.delete(record)) registry.unregister(record);
}

/** Reports every failure still unretrieved now (what `IOLoop#close()` calls). */
export function reportPendingFailures(): void {
  const records = [...pending];
  pending.clear();
  for (const record of records) {
    registry.unregister(record);
    report(record);
  }
}

function report(record: FailureRecord): void {
  IOLoop.current().handleError(record.error, {
    kind: 'future',
    name: record.name,
    callSite: record.callSite?.toString(),
  });
}
