import * as assert from 'node:assert/strict';
import { LintScheduler } from '../src/schedule';
import { FakeTimers } from './fake-timers';

describe('LintScheduler', () => {
  it('runs at once after a quiet spell', async () => {
    const timers = new FakeTimers();
    const runs: number[] = [];
    const s = new LintScheduler(100, async () => void runs.push(timers.now()), timers);
    s.request('a');
    await timers.advance(0);
    assert.deepEqual(runs, [0]);
    await timers.advance(500);
    s.request('a');
    await timers.advance(0);
    assert.deepEqual(runs, [0, 500]);
  });

  it('folds a burst into the first run plus one run after the burst', async () => {
    const timers = new FakeTimers();
    const runs: number[] = [];
    const s = new LintScheduler(100, async () => void runs.push(timers.now()), timers);
    s.request('a');
    for (let i = 0; i < 1000; i++) {
      await timers.advance(1);
      s.request('a');
    }
    await timers.advance(1000);
    assert.deepEqual(runs, [0, 1100]);
    assert.equal(s.pending, 0);
  });

  it('never runs one document twice at once and reruns after a change during a run', async () => {
    const timers = new FakeTimers();
    let active = 0;
    let maxActive = 0;
    let release: () => void = () => undefined;
    let runs = 0;
    const s = new LintScheduler(10, () => {
      runs++;
      active++;
      maxActive = Math.max(maxActive, active);
      return new Promise<void>((resolve) => {
        release = () => {
          active--;
          resolve();
        };
      });
    }, timers);
    s.request('a');
    await timers.advance(0);
    s.request('a');
    await timers.advance(50);
    assert.equal(runs, 1);
    release();
    await new Promise((r) => setImmediate(r)); // the run's promise settles
    await timers.advance(1);
    assert.equal(runs, 2);
    release();
    await timers.advance(50);
    assert.equal(maxActive, 1);
  });

  it('drops the pending run of a closed document', async () => {
    const timers = new FakeTimers();
    let runs = 0;
    const s = new LintScheduler(100, async () => void runs++, timers);
    s.request('a');
    s.cancel('a');
    await timers.advance(500);
    assert.equal(runs, 0);
  });
});
