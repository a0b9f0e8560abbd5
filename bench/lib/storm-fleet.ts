/**
 * A realistic fleet for the morning storm: every phone its own device (MAC) and its own
 * client address, as on a real site, so per-device and per-address limits see what they
 * would see there instead of thousands of visits from one MAC and one address.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths.js';
import { DEVICES } from '../../test/helpers/portal-flow.js';

/**
 * Phone i's MAC: a fixed vendor prefix and the index. Globally administered on purpose —
 * a locally administered (private, randomised) address is an outcome of its own.
 */
export function stormMac(index: number): string {
  return `00:1B:63:${[(index >> 16) & 255, (index >> 8) & 255, index & 255].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':')}`;
}

/** Phone i's client address (10.0.0.0/8), sent as X-Forwarded-For through a trusted proxy. */
export function stormAddress(index: number): string {
  return `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255 || 1}`;
}

/**
 * Writes the demo inventory plus, per phone of kind 0 (compliant, own device) a copy of
 * Alice's iPhone and per phone of kind 1 (someone else's device) a copy of Bob's iPhone,
 * each under the phone's own MAC; kind 2 phones keep a MAC that is in no inventory (not
 * enrolled). `kindOf(i)` says which kind phone i is. Returns the file's path.
 */
export function writeStormInventory(phones: number, kindOf: (index: number) => number): string {
  const demo = JSON.parse(readFileSync(join(PROJECT_ROOT, 'config/demo/inventory.json'), 'utf8')) as { devices: Array<Record<string, unknown>> };
  const template = (id: string) => demo.devices.find((device) => device.id === id)!;
  const alice = template(DEVICES.aliceIphone.id);
  const bob = template(DEVICES.bobIphone.id);
  for (let i = 0; i < phones; i += 1) {
    const kind = kindOf(i);
    if (kind > 1) continue;
    demo.devices.push({
      ...(kind === 0 ? alice : bob),
      id: randomUUID(),
      serialNumber: `STORM${String(i).padStart(7, '0')}`,
      imei: '',
      azureADDeviceId: '',
      wiFiMacAddress: stormMac(i).replaceAll(':', ''),
    });
  }
  const path = join(mkdtempSync(join(tmpdir(), 'vestibule-storm-')), 'inventory.json');
  writeFileSync(path, JSON.stringify(demo));
  return path;
}
