import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

/** Sends exactly these headers and nothing else (fetch would add `Accept: *\/*`); Forescout's app sends no Accept. */
function rawGet(base: string, path: string, headers: Record<string, string>): Promise<{ status: number; contentType: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'GET', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], text }));
    });
    req.on('error', reject);
    req.end();
  });
}

const KEYS = [
  'azureDeviceId',
  'complianceState',
  'deviceOwner',
  'imei',
  'isManaged',
  'lastContactTimeUtc',
  'macAddress',
  'manufacturer',
  'meid',
  'model',
  'osVersion',
  'serialNumber',
  'udid',
];

describe("Intune's legacy NAC JSON (as Forescout's Intune Connect app calls it)", () => {
  let vestibule: TestVestibule;
  const bearer = { Authorization: `Bearer ${TEST_GATEWAYS.hq.apiKey}` };
  const query = (mac: string, version = '1.1') => `/nac/StatelessNACService/devices/?querycriteria=macaddress&api-version=${version}&value=${mac}`;
  before(async () => {
    vestibule = await startVestibule();
  });
  after(() => vestibule.stop());

  it('answers the bare object with legacy names, JSON booleans and the MM/DD/YYYY HH:MM:SS UTC date', async () => {
    const response = await rawGet(vestibule.url, query('a4b1c2d3e4f5'), bearer);
    assert.equal(response.status, 200, response.text);
    assert.match(response.contentType ?? '', /^application\/json/);
    const body = JSON.parse(response.text) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), KEYS);
    assert.equal(body.isManaged, true);
    assert.equal(body.complianceState, true);
    assert.equal(body.azureDeviceId, '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', 'the Entra device id, not the Intune id');
    assert.equal(body.deviceOwner, 'company');
    assert.equal(body.macAddress, 'A4B1C2D3E4F5');
    assert.equal(body.serialNumber, 'F2LX1234ABCD');
    assert.equal(body.imei, '356789012345678');
    assert.equal(body.osVersion, '17.4.1');
    // The same instant the native API reports, in the legacy format.
    const native = await fetch(`${vestibule.url}/api/compliance/1.1/devices?macAddress=A4B1C2D3E4F5`, { headers: bearer });
    const iso = ((await native.json()) as { value: Array<{ lastContactTime: string }> }).value[0]!.lastContactTime;
    const d = new Date(iso);
    const two = (n: number) => String(n).padStart(2, '0');
    assert.equal(
      body.lastContactTimeUtc,
      `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
    );
    assert.match(String(body.lastContactTimeUtc), /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
  });

  it('a non-compliant device is complianceState false; a never-checked-in one has no lastContactTimeUtc (never null)', async () => {
    const laptop = JSON.parse((await rawGet(vestibule.url, query('3c22fb102030', '1.3'), bearer)).text) as Record<string, unknown>;
    assert.equal(laptop.isManaged, true);
    assert.equal(laptop.complianceState, false);
    const ipad = JSON.parse((await rawGet(vestibule.url, query('f0d1a9b8c7d6'), bearer)).text) as Record<string, unknown>;
    assert.equal(ipad.complianceState, false);
    assert.equal('lastContactTimeUtc' in ipad, false);
  });

  it('not enrolled → exactly {"isManaged": false, "azureDeviceId": ""}', async () => {
    const response = await rawGet(vestibule.url, query('0026b424feb4'), bearer);
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(response.text), { isManaged: false, azureDeviceId: '' });
  });

  it('takes the parameters in any order and PowerShell’s paging=0', async () => {
    const response = await rawGet(
      vestibule.url,
      '/nac/StatelessNACService/devices/?api-version=1.1&value=A4:B1:C2:D3:E4:F5&querycriteria=macaddress&paging=0',
      bearer,
    );
    assert.equal(JSON.parse(response.text).isManaged, true);
  });

  it('refuses bad queries and keys with JSON problems, never the people’s error page', async () => {
    const cases: Array<[string, Record<string, string>, number]> = [
      [query('a4b1c2d3e4f5', '2.0'), bearer, 400],
      ['/nac/StatelessNACService/devices/?querycriteria=serial&api-version=1.1&value=X', bearer, 400],
      [query('not-a-mac'), bearer, 400],
      [query('a4b1c2d3e4f5'), {}, 401],
      [query('a4b1c2d3e4f5'), { Authorization: `Bearer ${TEST_GATEWAYS.ise.apiKey}` }, 403],
    ];
    for (const [path, headers, status] of cases) {
      const response = await rawGet(vestibule.url, path, headers);
      assert.equal(response.status, status, path);
      assert.match(response.contentType ?? '', /^application\/problem\+json/);
      assert.equal(JSON.parse(response.text).status, status);
    }
  });
});
