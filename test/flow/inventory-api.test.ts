import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

const KEY = 'inventory-key-for-tests-4f7a9c2e1b3d5f6a8c0e';
const NEW_ID = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a';
const device = (overrides: Record<string, unknown> = {}) => ({
  userId: '2b1c4a52-5d0e-4c3a-9f1e-7a6b5c4d3e21',
  deviceName: 'Test Mac',
  operatingSystem: 'macOS',
  osVersion: '14.5',
  wiFiMacAddress: '8c:85:90:11:22:33',
  lastSyncDateTime: new Date().toISOString(),
  facts: { encrypted: true, firewallEnabled: true },
  ...overrides,
});

describe('the inventory ingest API', () => {
  let vestibule: TestVestibule;
  before(async () => {
    vestibule = await startVestibule({ INVENTORY_API_KEY: KEY });
  });
  after(() => vestibule.stop());

  const put = (id: string, body: unknown, contentType = 'application/json') =>
    fetch(new URL(`/api/v1/inventory/devices/${id}`, vestibule.url), {
      method: 'PUT',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const lookUpByMac = async (mac: string) => {
    const response = await fetch(new URL(`/api/compliance/2.0/devices?macAddress=${mac}`, vestibule.url), {
      headers: { authorization: `Bearer ${TEST_GATEWAYS.hq.apiKey}` },
    });
    return (await response.json()).value[0];
  };

  it('creates a device with 201, replaces it with 200, and the partner API sees each version', async () => {
    const created = await put(NEW_ID, device());
    assert.equal(created.status, 201);
    assert.equal((await created.json()).wiFiMacAddress, '8C8590112233', 'stored in canonical form');
    assert.deepEqual(await lookUpByMac('8C8590112233'), {
      complianceState: 'compliant',
      managedByIntune: true,
      macAddress: '8C8590112233',
      intuneDeviceId: NEW_ID,
    });

    const replaced = await put(NEW_ID, device({ wiFiMacAddress: '8C8590445566', facts: { encrypted: false, firewallEnabled: true } }));
    assert.equal(replaced.status, 200);
    assert.deepEqual(await lookUpByMac('8C8590112233'), { managedByIntune: false }, 'the old MAC no longer finds it');
    assert.equal((await lookUpByMac('8C8590445566')).complianceState, 'noncompliant');
  });

  it('refuses an invalid device with a 400 naming the field, and writes nothing', async () => {
    const before = await lookUpByMac('8C8590445566');
    for (const [body, field] of [
      [device({ operatingSystem: 'BeOS' }), 'operatingSystem'],
      [device({ osVersion: '14.5; rm -rf' }), 'osVersion'],
      [device({ wiFiMacAddress: 'zz:zz' }), 'wiFiMacAddress'],
      [device({ facts: { encrypted: 'yes' } }), 'facts.encrypted'],
      [device({ unexpected: 1 }), 'unexpected'],
      [device({ id: '00000000-0000-4000-8000-000000000000' }), 'id'],
    ] as const) {
      const response = await put(NEW_ID, body);
      assert.equal(response.status, 400, field);
      assert.match(response.headers.get('content-type')!, /application\/problem\+json/);
      assert.match((await response.json()).detail, new RegExp(field.replace('.', '\\.')), field);
    }
    assert.equal((await put(NEW_ID, '{not json')).status, 400);
    assert.equal((await put(NEW_ID, 'x', 'text/plain')).status, 415);
    assert.equal((await put('not-a-guid', device())).status, 400);
    assert.deepEqual(await lookUpByMac('8C8590445566'), before, 'nothing changed');
  });

  it('deletes with 204, then 404; without the key nothing happens', async () => {
    const unauthorised = await fetch(new URL(`/api/v1/inventory/devices/${NEW_ID}`, vestibule.url), { method: 'DELETE' });
    assert.equal(unauthorised.status, 401);
    const del = () => fetch(new URL(`/api/v1/inventory/devices/${NEW_ID}`, vestibule.url), { method: 'DELETE', headers: { authorization: `Bearer ${KEY}` } });
    assert.equal((await del()).status, 204);
    assert.equal((await del()).status, 404);
    assert.deepEqual(await lookUpByMac('8C8590445566'), { managedByIntune: false });
  });
});
