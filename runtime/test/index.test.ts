import { strict as assert } from 'node:assert';
import { VERSION } from '../src/index.js';

describe('gust package', () => {
  it('names its version', () => {
    assert.match(VERSION, /^\d+\.\d+\.\d+$/);
  });
});
