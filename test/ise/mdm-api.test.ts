import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { childNames, devicesOf, IseClient, type IseResponse, type Xml } from '../helpers/ise-client.js';
import { DEVICES } from '../helpers/portal-flow.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

const ISE = TEST_GATEWAYS.ise;
const V2_ATTRIBUTES = [
  'register_status',
  'compliance',
  'disk_encryption_on',
  'pin_lock_on',
  'jail_broken',
  'manufacturer',
  'model',
  'imei',
  'meid',
  'udid',
  'serial_number',
  'os_version',
  'phone_number',
];
const V3_ATTRIBUTES = [
  'register_status',
  'compliance',
  'disk_encryption_on',
  'pin_lock_on',
  'jail_broken',
  'manufacturer',
  'model',
  'udid',
  'serial_number',
  'os_version',
  'phone_number',
  'lastCheckinTimeStamp',
  'guid',
  'macaddresses',
];

const attributesOf = (device: Record<string, Xml>) => device.attributes as Record<string, Xml>;
const complianceOf = (device: Record<string, Xml>) => attributesOf(device).compliance as Record<string, Xml>;
/** An element's text; an element with children shows as JSON (and so matches no text pattern). */
const textOf = (value: Xml | Xml[] | undefined): string => (typeof value === 'string' ? value : `(not text: ${JSON.stringify(value)})`);

function assertXml(response: IseResponse): void {
  assert.equal(response.status, 200, response.text);
  assert.equal(response.contentType, 'application/xml');
  assert.ok(response.body, 'the body is an <ise_api> document');
}

