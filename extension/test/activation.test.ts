import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import { INSTANT_SOURCE, activationReport, instant } from '../src/activation';

describe('extension activation timing', () => {
  it('reports loading and activate() apart from the time VS Code takes between them', () => {
    assert.equal(
      activationReport({
        bundleStart: { wallMs: 1000, cpuMs: 200 },
        bundleEnd: { wallMs: 1040, cpuMs: 230 },
        activateStart: { wallMs: 1100, cpuMs: 235 },
        activateEnd: { wallMs: 1110.25, cpuMs: 243 },
      }),
      'activated in 50.3 ms (loading the bundle 40.0 ms, activate() 10.3 ms; VS Code between them 60.0 ms); ' +
        'CPU 38.0 ms (loading 30.0 ms, activate() 8.0 ms)',
    );
  });

  it('says so when not running from the bundle', () => {
    assert.equal(
      activationReport({ activateStart: { wallMs: 5, cpuMs: 1 }, activateEnd: { wallMs: 7, cpuMs: 2 } }),
      'activated in 2.0 ms (activate() only: not running from the bundle); CPU 1.0 ms',
    );
  });

  it('measures with clocks that move forward', () => {
    const before = instant();
    let spin = 0;
    for (let i = 0; i < 2e6; i++) spin += i;
    const after = instant();
    assert.ok(spin > 0);
    assert.ok(after.wallMs > before.wallMs);
    assert.ok(after.cpuMs > before.cpuMs);
  });

  it('gives the bundle banner the same kind of instant', () => {
    const value: unknown = vm.runInNewContext(INSTANT_SOURCE, { process, performance });
    assert.ok(typeof value === 'object' && value !== null);
    assert.deepEqual(Object.keys(value), ['wallMs', 'cpuMs']);
    const { wallMs, cpuMs } = value as { wallMs: unknown; cpuMs: unknown };
    assert.ok(typeof wallMs === 'number' && wallMs > 0 && typeof cpuMs === 'number' && cpuMs > 0);
  });
});
