/**
 * Where a coroutine (or a loop callback) was called from, captured cheaply and
 * formatted only when an error report needs it. Internal to the package.
 */

interface StackHolder {
  stack?: string;
}

/** A captured caller frame; `toString()` gives `file:line:column` with the caller's name. */
export class CallSite {
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

  /** The frame as V8 prints it, without the leading `at`: `main (/app/x.js:3:9)`. */
  toString(): string {
    if (this.text === undefined) {
      const stack = this.holder?.stack ?? '';
      const line = stack.split('\n')[1];
      this.text = line === undefined ? '<unknown>' : line.trim().replace(/^at /, '');
      this.holder = undefined;
    }
    return this.text;
  }
}

let ambient: CallSite | undefined;

/**
 * Runs `fn` so that the coroutine it calls first records `site` as its call
 * site: a coroutine the loop starts (spawnCallback, addCallback, a timeout) is
 * reported where it was spawned, not inside the loop.
 */
export function withCallSite<R>(site: CallSite, fn: () => R): R {
  ambient = site;
  try {
    return fn();
  } finally {
    ambient = undefined;
  }
}

/** The call site `withCallSite` set, once: the first coroutine called takes it. */
export function takeAmbientCallSite(): CallSite | undefined {
  const site = ambient;
  ambient = undefined;
  return site;
}
