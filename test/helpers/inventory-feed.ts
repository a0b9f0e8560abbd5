import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths.js';
import type { DeviceFacts } from '../../src/providers/local/inventory-schema.js';

/** A device record as config/demo/inventory.json (the demo inventory every test Vestibule seeds) holds it. */
type DemoRecord = Record<string, unknown> & { id: string; facts: DeviceFacts };

const DEMO_INVENTORY = JSON.parse(readFileSync(join(PROJECT_ROOT, 'config', 'demo', 'inventory.json'), 'utf8')) as { devices: DemoRecord[] };

/**
 * What an MDM feed sends once the person has changed a demo device: its record from
 * config/demo/inventory.json with `facts` laid over its own and a check-in of now, through
 * the inventory ingest API (`PUT /api/v1/inventory/devices/{id}` with `apiKey`, the
 * vestibule's INVENTORY_API_KEY). Asserts the 200 a known device's replacement answers.
 */
export async function reportDemoDevice(base: string, apiKey: string, deviceId: string, facts: DeviceFacts): Promise<void> {
  const demo = DEMO_INVENTORY.devices.find((device) => device.id === deviceId);
  assert.ok(demo, `${deviceId} is a device of config/demo/inventory.json`);
  const { id: _id, ...record } = demo;
  const response = await fetch(new URL(`/api/v1/inventory/devices/${deviceId}`, base), {
    method: 'PUT',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...record, lastSyncDateTime: new Date().toISOString(), facts: { ...record.facts, ...facts } }),
  });
  assert.equal(response.status, 200, await response.text());
}
