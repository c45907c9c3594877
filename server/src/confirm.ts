/**
 * When to confirm incremental results with a whole run: once the document has been
 * quiet for a while, so the whole run rarely stands in the way of a keystroke.
 */
import type { Linter } from 'eslint';
import { NODE_TIMERS, type Timers } from './schedule';

/**
 * Per document, a timer started after each incremental run; when it fires (and the
 * document has not changed since) the document is due a whole run.
 *
 * @example
 * const confirmations = new Confirmations(5000, (uri) => scheduler.request(uri));
 * confirmations.after(uri, () => isCurrent(document)); // after an incremental run
 * const whole = confirmations.take(uri); // at the start of the next run
 */
export class Confirmations {
  private readonly timers = new Map<string, unknown>();
  private readonly due = new Set<string>();

  /** `delayMs` 0 confirms nothing. */
  constructor(
    private readonly delayMs: number,
    private readonly request: (uri: string) => void,
    private readonly clock: Timers = NODE_TIMERS,
  ) {}

  /** An incremental run of `uri` was published; `unchanged` says whether that version is still the document's. */
  after(uri: string, unchanged: () => boolean): void {
    if (this.delayMs <= 0) return;
    this.cancel(uri);
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(uri);
      if (!unchanged()) return;
      this.due.add(uri);
      this.request(uri);
    }, this.delayMs);
    this.timers.set(uri, timer);
  }

  /** A run of `uri` starts: whether it is the confirming one. A pending confirmation is dropped either way. */
  take(uri: string): boolean {
    this.cancel(uri);
    return this.due.delete(uri);
  }

  /** Forgets `uri` (closed). */
  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.timers.delete(uri);
  }
}

/**
 * Whether a whole run's messages differ from the incremental ones published before.
 *
 * @example
 * if (differ(published.messages, whole.messages)) console.warn('incremental results differed');
 */
export function differ(published: readonly Linter.LintMessage[], whole: readonly Linter.LintMessage[]): boolean {
  return JSON.stringify(published) !== JSON.stringify(whole);
}