describe('Cisco ISE MDM API (a faithful ISE client against the real app, local provider)', () => {
  let vestibule: TestVestibule;
  let ise: IseClient;
  before(async () => {
    vestibule = await startVestibule({ ISE_QUERY_MAX_SIZE: '2' });
    ise = new IseClient(vestibule.url, ISE.id, ISE.apiKey);
  });
  after(() => vestibule.stop());

  it('mdminfo v3 answers all nine elements in order, with a per-gateway api_path and the remediation entry', async () => {
    const info = await ise.mdmInfo(3);
    assertXml(info);
    assert.deepEqual(childNames(info.body), [
      'name',
      'api_version',
      'api_path',
      'redirect_url',
      'query_max_size',
      'messaging_support',
      'vendor',
      'product_name',
      'product_version',
    ]);
    assert.equal(info.body!.name, 'mdminfo');
    assert.equal(info.body!.api_version, '3');
    assert.equal(info.body!.api_path, '/ise/hq-ise/v3');
    assert.equal(info.body!.redirect_url, `${vestibule.url}/fix/hq-ise`);
    assert.equal(info.body!.query_max_size, '2');
    assert.equal(info.body!.messaging_support, 'false');
    assert.equal(info.body!.vendor, 'Vestibule');
    assert.match(textOf(info.body!.product_version), /^\d+\.\d+\.\d+/);
  });

  it('mdminfo answers the highest version it serves up to the one asked, v2 without the v3-only elements', async () => {
    for (const asked of [2, null]) {
      const info = await ise.mdmInfo(asked);
      assertXml(info);
      assert.deepEqual(childNames(info.body), ['name', 'api_version', 'api_path', 'redirect_url', 'query_max_size', 'messaging_support']);
      assert.equal(info.body!.api_version, '2');
      assert.equal(info.body!.api_path, '/ise/hq-ise/v2');
    }
    const newer = await ise.mdmInfo(7);
    assert.equal(newer.body!.api_version, '3');
    const noSlash = await ise.get('/ciscoise/mdminfo?ise_api_version=3');
    assert.equal(noSlash.body!.api_version, '3');
    const v1 = await ise.mdmInfo(1);
    assert.equal(v1.status, 400);
    assert.match(v1.text, /versions 2 and 3/);
  });

  it('answers the exact request line ISE sends; an unknown MAC is an empty deviceList', async () => {
    const response = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'macaddress', value: '0026B424FEB4' });
    assert.equal(response.requestLine, 'GET /ise/hq-ise/v3/devices/?paging=0&querycriteria=macaddress&value=0026B424FEB4&filter=all');
    assertXml(response);
    assert.equal(response.body!.name, 'attributes');
    assert.equal(response.body!.api_version, '3');
    assert.equal(response.body!.deviceList, '');
    assert.match(response.text, /<deviceList\/>/);
  });

  it('a MAC query (v3) keys the device by the MAC asked and follows the v3 attribute schema', async () => {
    const response = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'macaddress', value: 'A4B1C2D3E4F5' });
    assertXml(response);
    const [device, ...others] = devicesOf(response);
    assert.equal(others.length, 0);
    assert.deepEqual(childNames(device), ['macaddress', 'attributes']);
    assert.equal(device!.macaddress, 'A4B1C2D3E4F5');
    const attributes = attributesOf(device!);
    assert.deepEqual(childNames(attributes), V3_ATTRIBUTES);
    assert.equal(attributes.register_status, 'true');
    assert.deepEqual(complianceOf(device!), { status: 'true' });
    assert.equal(attributes.disk_encryption_on, 'true');
    assert.equal(attributes.pin_lock_on, 'true');
    assert.equal(attributes.jail_broken, 'false');
    assert.equal(attributes.manufacturer, 'Apple');
    assert.equal(attributes.model, 'iPhone 15');
    assert.equal(attributes.serial_number, 'F2LX1234ABCD');
    assert.equal(attributes.os_version, 'iOS 17.4.1');
    assert.equal(attributes.guid, DEVICES.aliceIphone.id);
    assert.equal(attributes.macaddresses, 'A4B1C2D3E4F5');
    // Epoch milliseconds of the last check-in, the same instant the native API reports.
    const native = await fetch(`${vestibule.url}/api/compliance/1.1/devices?intuneDeviceId=${DEVICES.aliceIphone.id}`, {
      headers: { Authorization: `Bearer ${TEST_GATEWAYS.hq.apiKey}` },
    });
    const lastContact = ((await native.json()) as { value: Array<{ lastContactTime: string }> }).value[0]!.lastContactTime;
    assert.equal(attributes.lastCheckinTimeStamp, String(Date.parse(lastContact)));
  });

  it('accepts every MAC notation and answers under the canonical MAC', async () => {
    for (const value of ['a4:b1:c2:d3:e4:f5', 'a4-b1-c2-d3-e4-f5', 'a4b1.c2d3.e4f5', 'a4b1c2d3e4f5']) {
      const response = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'macaddress', value });
      assert.equal(devicesOf(response)[0]?.macaddress, 'A4B1C2D3E4F5', value);
    }
  });

  it('v2 answers carry imei and meid and none of the v3-only elements', async () => {
    const response = await ise.devices('/ise/hq-ise/v2', { querycriteria: 'macaddress', value: 'A4B1C2D3E4F5' });
    assertXml(response);
    assert.equal(response.body!.api_version, '2');
    const device = devicesOf(response)[0]!;
    assert.deepEqual(childNames(attributesOf(device)), V2_ATTRIBUTES);
    assert.equal(attributesOf(device).imei, '356789012345678');
  });

  it('GUID queries (v3) key by guid; v2 refuses them; an unknown GUID is an empty list', async () => {
    const response = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'guid', value: DEVICES.aliceLaptop.id.toUpperCase() });
    assertXml(response);
    const device = devicesOf(response)[0]!;
    assert.deepEqual(childNames(device), ['guid', 'attributes']);
    assert.equal(device.guid, DEVICES.aliceLaptop.id);
    const compliance = complianceOf(device);
    assert.equal(compliance.status, 'false');
    assert.match(textOf(compliance.failure_reason), /^BITLOCKER_REQUIRED: false; FIREWALL_OFF: false$/);
    assert.equal(compliance.remediation, `${vestibule.url}/fix/hq-ise`);
    assert.equal(attributesOf(device).macaddresses, '3C22FB102030,F8B46A112233');

    const unknown = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'guid', value: '11111111-2222-4333-8444-555555555555' });
    assert.equal(unknown.body!.deviceList, '');
    const v2 = await ise.devices('/ise/hq-ise/v2', { querycriteria: 'guid', value: DEVICES.aliceLaptop.id });
    assert.equal(v2.status, 400);
  });

  it('finds devices by IMEI, serial-free identifiers, host name (guidhn) and user name', async () => {
    const byImei = await ise.devices('/ise/hq-ise/v2', { querycriteria: 'imei', value: '353333333333333' });
    assert.deepEqual(
      devicesOf(byImei).map((d) => d.macaddress),
      ['0C4DE9AABBCC'],
    );
    const byHost = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'guidhn', value: "alice's new ipad" });
    assert.deepEqual(
      devicesOf(byHost).map((d) => d.guid),
      [DEVICES.aliceIpad.id],
    );
    const byUser = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'username', value: 'Bob@Example.com' });
    assert.deepEqual(
      devicesOf(byUser).map((d) => d.guid),
      [DEVICES.bobIphone.id],
    );
  });

  it('a filter limits the attributes to the ones named (+-joined, a space once decoded)', async () => {
    const response = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'macaddress', value: 'A4B1C2D3E4F5', filter: 'register_status+compliance_status' });
    assert.deepEqual(childNames(attributesOf(devicesOf(response)[0]!)), ['register_status', 'compliance']);
  });

  it('an inGracePeriod device is compliant for ISE when GRACE_PERIOD_ALLOWS is true (the default)', async () => {
    const response = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'macaddress', value: 'D8EB46123456' });
    assert.equal(complianceOf(devicesOf(response)[0]!).status, 'true');
  });

  it('bulk non-compliant by MAC (v2, no deviceidentifier) pages to the end, at most query_max_size records a page', async () => {
    const pages = await ise.bulk('/ise/hq-ise/v2', { querycriteria: 'compliance', value: 'false' });
    assert.ok(pages.length >= 2, 'more than one page with query_max_size 2');
    for (const page of pages) assert.ok(devicesOf(page).length <= 2);
    assert.notEqual(pages[0]!.body!.paging_info, '0');
    assert.equal(pages.at(-1)!.body!.paging_info, '0');
    const macs = pages.flatMap((page) => devicesOf(page).map((d) => d.macaddress));
    // The laptop under both its MACs, the never-checked-in iPad, the old iPhone (OS too old); not the compliant or in-grace devices.
    assert.deepEqual(macs.sort(), ['3C22FB102030', '5C8D4E112233', 'F0D1A9B8C7D6', 'F8B46A112233']);
    for (const page of pages) for (const device of devicesOf(page)) assert.equal(complianceOf(device).status, 'false');
  });

  it('bulk by GUID (v3) and the all-devices query without a criterion', async () => {
    const pages = await ise.bulk('/ise/hq-ise/v3', { querycriteria: 'compliance', value: 'false', deviceidentifier: 'guid' });
    assert.deepEqual(
      pages.flatMap((p) => devicesOf(p).map((d) => d.guid)).sort(),
      [DEVICES.aliceLaptop.id, DEVICES.aliceIpad.id, DEVICES.aliceOldIphone.id].sort(),
    );
    const everything = await ise.bulk('/ise/hq-ise/v3', {});
    assert.deepEqual(
      everything.flatMap((p) => devicesOf(p).map((d) => d.guid)).sort(),
      Object.values(DEVICES)
        .map((d) => d.id)
        .sort(),
    );
  });

  it('refuses a paging value it did not hand out, or one from another query', async () => {
    const made = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'compliance', value: 'true', deviceidentifier: 'guid' });
    const paging = Number(made.body!.paging_info);
    assert.ok(paging > 0, 'three compliant devices make two pages');
    const other = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'compliance', value: 'false', deviceidentifier: 'guid', paging });
    assert.equal(other.status, 400);
    const followUp = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'compliance', value: 'true', deviceidentifier: 'guid', paging });
    assert.equal(followUp.status, 200);
    const invented = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'compliance', value: 'false', deviceidentifier: 'guid', paging: 12345 });
    assert.equal(invented.status, 400);
    assert.match(invented.text, /paging=0/);
  });

  it('wrong password, wrong user, a key without the ise scope, or another gateway’s path → 401 with the Basic challenge', async () => {
    const attempts: Array<[string, string, string]> = [
      [ISE.id, 'not-the-key', '/ciscoise/mdminfo/?ise_api_version=3'],
      ['hq-wlc', ISE.apiKey, '/ciscoise/mdminfo/?ise_api_version=3'],
      [TEST_GATEWAYS.hq.id, TEST_GATEWAYS.hq.apiKey, '/ciscoise/mdminfo/?ise_api_version=3'],
      [ISE.id, ISE.apiKey, '/ise/hq-wlc/v3/devices/?paging=0&filter=all'],
    ];
    for (const [user, password, path] of attempts) {
      const response = await new IseClient(vestibule.url, user, password).get(path);
      assert.equal(response.status, 401, `${user} ${path}`);
      assert.equal(response.wwwAuthenticate, 'Basic realm="vestibule"');
      assert.equal(response.body, undefined);
    }
    const none = await ise.get('/ciscoise/mdminfo/', { authorization: null });
    assert.equal(none.status, 401);
    const bearer = await ise.get('/ciscoise/mdminfo/', { authorization: `Bearer ${ISE.apiKey}` });
    assert.equal(bearer.status, 401);
  });

  it('malformed queries are a short 400, never a 5xx', async () => {
    const bad = [
      '?paging=x&filter=all',
      '?paging=0&querycriteria=macaddress&value=zz&filter=all',
      '?paging=0&querycriteria=nope&value=1&filter=all',
      '?paging=0&querycriteria=compliance&value=maybe&filter=all',
      '?paging=0&querycriteria=macaddress&filter=all',
      '?paging=0&filter=<all>',
      '?paging=0&paging=1&filter=all',
    ];
    for (const query of bad) {
      const response = await ise.get(`/ise/hq-ise/v3/devices/${query}`);
      assert.equal(response.status, 400, query);
      assert.match(response.contentType ?? '', /^text\/plain/);
      assert.ok(response.text.length < 200);
    }
    const version = await ise.get('/ise/hq-ise/v9/devices/?paging=0&filter=all');
    assert.equal(version.status, 400);
  });
});

describe('Cisco ISE MDM API with GRACE_PERIOD_ALLOWS=false', () => {
  let vestibule: TestVestibule;
  before(async () => {
    vestibule = await startVestibule({ GRACE_PERIOD_ALLOWS: 'false' });
  });
  after(() => vestibule.stop());

  it('an inGracePeriod device is not compliant for ISE and appears in the non-compliant list', async () => {
    const ise = new IseClient(vestibule.url, ISE.id, ISE.apiKey);
    const single = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'macaddress', value: 'D8EB46123456' });
    const compliance = complianceOf(devicesOf(single)[0]!);
    assert.equal(compliance.status, 'false');
    assert.match(textOf(compliance.failure_reason), /^IN_GRACE_PERIOD/);
    const pages = await ise.bulk('/ise/hq-ise/v2', { querycriteria: 'compliance', value: 'false' });
    assert.ok(pages.flatMap((p) => devicesOf(p).map((d) => d.macaddress)).includes('D8EB46123456'));
  });
});
