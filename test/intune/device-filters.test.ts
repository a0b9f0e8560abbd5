import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { DEMO_DEVICES, DEMO_IDS } from '../helpers/fake-graph/demo-devices.js';
import { startFixture, type Fixture } from './provider-fixture.js';

let fx: Fixture;
afterEach(() => fx.close());
const LIST = '/v1.0/deviceManagement/managedDevices';

test('a serial-number filter Graph ignores still yields only the device that really matches', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES, ignoredFilters: ['serialNumber'], pageSize: 2 } });
  const result = await fx.provider.findBySerialNumber('pf4bob01');
  assert.ok(result.kind === 'found');
  assert.equal(result.device.id, DEMO_IDS.bobLaptop);
  const call = fx.fake.calls.find((c) => c.path === LIST);
  assert.equal(call?.query.get('$filter'), "serialNumber eq 'pf4bob01'");
  assert.equal(fx.fake.count('GET', LIST), 3, 'the ignored filter returned every page');
});

test('an ignored filter with no real match is not found rather than the first device returned', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES, ignoredFilters: ['serialNumber'] } });
  assert.deepEqual(await fx.provider.findBySerialNumber('NO-SUCH-SERIAL'), { kind: 'notFound' });
});

test('quotes in a serial number are escaped as OData literals', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  assert.deepEqual(await fx.provider.findBySerialNumber("x' or 1 eq 1 or serialNumber eq 'y"), { kind: 'notFound' });
  const call = fx.fake.calls.find((c) => c.path === LIST);
  assert.equal(call?.query.get('$filter'), "serialNumber eq 'x'' or 1 eq 1 or serialNumber eq ''y'");
});

test('finding by Entra device id verifies azureADDeviceId on what Graph returns', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES, ignoredFilters: ['azureADDeviceId'] } });
  const result = await fx.provider.findByAzureAdDeviceId('9A8B7C6D-5E4F-4A3B-9C2D-1E0F9A8B7C6D');
  assert.ok(result.kind === 'found');
  assert.equal(result.device.id, DEMO_IDS.aliceLaptop);
  assert.deepEqual(await fx.provider.findByAzureAdDeviceId('not-a-guid'), { kind: 'notFound' });
});
