import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attemptSignal, startOperation } from '../../src/providers/intune/operation-budget.js';

describe('operation budget: the signal of one Graph attempt', () => {
  it('accepts a fractional budget left (the last retry of an outage) instead of throwing RangeError', () => {
    // A deadline between two whole milliseconds: what performance.now() arithmetic always gives.
    const op = { deadline: performance.now() + 4096.6 };
    const signal = attemptSignal(op, 10_000);
    assert.equal(signal.aborted, false);
  });

  it('a fractional request timeout is accepted too', () => {
    const signal = attemptSignal(startOperation(60_000), 2500.25);
    assert.equal(signal.aborted, false);
  });

  it('a spent budget still gives a signal that aborts (at least 1 ms), never a RangeError', async () => {
    const signal = attemptSignal({ deadline: performance.now() - 5.5 }, 10_000);
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    assert.equal(signal.aborted, true);
  });
});
