import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { InvalidListingPositionError } from '../../src/core/compliance/errors.js';
import { createLocalProvider } from '../../src/providers/local/create-local-provider.js';
import { inventoryDeviceSchema, type InventoryDevice } from '../../src/providers/local/inventory-schema.js';
import { policyFileSchema } from '../../src/providers/local/policy-schema.js';
import type { ComplianceProvider, ListedDevice } from '../../src/core/compliance/types.js';
import { storeBackends } from '../helpers/store-backends.js';
import { bearer, buildApp, KEYS } from './build-app.js';
import { take } from '../helpers/take.js';

const policy = policyFileSchema.parse({
  policies: [{ id: 'ios', displayName: 'iOS baseline', platform: 'iOS', settings: { osMinimumVersion: '17.0' } }],
});

function inventoryDevice(n: number, noncompliant: boolean): InventoryDevice {
  return inventoryDeviceSchema.parse({
    id: `f0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    userId: '2b1c4a52-5d0e-4c3a-9f1e-7a6b5c4d3e21',
    operatingSystem: 'iOS',
    osVersion: noncompliant ? '16.7' : '17.4',
    lastSyncDateTime: new Date().toISOString(),
  });
}

async function ids(stream: AsyncIterable<ListedDevice>): Promise<string[]> {
  const out: string[] = [];
  for await (const { device } of stream) out.push(device.id);
  return out;
}

describe('local provider listing positions', async () => {
  for (const backend of await storeBackends('local listing positions')) {
    it(`${backend.name}: resumes after a device that was deleted or became compliant`, async () => {
      for (const change of ['deleted', 'compliant'] as const) {
        const stores = await backend.open();
        try {
          const provider = createLocalProvider({ stores, policy });
          const devices = Array.from({ length: 450 }, (_, i) => inventoryDevice(i, i % 3 === 0));
          for (const device of devices) await provider.inventory.put(device);
          const expected = devices.filter((_, i) => i % 3 === 0).map((d) => d.id);
          assert.deepEqual(await ids(provider.listNoncompliant()), expected);
          const firstPage = await take(provider.listNoncompliant(), 70);
          const last = firstPage.at(-1)!;
          assert.equal(last.position, last.device.id);
          if (change === 'deleted') assert.equal(await provider.inventory.delete(last.device.id), true);
          else await provider.inventory.put({ ...devices.find((d) => d.id === last.device.id)!, osVersion: '17.4' });
          assert.deepEqual(await ids(provider.listNoncompliant({ resumeFrom: last.position })), expected.slice(70), change);
        } finally {
          await stores.close();
        }
      }
    });
  }

  it('refuses positions that are not device ids', async () => {
    const { openMemoryStores } = await import('../../src/store/memory-stores.js');
    const provider = createLocalProvider({ stores: openMemoryStores(), policy });
    for (const resumeFrom of ['', 'x', 'F0000000-0000-4000-8000-000000000001', 'https://evil.example/', `${inventoryDevice(1, true).id} `]) {
      await assert.rejects(ids(provider.listNoncompliant({ resumeFrom })), InvalidListingPositionError, resumeFrom);
    }
  });

  it('pages through the bulk API and resumes after a deleted device', async () => {
    const { openMemoryStores } = await import('../../src/store/memory-stores.js');
    const stores = openMemoryStores();
    const provider = createLocalProvider({ stores, policy });
    const devices = Array.from({ length: 40 }, (_, i) => inventoryDevice(i, i % 2 === 0));
    for (const device of devices) await provider.inventory.put(device);
    const expected = devices.filter((_, i) => i % 2 === 0).map((d) => d.id);
    const { app } = buildApp<ComplianceProvider>({ provider, stores });
    const first = await request(app).get('/api/compliance/2.0/devices?complianceState=noncompliant&pageSize=6').set(bearer(KEYS.ise)).expect(200);
    const firstIds = first.body.value.map((d: { intuneDeviceId: string }) => d.intuneDeviceId);
    assert.deepEqual(firstIds, expected.slice(0, 6));
    await provider.inventory.delete(expected[5]!);
    const next = new URL(first.body.nextLink as string);
    next.searchParams.set('pageSize', '1000');
    const rest = await request(app).get(`/api/compliance/2.0/devices${next.search}`).set(bearer(KEYS.ise)).expect(200);
    assert.deepEqual(
      rest.body.value.map((d: { intuneDeviceId: string }) => d.intuneDeviceId),
      expected.slice(6),
    );
    assert.equal(rest.body.nextLink, undefined);
  });
});
