import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Evaluation, LookupResult } from '../../src/core/compliance/types.js';
import { DeviceCheckBudget, type RecentCheck, type RecentLookup } from '../../src/core/visit/device-check-budget.js';
import { openMemoryStores } from '../../src/store/memory-stores.js';

const COOLDOWN_MS = 15_000;
const DEVICE = 'f3c2a1b0-1111-4222-8333-944455556666';

/** A budget over memory stores whose store TTLs run on the real clock, while the budget's `now` is moved by hand. */
function budgetWithClock() {
  const clock = { now: Date.parse('2025-03-01T09:00:00Z') };
  const stores = openMemoryStores();
  const budget = new DeviceCheckBudget({
    atomic: stores.atomic,
    recent: stores.namespace<RecentCheck>('recent-check'),
    lookups: stores.namespace<RecentLookup>('recent-lookup'),
    cooldownMs: COOLDOWN_MS,
    now: () => clock.now,
  });
  return { clock, budget };
}

const evaluation = (complianceState: Evaluation['complianceState']): Evaluation => ({
  deviceId: DEVICE,
  complianceState,
  reasons: [],
  evaluatedAt: new Date().toISOString(),
  stale: false,
});

describe('the Graph budget cool-down runs on the injected clock', () => {
  it('a finished evaluation is shared until readAt + cool-down on `now`, then no longer', async () => {
    const { clock, budget } = budgetWithClock();
    await budget.remember(evaluation('noncompliant'));
    clock.now += COOLDOWN_MS - 1;
    assert.equal((await budget.recent(DEVICE))?.evaluation.complianceState, 'noncompliant', 'inside the cool-down');
    clock.now += 1;
    assert.equal(await budget.recent(DEVICE), undefined, 'the cool-down ended on the injected clock, although the store still holds the entry');
  });

  it('a device lookup is reused inside the cool-down and read again once `now` passes it', async () => {
    const { clock, budget } = budgetWithClock();
    let reads = 0;
    const find = async (): Promise<LookupResult> => {
      reads += 1;
      return { kind: 'notFound' };
    };
    const ref = { by: 'mac', mac: 'A4B1C2D3E4F5' } as const;
    await budget.lookup(ref, find);
    clock.now += COOLDOWN_MS / 2;
    await budget.lookup(ref, find);
    assert.equal(reads, 1, 'the second lookup inside the cool-down was answered from the shared result');
    clock.now += COOLDOWN_MS / 2;
    await budget.lookup(ref, find);
    assert.equal(reads, 2, 'after the cool-down the backend is asked again');
    await budget.lookup(ref, find);
    assert.equal(reads, 2, 'and that fresh result starts a new cool-down');
  });

  it('a clock that moved back a little (another instance ahead of this one) still counts as inside the cool-down', async () => {
    const { clock, budget } = budgetWithClock();
    await budget.remember(evaluation('compliant'));
    clock.now -= 2_000;
    assert.equal((await budget.recent(DEVICE))?.evaluation.complianceState, 'compliant');
  });
});
