import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEVICES } from '../helpers/portal-flow.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

const SID = 'tag:microsoft.com,2022-09-14:sid:S-1-5-21-1004336348-1177238915-682003330-1001';
const IPHONE = DEVICES.aliceIphone.id;

describe('HTTP-source partners: certSanUri and the single-object form', () => {
  let vestibule: TestVestibule;
  const get = (path: string) => fetch(`${vestibule.url}${path}`, { headers: { Authorization: `Bearer ${TEST_GATEWAYS.hq.apiKey}` } });
  before(async () => {
    vestibule = await startVestibule();
  });
  after(() => vestibule.stop());

  it('finds the device from every form a NAC product substitutes, ignoring the SID tag URI', async () => {
    const forms = [
      `URI:IntuneDeviceId://${IPHONE}, URI:${SID}`, // node's subjectAltName text, old style
      `URI:IntuneDeviceId://${IPHONE}, URI:"${SID.replace(',', '\\u002c')}"`, // node since CVE-2021-44532
      `IntuneDeviceId://${IPHONE},${SID}`, // ClearPass %{Certificate:Subject-AltName-URI}
      `${SID}, IntuneDeviceId://${IPHONE.toUpperCase()}`,
      `ID:Microsoft Endpoint Manager:GUID:${IPHONE}`,
      `URI:ID:Intune:GUID:${IPHONE}, URI:${SID}`,
      `URI:IntuneDeviceId://${IPHONE},URI:${SID}`, // tagged and comma-joined without a space
      `URI:${SID},URI:IntuneDeviceId://${IPHONE}`,
    ];
    for (const form of forms) {
      const response = await get(`/api/compliance/1.1/devices?certSanUri=${encodeURIComponent(form)}`);
      assert.equal(response.status, 200, form);
      const body = (await response.json()) as { value: Array<Record<string, unknown>> };
      assert.equal(body.value.length, 1);
      assert.equal(body.value[0]!.serialNumber, 'F2LX1234ABCD', form);
      assert.equal(body.value[0]!.complianceState, 'compliant');
    }
  });

  it('refuses a list without a device id, with two device ids, or with a mangled one (400, nothing looked up)', async () => {
    const bad = [SID, `IntuneDeviceId://${IPHONE},IntuneDeviceId://${DEVICES.bobIphone.id}`, 'IntuneDeviceId://not-a-guid', ''];
    for (const form of bad) {
      const response = await get(`/api/compliance/1.1/devices?certSanUri=${encodeURIComponent(form)}`);
      assert.equal(response.status, 400, form);
      assert.match(((await response.json()) as { detail: string }).detail, /certSanUri/);
    }
    const both = await get(`/api/compliance/1.1/devices?certSanUri=${encodeURIComponent(`IntuneDeviceId://${IPHONE}`)}&macAddress=A4B1C2D3E4F5`);
    assert.equal(both.status, 400);
  });

  it('the single-object form answers the device itself, with the version’s properties and no value[] wrapper', async () => {
    const bySan = await get(`/api/compliance/1.1/device?certSanUri=${encodeURIComponent(`URI:IntuneDeviceId://${DEVICES.aliceLaptop.id}, URI:${SID}`)}`);
    assert.equal(bySan.status, 200);
    const device = (await bySan.json()) as Record<string, unknown>;
    assert.equal('value' in device, false);
    assert.equal(device.complianceState, 'noncompliant');
    assert.equal(device.managedByIntune, true);
    assert.equal(device.serialNumber, '7HX2Q93');
    const listed = (await (await get(`/api/compliance/1.1/devices?intuneDeviceId=${DEVICES.aliceLaptop.id}`)).json()) as { value: unknown[] };
    assert.deepEqual(device, listed.value[0], 'the same object the list form wraps');

    const byMac = (await (await get('/api/compliance/2.0/device?macAddress=a4:b1:c2:d3:e4:f5')).json()) as Record<string, unknown>;
    assert.deepEqual(byMac, { complianceState: 'compliant', managedByIntune: true, macAddress: 'A4B1C2D3E4F5', intuneDeviceId: IPHONE });
    const unknown = await get('/api/compliance/1.1/device?macAddress=0026B424FEB4');
    assert.deepEqual(await unknown.json(), { managedByIntune: false });
    const listing = await get('/api/compliance/1.1/device?complianceState=noncompliant');
    assert.equal(listing.status, 400);
    const noKey = await fetch(`${vestibule.url}/api/compliance/1.1/device?macAddress=A4B1C2D3E4F5`);
    assert.equal(noKey.status, 401);
  });
});
