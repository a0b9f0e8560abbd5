import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { graphDevice } from '../helpers/fake-graph/device-builder.js';
import { DEMO_DEVICES, DEMO_IDS } from '../helpers/fake-graph/demo-devices.js';
import { startFixture, type Fixture } from './provider-fixture.js';

let fx: Fixture;
afterEach(() => fx.close());
const LIST = '/v1.0/deviceManagement/managedDevices';
const NEW_ID = '5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c';

test('the MAC index is built by following nextLink across pages, then lookups need no listing', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES, pageSize: 2 } });
  const result = await fx.provider.findDevice({ by: 'mac', mac: '0c:9d:92:aa:bb:cc' }); // bob, on the last page
  assert.equal(result.kind, 'found');
  assert.ok(result.kind === 'found');
  assert.equal(result.device.id, DEMO_IDS.bobLaptop);
  const pages = fx.fake.calls.filter((c) => c.path === LIST);
  assert.equal(pages.length, 3);
  // One listing feeds both the MAC index and the compliance snapshot ISE reads: MACs plus state and facts.
  const select = (pages[0]?.query.get('$select') ?? '').split(',');
  for (const field of ['id', 'wiFiMacAddress', 'ethernetMacAddress', 'complianceState', 'serialNumber', 'userId', 'isEncrypted', 'jailBroken'])
    assert.ok(select.includes(field), field);
  // Graph-style key token: the last id of the page before (the fake pages in id order).
  assert.equal(pages[2]?.query.get('$skiptoken'), `LastDeviceId='${DEMO_IDS.aliceAndroid}'`);
  const again = await fx.provider.findDevice({ by: 'mac', mac: 'A4B1C2D3E4F5' });
  assert.ok(again.kind === 'found' && again.device.id === DEMO_IDS.aliceIphone);
  assert.equal(fx.fake.count('GET', LIST), 3, 'no listing per request');
});

test('a wired MAC, null in list responses, is found through a per-device read', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  const result = await fx.provider.findDevice({ by: 'mac', mac: '00-50-B6-C0-FF-EE' });
  assert.ok(result.kind === 'found');
  assert.equal(result.device.id, DEMO_IDS.aliceLaptop);
  const wiredRead = fx.fake.calls.find((c) => c.path === `${LIST}/${DEMO_IDS.aliceLaptop}` && c.query.get('$select') === 'id,ethernetMacAddress');
  assert.ok(wiredRead, 'ethernetMacAddress read per device');
  assert.equal(fx.fake.count('GET', `${LIST}/${DEMO_IDS.aliceIphone}`), 0, 'phones have no wired NIC to read');
});

test('a miss rebuilds the index at most once per interval and then finds a newly enrolled device', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  await fx.provider.findDevice({ by: 'mac', mac: 'A4B1C2D3E4F5' });
  fx.fake.devices.set(NEW_ID, graphDevice({ id: NEW_ID, operatingSystem: 'iOS', wiFiMacAddress: '00AABBCCDDEE' }));
  // Right after a build a miss is believed: no rebuild storm from unknown MACs.
  assert.deepEqual(await fx.provider.findDevice({ by: 'mac', mac: '00AABBCCDDEE' }), { kind: 'notFound' });
  assert.equal(fx.fake.count('GET', LIST), 1);
  fx.clock.advance(30_001);
  const [first, second] = await Promise.all([
    fx.provider.findDevice({ by: 'mac', mac: '00AABBCCDDEE' }),
    fx.provider.findDevice({ by: 'mac', mac: '00AABBCCDDEE' }),
  ]);
  assert.ok(first.kind === 'found' && first.device.id === NEW_ID);
  assert.ok(second.kind === 'found' && second.device.id === NEW_ID);
  assert.equal(fx.fake.count('GET', LIST), 2, 'concurrent misses share one rebuild');
  assert.deepEqual(await fx.provider.findDevice({ by: 'mac', mac: '001122334455' }), { kind: 'notFound' });
  assert.equal(fx.fake.count('GET', LIST), 2, 'a miss right after a rebuild is believed');
});

test('a MAC reported by two devices is ambiguous, never the first match', async () => {
  const twin = graphDevice({ id: NEW_ID, operatingSystem: 'iOS', wiFiMacAddress: 'A4B1C2D3E4F5' });
  fx = await startFixture({ fake: { devices: [...DEMO_DEVICES, twin] } });
  const result = await fx.provider.findDevice({ by: 'mac', mac: 'a4b1.c2d3.e4f5' });
  assert.deepEqual(result, { kind: 'ambiguous', deviceIds: [DEMO_IDS.aliceIphone, NEW_ID].sort() });
});

test('an index entry whose device changed its MAC since the build is not reported as a match', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  await fx.provider.findDevice({ by: 'mac', mac: 'A4B1C2D3E4F5' });
  const iphone = fx.fake.devices.get(DEMO_IDS.aliceIphone);
  if (iphone) iphone.wiFiMacAddress = '00DEADBEEF00';
  assert.deepEqual(await fx.provider.findDevice({ by: 'mac', mac: 'A4B1C2D3E4F5' }), { kind: 'notFound' });
});

test('a malformed MAC is not found without touching Graph', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  assert.deepEqual(await fx.provider.findDevice({ by: 'mac', mac: 'AA:BB-CC:DD:EE:FF' }), { kind: 'notFound' });
  assert.equal(fx.fake.calls.length, 0);
});
