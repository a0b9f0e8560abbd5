import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ALICE_OID, DEMO_DEVICES, DEMO_IDS } from '../helpers/fake-graph/demo-devices.js';
import { startFixture, type Fixture } from './provider-fixture.js';

let fx: Fixture;
afterEach(() => fx.close());
const devicePath = (id: string) => `/v1.0/deviceManagement/managedDevices/${id}`;

test('finding by Intune id returns the device with the owner oid and a per-device ethernet MAC', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  const result = await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceLaptop.toUpperCase() });
  assert.equal(result.kind, 'found');
  assert.ok(result.kind === 'found');
  assert.equal(result.device.id, DEMO_IDS.aliceLaptop);
  assert.equal(result.device.userId, ALICE_OID);
  assert.equal(result.device.complianceState, 'noncompliant');
  assert.equal(result.device.wiFiMacAddress, '3C22FB4A1B01');
  assert.equal(result.device.ethernetMacAddress, '0050B6C0FFEE');
  const call = fx.fake.calls.find((c) => c.path === devicePath(DEMO_IDS.aliceLaptop));
  assert.match(call?.query.get('$select') ?? '', /(^|,)ethernetMacAddress(,|$)/);
});

test('a device Graph does not know (404) is reported as not found', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  const missing = '99999999-9999-4999-8999-999999999999';
  assert.deepEqual(await fx.provider.findDevice({ by: 'id', id: missing }), { kind: 'notFound' });
  assert.equal(fx.fake.count('GET', devicePath(missing)), 1);
});

test('an id that is not a GUID is not found without asking Graph', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  for (const id of ['../../users', `${DEMO_IDS.aliceIphone}/syncDevice`, '', 'x'.repeat(5000)]) {
    assert.deepEqual(await fx.provider.findDevice({ by: 'id', id }), { kind: 'notFound' });
  }
  assert.equal(fx.fake.count('GET', /^\/v1\.0\//), 0);
});

test('device reads are cached for deviceCacheMs and re-read after it', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES }, provider: { deviceCacheMs: 10_000 } });
  await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone });
  await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone });
  assert.equal(fx.fake.count('GET', devicePath(DEMO_IDS.aliceIphone)), 1);
  fx.clock.advance(10_001);
  await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone });
  assert.equal(fx.fake.count('GET', devicePath(DEMO_IDS.aliceIphone)), 2);
});
