/**
 * The local provider's non-compliant listing at fleet scale (issue #12 targets: a page of
 * 100 ≤ 20 ms, 10k non-compliant streamed ≤ 500 ms, at 100k devices). Seeds N devices
 * (1% non-compliant) into a fresh store, then times, in the same process:
 *
 * - `scan`: the old algorithm (walk every device id, evaluate each, keep the non-compliant),
 *   kept here as the before-number;
 * - `index`: the provider's listing through the non-compliance index.
 *
 * Then makes 10% of the fleet non-compliant and streams all of them.
 *
 *   npm run bench -- bulk [--devices 100000] [--stores sqlite,redis]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stores } from '../src/core/store/types.js';
import { createLocalProvider } from '../src/providers/local/create-local-provider.js';
import { evaluateDevice } from '../src/providers/local/evaluate-device.js';
import { inventoryDeviceSchema, type InventoryDevice } from '../src/providers/local/inventory-schema.js';
import { loadPolicyFile } from '../src/providers/local/policy-schema.js';
import { openStores } from '../src/store/open-stores.js';
import { benchRedisEnv } from './lib/hot-paths.js';
import { median } from './lib/wrk.js';

const POLICY = loadPolicyFile('./config/demo/policy.json');
const USER = '2b1c4a52-5d0e-4c3a-9f1e-7a6b5c4d3e21';

function device(n: number, good: boolean, now: number): InventoryDevice {
  return inventoryDeviceSchema.parse({
    id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    userId: USER,
    operatingSystem: 'iOS',
    osVersion: '17.4',
    wiFiMacAddress: `02${n.toString(16).padStart(10, '0')}`.toUpperCase(),
    lastSyncDateTime: new Date(now - (n % 20) * 86_400_000).toISOString(),
    facts: { passcodeSet: good, encrypted: true, jailBroken: false },
  });
}

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/** The pre-index listing: every device between two non-compliant ones is read and evaluated. */
async function scanPage(provider: ReturnType<typeof createLocalProvider>, after: string | undefined, size: number, now: number): Promise<string[]> {
  const found: string[] = [];
  for (;;) {
    const ids = await provider.inventory.idsAfter(after, 200);
    if (ids.length === 0) return found;
    for (const d of await provider.inventory.getMany(ids)) {
      if (d && evaluateDevice(d, POLICY, now).complianceState === 'noncompliant') found.push(d.id);
      if (found.length === size) return found;
    }
    after = ids[ids.length - 1];
  }
}

async function firstN(provider: ReturnType<typeof createLocalProvider>, n: number, resumeFrom?: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const entry of provider.listNoncompliant({ resumeFrom })) {
    ids.push(entry.device.id);
    if (ids.length === n) break;
  }
  return ids;
}

export async function bulkListing(options: { stores: string[]; devices: number }): Promise<void> {
  for (const kind of options.stores) {
    const url = kind === 'redis' ? benchRedisEnv().STORE_URL! : `sqlite://${join(mkdtempSync(join(tmpdir(), 'vestibule-bulk-')), 'bulk.sqlite')}`;
    const prefix = `bench-bulk-${process.pid}-${Date.now()}:`;
    const stores: Stores = await openStores(url, { timeoutMs: 10_000, redisKeyPrefix: prefix });
    try {
      const now = Date.now();
      const provider = createLocalProvider({ stores, policy: POLICY, now: () => now });
      const [, seedMs] = await time(async () => {
        for (let n = 0; n < options.devices; n += 1) await provider.inventory.put(device(n, n % 100 !== 7, now));
      });
      console.log(`\n${kind}: ${options.devices} devices, 1% non-compliant, seeded in ${(seedMs / 1000).toFixed(1)} s`);
      const pages = async (list: (after: string | undefined) => Promise<string[]>) => {
        const times: number[] = [];
        let after: string | undefined;
        for (let page = 0; page < 5; page += 1) {
          const [ids, ms] = await time(() => list(after));
          times.push(ms);
          after = ids[ids.length - 1];
        }
        return times;
      };
      const scan = await pages((after) => scanPage(provider, after, 100, now));
      const indexed = await pages((after) => firstN(provider, 100, after));
      console.log(`page of 100, median of 5 pages: scan ${median(scan).toFixed(1)} ms, index ${median(indexed).toFixed(1)} ms (target ≤ 20 ms)`);

      const extra = Math.min(options.devices, Math.floor(options.devices / 10));
      for (let n = 0; n < options.devices && n < extra * 10; n += 10) if (n % 100 !== 7) await provider.inventory.put(device(n, false, now));
      const [all, streamMs] = await time(() => firstN(provider, Number.MAX_SAFE_INTEGER));
      console.log(`streamed all ${all.length} non-compliant devices through the index: ${streamMs.toFixed(0)} ms (target for 10k ≤ 500 ms)`);
    } finally {
      await stores.close();
    }
  }
}
