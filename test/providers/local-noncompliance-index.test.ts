import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Stores } from '../../src/core/store/types.js';
import { createLocalProvider } from '../../src/providers/local/create-local-provider.js';
import { evaluateDevice } from '../../src/providers/local/evaluate-device.js';
import { inventoryDeviceSchema, type InventoryDevice } from '../../src/providers/local/inventory-schema.js';
import { loadPolicyFile, type PolicyFile } from '../../src/providers/local/policy-schema.js';
import { openMemoryStores } from '../../src/store/memory-stores.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-01T12:00:00Z');
const POLICY = loadPolicyFile('./config/demo/policy.json'); // iOS: 17.0+, passcode, encryption, no jailbreak; check-in within 30 days
const USER = '2b1c4a52-5d0e-4c3a-9f1e-7a6b5c4d3e21';

/** An iOS device; `good` decides whether its facts meet the iOS baseline. */
function device(n: number, options: { good: boolean; lastSync: number | null; grace?: number | null }): InventoryDevice {
  return inventoryDeviceSchema.parse({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    userId: USER,
    operatingSystem: 'iOS',
    osVersion: '17.4',
    wiFiMacAddress: `02${String(n).padStart(10, '0')}`,
    lastSyncDateTime: options.lastSync === null ? null : new Date(options.lastSync).toISOString(),
    complianceGracePeriodExpirationDateTime: options.grace == null ? null : new Date(options.grace).toISOString(),
    facts: { passcodeSet: options.good, encrypted: true, jailBroken: false },
  });
}

function clock(start: number) {
  let now = start;
  return { now: () => now, set: (at: number) => (now = at) };
}

async function listed(provider: ReturnType<typeof createLocalProvider>, resumeFrom?: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const entry of provider.listNoncompliant({ resumeFrom })) ids.push(entry.device.id);
  return ids;
}

/** What a full scan says: every device evaluated at `now`, non-compliant ones in id order. */
function oracle(devices: Map<string, InventoryDevice>, policy: PolicyFile, now: number): string[] {
  return [...devices.values()]
    .filter((d) => evaluateDevice(d, policy, now).complianceState === 'noncompliant')
    .map((d) => d.id)
    .sort();
}

describe('local provider: the non-compliance index follows the clock without writes', () => {
  it('a device enters the listing when its check-in goes stale and when its grace period ends, with no write in between', async () => {
    const time = clock(T0);
    const stores: Stores = openMemoryStores({ now: time.now });
    const provider = createLocalProvider({ stores, policy: POLICY, now: time.now });
    const staleSoon = device(1, { good: true, lastSync: T0 - 29 * DAY }); // stale just after T0 + 1 day
    const inGrace = device(2, { good: false, lastSync: T0 - HOUR, grace: T0 + 2 * HOUR });
    const bad = device(3, { good: false, lastSync: T0 - HOUR });
    const good = device(4, { good: true, lastSync: T0 - HOUR });
    for (const d of [staleSoon, inGrace, bad, good]) await provider.inventory.put(d);

    assert.deepEqual(await listed(provider), [bad.id]);
    time.set(T0 + 2 * HOUR - 1);
    assert.deepEqual(await listed(provider), [bad.id], 'grace still running one millisecond before the deadline');
    time.set(T0 + 2 * HOUR);
    assert.deepEqual(await listed(provider), [inGrace.id, bad.id], 'grace over at the deadline');
    time.set(T0 + DAY);
    assert.deepEqual(await listed(provider), [inGrace.id, bad.id], 'check-in exactly 30 days old is not stale yet');
    time.set(T0 + DAY + 1);
    assert.deepEqual(await listed(provider), [staleSoon.id, inGrace.id, bad.id], 'stale one millisecond later');
    // A fresh check-in (a write) takes it out again, and the page position still works.
    await provider.inventory.put({ ...staleSoon, lastSyncDateTime: new Date(T0 + DAY + 1).toISOString() });
    assert.deepEqual(await listed(provider), [inGrace.id, bad.id]);
    assert.deepEqual(await listed(provider, inGrace.id), [bad.id]);
    await provider.inventory.delete(bad.id);
    assert.deepEqual(await listed(provider), [inGrace.id]);
  });

  it('agrees with a full evaluation of every device at every moment, through check-ins, fixes and deletions', async () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const time = clock(T0);
    const provider = createLocalProvider({ stores: openMemoryStores({ now: time.now }), policy: POLICY, now: time.now });
    const devices = new Map<string, InventoryDevice>();
    const randomDevice = (n: number, at: number) =>
      device(n, {
        good: random() < 0.6,
        lastSync: random() < 0.05 ? null : at - Math.floor(random() * 40 * DAY),
        grace: random() < 0.4 ? at + Math.floor((random() - 0.2) * 20 * DAY) : null,
      });
    for (let n = 0; n < 150; n += 1) {
      const d = randomDevice(n, T0);
      devices.set(d.id, d);
      await provider.inventory.put(d);
    }
    let checked = 0;
    for (const step of [0, HOUR, 3 * DAY, 7 * DAY + 5, 11 * DAY, 19 * DAY, 33 * DAY, 80 * DAY]) {
      const at = T0 + step;
      time.set(at);
      const expected = oracle(devices, POLICY, at);
      assert.deepEqual(await listed(provider), expected, `at T0 + ${step} ms`);
      checked += expected.length;
      // Some writes between the moments: re-check-ins with new facts, and deletions.
      for (let k = 0; k < 10; k += 1) {
        const n = Math.floor(random() * 150);
        const replacement = randomDevice(n, at);
        if (random() < 0.2) {
          devices.delete(replacement.id);
          await provider.inventory.delete(replacement.id);
        } else {
          devices.set(replacement.id, replacement);
          await provider.inventory.put(replacement);
        }
      }
    }
    assert.ok(checked > 100, `the oracle listed ${checked} devices over the moments (the test exercises real listings)`);
  });

  it('a different policy rebuilds the index from the stored inventory', async () => {
    const time = clock(T0);
    const stores = openMemoryStores({ now: time.now });
    const first = createLocalProvider({ stores, policy: POLICY, now: time.now });
    const old = device(7, { good: true, lastSync: T0 - 10 * DAY });
    await first.inventory.put(old);
    assert.deepEqual(await listed(first), []);
    // Same store, stricter policy (check-in within 5 days): the device is non-compliant at once.
    const second = createLocalProvider({ stores, policy: { ...POLICY, checkinValidityDays: 5 }, now: time.now });
    assert.deepEqual(await listed(second), [old.id]);
  });
});
