import type { ManagedDevice, SnapshotFacts } from '../../core/compliance/types.js';
import type { Namespace } from '../../core/store/types.js';
import type { GraphClient } from './graph-client.js';
import { DEVICE_SELECT, DEVICES_PATH, devicePath, toManagedDevice } from './graph-device.js';
import type { Operation } from './operation-budget.js';
import { graphPages } from './paged-listing.js';

export interface MacIndexBuilderOptions {
  graph: GraphClient;
  /** Device id → ethernet MAC ('' for none), remembered across builds. */
  ethernetMacs: Namespace<string>;
  ethernetTtlMs: number;
  /** Per-device reads per build, so one build stays bounded however large the tenant. */
  ethernetFetchesPerBuild: number;
  maxConcurrency: number;
  /**
   * Receives each listed page as full devices (state and identifiers, wired MAC when
   * remembered) with the facts partners report: the compliance snapshot is fed from the
   * same listing, so one pass over the tenant keeps both current.
   */
  onPage?: (devices: Array<{ device: ManagedDevice; facts: SnapshotFacts }>) => Promise<void>;
}

/** Only these platforms have wired NICs worth a per-device read. */
const WIRED_PLATFORMS = /^(windows|macos|mac os|linux)/i;

/** The listing carries every field of the snapshot (graph-device.ts) plus the facts ISE reports. */
const LIST_PATH = `${DEVICES_PATH}?$select=${DEVICE_SELECT},isEncrypted,jailBroken,phoneNumber`;

/** Graph's `isEncrypted` is a boolean, `jailBroken` a string "True" / "False" / "Unknown". */
function factsOf(raw: unknown): SnapshotFacts {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const jail = typeof r.jailBroken === 'string' ? r.jailBroken.toLowerCase() : '';
  return {
    encrypted: typeof r.isEncrypted === 'boolean' ? r.isEncrypted : undefined,
    jailBroken: jail === 'true' ? true : jail === 'false' ? false : undefined,
    phoneNumber: typeof r.phoneNumber === 'string' && r.phoneNumber !== '' ? r.phoneNumber : undefined,
  };
}

/**
 * Builds MAC → device ids from a paged listing. Graph lists return `ethernetMacAddress`
 * as null, so wired MACs come from per-device reads that are remembered for days and
 * capped per build: the first builds fill them in gradually instead of bursting.
 */
export async function buildMacMap(options: MacIndexBuilderOptions, op: Operation): Promise<Map<string, Set<string>>> {
  const map = new Map<string, Set<string>>();
  const add = (mac: string, id: string) => {
    if (!mac) return;
    const ids = map.get(mac) ?? new Set<string>();
    ids.add(id);
    map.set(mac, ids);
  };
  const toFetch: string[] = [];
  for await (const page of graphPages(options.graph, LIST_PATH, () => op)) {
    const devices = page.map(toManagedDevice);
    const wiredUnknown: string[] = [];
    for (const device of devices) {
      add(device.wiFiMacAddress, device.id);
      if (device.ethernetMacAddress) add(device.ethernetMacAddress, device.id);
      else if (WIRED_PLATFORMS.test(device.operatingSystem)) wiredUnknown.push(device.id);
    }
    const remembered = await options.ethernetMacs.getMany(wiredUnknown);
    const wired = new Map<string, string>();
    wiredUnknown.forEach((id, i) => {
      const mac = remembered[i];
      if (mac !== undefined) {
        add(mac, id);
        wired.set(id, mac);
      } else if (toFetch.length < options.ethernetFetchesPerBuild) toFetch.push(id);
    });
    await options.onPage?.(
      devices.map((device, i) => ({
        device: { ...device, ethernetMacAddress: device.ethernetMacAddress || (wired.get(device.id) ?? '') },
        facts: factsOf(page[i]),
      })),
    );
  }
  for (let i = 0; i < toFetch.length; i += options.maxConcurrency) {
    const batch = toFetch.slice(i, i + options.maxConcurrency);
    await Promise.all(
      batch.map(async (id) => {
        const response = await options.graph.send('GET', `${devicePath(id)}?$select=id,ethernetMacAddress`, op);
        if (response.status === 404) return; // removed since the listing
        const mac = toManagedDevice(response.body).ethernetMacAddress;
        await options.ethernetMacs.set(id, mac, options.ethernetTtlMs);
        add(mac, id);
      }),
    );
  }
  return map;
}
