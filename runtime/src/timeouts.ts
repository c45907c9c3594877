/**
 * The loop's pending timeouts: a binary heap on (deadline, insertion order),
 * with lazy removal as in Tornado. Internal to the package.
 */
import { heapPop, heapPush } from './heap.js';

/** A scheduled call; `removeTimeout` marks it cancelled. */
export class Timeout {
  cancelled = false;
  /** Taken off the heap to run. */
  popped = false;
  constructor(
    readonly deadline: number,
    readonly seq: number,
    readonly run: () => void,
  ) {}
}

function before(a: Timeout, b: Timeout): boolean {
  return a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
}

/** Min-heap of timeouts plus a count of live (not cancelled) entries. */
export class TimeoutHeap {
  private heap: Timeout[] = [];
  live = 0;

  push(t: Timeout): void {
    heapPush(this.heap, t, before);
    this.live++;
  }

  cancel(t: Timeout): void {
    if (t.cancelled) return;
    t.cancelled = true;
    if (t.popped) return;
    this.live--;
    // Cancelled entries are dropped lazily; compact when they dominate.
    if (this.live === 0) this.heap = [];
    else if (this.heap.length > 512 && this.live < this.heap.length / 2) this.compact();
  }

  /** The earliest live deadline, or undefined. */
  peekDeadline(): number | undefined {
    this.dropCancelledTop();
    return this.heap[0]?.deadline;
  }

  /** Removes and returns the earliest live timeout if it is due at `now`. */
  popDue(now: number): Timeout | undefined {
    this.dropCancelledTop();
    const top = this.heap[0];
    if (top === undefined || top.deadline > now) return undefined;
    this.pop();
    this.live--;
    top.popped = true;
    return top;
  }

  clear(): void {
    this.heap = [];
    this.live = 0;
  }

  private dropCancelledTop(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
  }

  private pop(): void {
    heapPop(this.heap, before);
  }

  private compact(): void {
    const kept = this.heap.filter((t) => !t.cancelled);
    this.heap = [];
    this.live = 0;
    for (const t of kept) this.push(t);
  }
}
