import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { toVersionedDevice, VERSION_PROPERTIES } from '../../src/api/compliance/versioned-device.js';
import { API_VERSIONS } from '../../src/api/compliance/versions.js';
import { buildDevice } from '../helpers/compliance-provider-double.js';
import { bearer, buildApp, KEYS } from './build-app.js';

const EXPECTED = {
  '1.0': [
    'azureADDeviceId',
    'complianceState',
    'imei',
    'lastContactTime',
    'macAddress',
    'managedByIntune',
    'manufacturer',
    'meid',
    'model',
    'osVersion',
    'serialNumber',
    'udid',
  ],
  '1.1': [
    'azureADDeviceId',
    'complianceState',
    'imei',
    'lastContactTime',
    'macAddress',
    'managedByIntune',
    'manufacturer',
    'meid',
    'model',
    'osVersion',
    'ownership',
    'serialNumber',
    'udid',
  ],
  '1.3': [
    'azureADDeviceId',
    'complianceState',
    'imei',
    'lastContactTime',
    'macAddress',
    'managedByIntune',
    'manufacturer',
    'meid',
    'model',
    'osVersion',
    'ownership',
    'serialNumber',
    'udid',
  ],
  '2.0': ['complianceState', 'intuneDeviceId', 'macAddress', 'managedByIntune'],
} as const;

const device = buildDevice({ complianceState: 'noncompliant', managedDeviceOwnerType: 'personal', ethernetMacAddress: '001122334455' });

describe('versioned property sets', () => {
  for (const version of API_VERSIONS) {
    it(`version ${version} returns exactly its properties over HTTP`, async () => {
      const { app } = buildApp({ devices: [device] });
      const res = await request(app).get(`/api/compliance/${version}/devices?intuneDeviceId=${device.id}`).set(bearer(KEYS.ise)).expect(200);
      assert.equal(res.body.value.length, 1);
      assert.deepEqual(Object.keys(res.body.value[0]).sort(), [...EXPECTED[version]]);
      assert.equal('nextLink' in res.body, false);
    });

    it(`version ${version} contains no property that only other versions have`, () => {
      const shaped = toVersionedDevice(version, device);
      const foreign = API_VERSIONS.flatMap((other) => VERSION_PROPERTIES[other]).filter((p) => !EXPECTED[version].includes(p as never));
      for (const property of foreign) assert.equal(property in shaped, false, `${property} leaked into ${version}`);
    });
  }

  it('maps the values the way partners expect', () => {
    assert.deepEqual(toVersionedDevice('1.1', device), {
      complianceState: 'noncompliant',
      managedByIntune: true,
      ownership: 'personal',
      macAddress: device.wiFiMacAddress,
      serialNumber: device.serialNumber,
      imei: device.imei,
      udid: device.udid,
      meid: device.meid,
      osVersion: '17.4.1',
      model: 'iPhone 15',
      manufacturer: 'Apple',
      azureADDeviceId: device.azureADDeviceId,
      lastContactTime: '2026-11-27T08:00:00Z',
    });
    assert.deepEqual(toVersionedDevice('2.0', device), {
      complianceState: 'noncompliant',
      managedByIntune: true,
      macAddress: device.wiFiMacAddress,
      intuneDeviceId: device.id,
    });
    assert.equal(toVersionedDevice('1.3', buildDevice({ managedDeviceOwnerType: 'company' })).ownership, 'corporate');
  });

  it('keeps Intune state names, including the rarer ones', () => {
    for (const state of ['compliant', 'noncompliant', 'inGracePeriod', 'unknown', 'error', 'conflict', 'configManager'] as const) {
      assert.equal(toVersionedDevice('1.0', buildDevice({ complianceState: state })).complianceState, state);
    }
  });

  it('answers a device that is not enrolled with managedByIntune false and nothing else, in every version', () => {
    for (const version of API_VERSIONS) assert.deepEqual(toVersionedDevice(version, undefined), { managedByIntune: false });
  });

  it('writes "" for properties the OS withholds, unknown ownership and a device never synced', () => {
    const android = buildDevice({ imei: '', udid: '', serialNumber: '', managedDeviceOwnerType: 'unknown', lastSyncDateTime: null, wiFiMacAddress: '' });
    // Graph sends null for some withheld values even though the type says string.
    (android as unknown as Record<string, unknown>).meid = null;
    const shaped = toVersionedDevice('1.3', android);
    for (const property of ['imei', 'udid', 'serialNumber', 'meid', 'ownership', 'lastContactTime', 'macAddress']) {
      assert.equal(shaped[property], '', property);
    }
    assert.deepEqual(Object.keys(shaped).sort(), [...EXPECTED['1.3']]);
  });
});
