import * as assert from 'node:assert/strict';
import type { Linter } from 'eslint';
import { Confirmations, differ } from '../src/confirm';
import { FakeTimers } from './fake-timers';

describe('Confirmations', () => {
  it('asks for a whole run once the document has been quiet for the delay, and that run takes it', async () => {
    const timers = new FakeTimers();
    const requests: string[] = [];
    const confirmations = new Confirmations(5000, (uri) => requests.push(uri), timers);
    confirmations.after('a', () => true);
    await timers.advance(4999);
    assert.deepEqual(requests, []);
    await timers.advance(1);
    assert.deepEqual(requests, ['a']);
    assert.equal(confirmations.take('a'), true);
    assert.equal(confirmations.take('a'), false, 'taken once');
  });

  it('a run that starts before the delay is over drops the pending confirmation', async () => {
    const timers = new FakeTimers();
    const requests: string[] = [];
    const confirmations = new Confirmations(5000, (uri) => requests.push(uri), timers);
    confirmations.after('a', () => true);
    await timers.advance(3000);
    assert.equal(confirmations.take('a'), false);
    await timers.advance(5000);
    assert.deepEqual(requests, []);
  });

  it('nothing for a document changed since, one closed, or a delay of 0', async () => {
    const timers = new FakeTimers();
    const requests: string[] = [];
    const confirmations = new Confirmations(100, (uri) => requests.push(uri), timers);
    confirmations.after('changed', () => false);
    confirmations.after('closed', () => true);
    confirmations.cancel('closed');
    await timers.advance(200);
    assert.equal(requests.length, 0);
    const off = new Confirmations(0, (uri) => requests.push(uri), timers);
    off.after('a', () => true);
    await timers.advance(1000);
    assert.deepEqual(requests, []);
  });

  it('differ compares messages with their fixes', () => {
    const message = { ruleId: 'gust/x', message: 'm', line: 1, column: 1, severity: 1, fix: { range: [0, 1], text: 'a' } } as Linter.LintMessage;
    assert.equal(differ([message], [{ ...message }]), false);
    assert.equal(differ([message], [{ ...message, fix: { range: [0, 1], text: 'b' } }]), true);
    assert.equal(differ([message], []), true);
  });
});
