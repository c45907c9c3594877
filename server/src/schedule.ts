/**
 * When to lint a document: at once after a quiet spell, debounced while changes keep
 * coming, never two runs of one document at a time.
 */

/** A clock and timers, injected so tests can drive time. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's own timers. */
export const NODE_TIMERS: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Slot {
  timer?: unknown;
  /** The pending timer is the 0 ms one of a first change: later requests join it. */
  immediate: boolean;
  lastRequest: number;
  running: boolean;
  again: boolean;
}

/**
 * Debounces lint runs per document (leading and trailing edge): the first change after
 * `debounceMs` of quiet runs at once, later ones wait until changes pause for
 * `debounceMs`. A change during a run queues exactly one more run, so a burst of 1,000
 * changes costs a handful of runs and the last run sees the final text.
 *
 * @example
 * const scheduler = new LintScheduler(100, (uri) => lintAndPublish(uri));
 * documents.onDidChangeContent((e) => scheduler.request(e.document.uri));
 */
export class LintScheduler {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly debounceMs: number,
    private readonly run: (uri: string) => Promise<void>,
    private readonly timers: Timers = NODE_TIMERS,
  ) {}

  /** Asks for a run of `uri` (a change, an open, a settings change). */
  request(uri: string): void {
    const now = this.timers.now();
    let slot = this.slots.get(uri);
    const quiet = !slot || now - slot.lastRequest >= this.debounceMs;
    if (!slot) {
      slot = { lastRequest: now, running: false, again: false, immediate: false };
      this.slots.set(uri, slot);
    }
    slot.lastRequest = now;
    if (slot.timer !== undefined) {
      if (slot.immediate) return;
      this.timers.clearTimeout(slot.timer);
    }
    const target = slot;
    // After a quiet spell the timer is 0: the messages already received still come first.
    target.immediate = quiet && !slot.running;
    target.timer = this.timers.setTimeout(() => this.fire(uri, target), target.immediate ? 0 : this.debounceMs);
  }

  /** Forgets `uri` (closed): a pending run is cancelled. */
  cancel(uri: string): void {
    const slot = this.slots.get(uri);
    if (slot?.timer !== undefined) this.timers.clearTimeout(slot.timer);
    this.slots.delete(uri);
  }

  /** Number of documents with a pending or running lint. */
  get pending(): number {
    let n = 0;
    for (const slot of this.slots.values()) if (slot.timer !== undefined || slot.running) n++;
    return n;
  }

  private fire(uri: string, slot: Slot): void {
    slot.timer = undefined;
    slot.immediate = false;
    if (this.slots.get(uri) !== slot) return;
    if (slot.running) {
      slot.again = true;
      return;
    }
    slot.running = true;
    void this.run(uri)
      .catch(() => undefined)
      .finally(() => {
        slot.running = false;
        if (slot.again && this.slots.get(uri) === slot) {
          slot.again = false;
          if (slot.timer === undefined) {
            slot.immediate = true;
            slot.timer = this.timers.setTimeout(() => this.fire(uri, slot), 0);
          }
        }
      });
  }
}
