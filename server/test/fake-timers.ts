// Simulated time for the schedulers' tests.
import type { Timers } from '../src/schedule';

/** Simulated time: timers fire only when the test advances the clock. */
export class FakeTimers implements Timers {
  time = 0;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private next = 0;
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.queue.push({ at: this.time + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((t) => t.id !== handle);
  }
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const due = this.queue[0];
      if (!due || due.at > end) break;
      this.queue.shift();
      this.time = due.at;
      due.fn();
      await new Promise((r) => setImmediate(r));
    }
    this.time = end;
  }
}
