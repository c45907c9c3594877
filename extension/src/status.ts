// What the status bar item shows for each state of the server, as plain data.

/** The server's state as the status bar tells it. */
export type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

/**
 * The status bar item's content. `text` may hold codicons (`$(check)`).
 *
 * @example
 * const view: StatusView = { text: '$(check) Gust', tooltip: 'Gust: running', warning: false };
 */
export interface StatusView {
  text: string;
  tooltip: string;
  /** Show the item with the warning background: the user has something to act on. */
  warning: boolean;
}

const CLICK = 'Click to show the output.';

/**
 * The status bar view for a server state and the `gust.enable` setting of the active
 * document's folder.
 *
 * @example
 * statusView('running', true).text; // '$(check) Gust'
 * statusView('failed', true).warning; // true
 */
export function statusView(state: ServerState, enabled: boolean): StatusView {
  switch (state) {
    case 'starting':
      return { text: '$(sync~spin) Gust', tooltip: `Gust: the server is starting. ${CLICK}`, warning: false };
    case 'running':
      return enabled
        ? { text: '$(check) Gust', tooltip: `Gust: linting coroutine calls. ${CLICK}`, warning: false }
        : { text: '$(circle-slash) Gust', tooltip: `Gust: off here (gust.enable is false). ${CLICK}`, warning: false };
    case 'stopped':
      return {
        text: '$(debug-stop) Gust',
        tooltip: `Gust: the server is stopped; run "Gust: Restart Language Server". ${CLICK}`,
        warning: true,
      };
    case 'failed':
      return {
        text: '$(error) Gust',
        tooltip: `Gust: the server failed to start; the output says why. ${CLICK}`,
        warning: true,
      };
  }
}
