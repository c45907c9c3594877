/**
 * Where a coroutine (or a loop callback) was called from, for error reports.
 *
 * Taking a stack costs microseconds, more than a whole coroutine step, so by
 * default a stack is taken only at the edge: a coroutine called from plain code
 * records its caller's frame, and one called inside another coroutine records
 * that coroutine (a pointer, no stack). `setCallSiteCapture('all')` records the
 * exact frame everywhere, for debugging.
 */

/** Something that can say where a call came from. */
export interface Site {
  /** The whole chain: `coroutine fetch ← coroutine main ← Object.<anonymous> (/app/x.js:9:1)`. */
  toString(): string;
  /** Only the nearest link: `coroutine fetch`, or the frame. */
  nearest(): string;
}

/** What a coroutine's Future exposes for its caller's report. */
export interface SiteOwner {
  readonly coroutineName: string | undefined;
  readonly callSite: Site | undefined;
}

interface StackHolder {
  stack?: string;
}

/**
 * How much call-site detail coroutines record (see `setCallSiteCapture`).
 *
 * @example
 * const mode: CallSiteCapture = 'all';
 */
export type CallSiteCapture = 'entry' | 'all';

let capture: CallSiteCapture = process.env.GUST_CALL_SITES === 'all' ? 'all' : 'entry';

/**
 * Chooses how coroutines record where they were called: `'entry'` (the
 * default) takes a stack frame only for coroutines called from plain code and
 * names the calling coroutine otherwise; `'all'` takes the exact frame for
 * every coroutine that suspends or fails (slower; also set by the environment
 * variable `GUST_CALL_SITES=all`). Returns the previous setting.
 *
 * @example
 * setCallSiteCapture('all'); // exact lines in every report while debugging
 */
export function setCallSiteCapture(mode: CallSiteCapture): CallSiteCapture {
  const previous = capture;
  capture = mode;
  return previous;
}

/** A captured caller frame, formatted on first use: `main (/app/x.js:3:9)`. */
export class CallSite implements Site {
  private holder: StackHolder | undefined;
  private text: string | undefined;

  /** Captures the frame that called `below` (a function on the current stack). */
  constructor(below: (...args: never[]) => unknown) {
    const holder: StackHolder = {};
    // One frame is all a report needs; V8 formats the text lazily, on first read.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 1;
    Error.captureStackTrace(holder, below);
    Error.stackTraceLimit = limit;
    this.holder = holder;
  }

  toString(): string {
    if (this.text === undefined) {
      const stack = this.holder?.stack ?? '';
      const line = stack.split('\n')[1];
      this.text = line === undefined ? '<unknown>' : line.trim().replace(/^at /, '');
      this.holder = undefined;
    }
    return this.text;
  }

  nearest(): string {
    return this.toString();
  }
}

/**
 * Called inside another coroutine: names it at once, and learns which Future
 * it is (for the rest of the chain) when that coroutine's step returns.
 */
class InCoroutine implements Site {
  parent: SiteOwner | undefined = undefined;

  constructor(private readonly parentName: string) {}

  toString(): string {
    const links: string[] = [this.nearest()];
    let site: Site | undefined = this.parent?.callSite;
    // Bounded, so a deep recursion of coroutines cannot make a report huge.
    while (site !== undefined && links.length < 12) {
      links.push(site.nearest());
      site = site instanceof InCoroutine ? site.parent?.callSite : undefined;
    }
    if (site !== undefined) links.push('…');
    return links.join(' ← ');
  }

  nearest(): string {
    return `coroutine ${this.parentName}`;
  }
}

// Call sites made during a coroutine step, waiting for that coroutine to claim
// them. Keeping the running coroutine's Future in a module variable instead
// would cost a write barrier on every call; its name (a long-lived string) and
// this list (touched only by coroutines that suspend or fail) cost nothing.
const unclaimed: InCoroutine[] = [];

/**
 * @internal the unclaimed list itself, read only for its length (where a step's
 * call sites start): coroutine.ts keeps it in a local constant, one load per read
 * on its hottest path instead of a call through this module's exports.
 */
export const unclaimedSites: { readonly length: number } = unclaimed;

/** Gives the call sites made since `mark` (during one step of `parent`) their parent. */
export function claimCallSites(parent: SiteOwner, mark: number): void {
  for (let i = mark; i < unclaimed.length; i++) unclaimed[i].parent = parent;
  unclaimed.length = mark;
}

/**
 * The call site of a coroutine called through `wrapper` (still on the stack),
 * from the body of the coroutine named `callerName` (if one is running).
 */
export function callSiteOf(wrapper: (...args: never[]) => unknown, callerName: string | undefined): Site {
  if (callerName !== undefined && capture === 'entry') {
    const site = new InCoroutine(callerName);
    unclaimed.push(site);
    return site;
  }
  return new CallSite(wrapper);
}

let ambient: Site | undefined;

/**
 * Runs `fn` so that the coroutine it calls first records `site` as its call
 * site: a coroutine the loop starts (spawnCallback, addCallback, a timeout) is
 * reported where it was spawned, not inside the loop.
 */
export function withCallSite<R>(site: Site, fn: () => R): R {
  ambient = site;
  try {
    return fn();
  } finally {
    ambient = undefined;
  }
}

/** The call site `withCallSite` set, once: the first coroutine called takes it. */
export function takeAmbientCallSite(): Site | undefined {
  if (ambient === undefined) return undefined;
  const site = ambient;
  ambient = undefined;
  return site;
}
