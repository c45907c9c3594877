import * as assert from 'node:assert/strict';
import { statusView } from '../src/status';

describe('extension status bar', () => {
  it('spins while the server starts', () => {
    assert.deepEqual(statusView('starting', true), {
      text: '$(sync~spin) Gust',
      tooltip: 'Gust: the server is starting. Click to show the output.',
      warning: false,
    });
  });

  it('shows a check when running and enabled', () => {
    assert.equal(statusView('running', true).text, '$(check) Gust');
    assert.equal(statusView('running', true).warning, false);
  });

  it('says when gust.enable turned linting off', () => {
    const view = statusView('running', false);
    assert.equal(view.text, '$(circle-slash) Gust');
    assert.match(view.tooltip, /gust\.enable is false/);
  });

  it('warns when the server stopped, naming the restart command', () => {
    const view = statusView('stopped', true);
    assert.equal(view.warning, true);
    assert.match(view.tooltip, /Gust: Restart Language Server/);
  });

  it('warns when the server failed to start', () => {
    assert.deepEqual(statusView('failed', false), {
      text: '$(error) Gust',
      tooltip: 'Gust: the server failed to start; the output says why. Click to show the output.',
      warning: true,
    });
  });
});
