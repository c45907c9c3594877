import { strict as assert } from 'node:assert';
import { IOLoop, type ErrorContext } from '../src/ioloop.js';

/** One error the loop reported, with its context. */
export interface LoggedError {
  error: unknown;
  context: ErrorContext;
}

/**
 * Like Tornado's ExpectLog, for the describe() it is called in: captures what the loop
 * reports, and fails any test after which something reported is left unclaimed. A test
 * that expects a report takes it with `claim()`.
 */
export function captureLoopErrors(): { readonly logged: LoggedError[]; claim(): LoggedError[] } {
  const state = { logged: [] as LoggedError[] };
  beforeEach(() => {
    state.logged = [];
    IOLoop.current().setErrorHandler((error, context) => state.logged.push({ error, context }));
  });
  afterEach(() => {
    IOLoop.current().setErrorHandler(null);
    assert.deepEqual(state.logged, [], 'the loop reported errors the test did not expect');
  });
  return {
    get logged() {
      return state.logged;
    },
    claim() {
      const taken = state.logged;
      state.logged = [];
      return taken;
    },
  };
}
