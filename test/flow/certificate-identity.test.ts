import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser } from '../helpers/browser.js';
import { createTestCa, escapedCert, type TestCa } from '../helpers/certificates.js';
import { poll, signedRedirect } from '../helpers/gateway-client.js';
import { ALICE, DEVICES, signIn } from '../helpers/portal-flow.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

describe('device identity from a client certificate forwarded by a trusted proxy', () => {
  let ca: TestCa;
  let caFile: string;
  const started: TestVestibule[] = [];
  before(() => {
    ca = createTestCa();
    caFile = join(mkdtempSync(join(tmpdir(), 'vestibule-ca-')), 'ca.pem');
    writeFileSync(caFile, ca.pem);
  });
  after(async () => {
    await Promise.all(started.map((v) => v.stop()));
  });

  const start = async (trustProxy: string) => {
    const vestibule = await startVestibule({ TRUST_PROXY: trustProxy, CLIENT_CA_FILE: caFile });
    started.push(vestibule);
    return vestibule;
  };

  /** The whole flow with the certificate header on every browser request, as the proxy adds it. */
  async function visit(vestibule: TestVestibule, client: Record<string, string>, certificatePem: string) {
    const browser = new Browser(vestibule.url);
    browser.headers['x-client-cert'] = escapedCert(certificatePem);
    const landing = await browser.get(signedRedirect(TEST_GATEWAYS.hq, client));
    const handle = /\/p\/([A-Za-z0-9_-]{32})$/.exec(landing.hops[1]!)![1]!;
    const result = await signIn(browser, landing, ALICE);
    const token = (await vestibule.stores.atomic.read<string>(`handle:${handle}`))?.value;
    return { result, token };
  }

  it('lets the certificate’s device ID outrank the MAC the gateway saw', async () => {
    const vestibule = await start('127.0.0.1');
    const cert = ca.issue({ uris: [`IntuneDeviceId://${DEVICES.aliceIphone.id.toUpperCase()}`] });
    // The MAC is Bob's phone; the certificate proves this is Alice's iPhone.
    const { result, token } = await visit(vestibule, { mac: DEVICES.bobIphone.mac }, cert);
    assert.match(result.body, /You’re approved/);
    const polled = await poll(vestibule.url, TEST_GATEWAYS.hq, token!);
    assert.equal(polled.body.device.id, DEVICES.aliceIphone.id);
    assert.equal(polled.body.decision, 'allow');
  });

  it('refuses with a clear error when the certificate and the gateway name different devices', async () => {
    const vestibule = await start('127.0.0.1');
    const cert = ca.issue({ uris: [`IntuneDeviceId://${DEVICES.aliceLaptop.id}`] });
    const { result, token } = await visit(vestibule, { device: DEVICES.aliceIphone.id }, cert);
    assert.match(result.body, /Your device can’t join the network yet/);
    // The page words it from the message files; no English from the core rides along as a "detail".
    assert.doesNotMatch(result.body, /Details:|name different devices/);
    const polled = await poll(vestibule.url, TEST_GATEWAYS.hq, token!);
    assert.equal(polled.body.decision, 'deny');
    assert.deepEqual(
      polled.body.reasons.map((r: { code: string }) => r.code),
      ['COMPLIANCE_ERROR'],
    );
  });

  it('ignores the header from an address that is not a trusted proxy', async () => {
    const vestibule = await start('10.9.9.9');
    const cert = ca.issue({ uris: [`IntuneDeviceId://${DEVICES.aliceIphone.id}`] });
    const { result } = await visit(vestibule, { mac: DEVICES.bobIphone.mac }, cert);
    assert.match(result.body, /This device belongs to someone else/, 'the MAC decided, not the forged header');
  });

  it('refuses a certificate from another CA with a deny and a reason the gateway can read, never a pending session', async () => {
    const vestibule = await start('127.0.0.1');
    const stranger = createTestCa('Vestibule Test Device CA').issue({ uris: [`IntuneDeviceId://${DEVICES.aliceIphone.id}`] });
    const { result, token } = await visit(vestibule, { mac: DEVICES.aliceIphone.mac }, stranger);
    assert.equal(result.status, 200);
    assert.match(result.body, /certificate could not be verified/);
    assert.doesNotMatch(result.body, /Details:|client certificate refused/, 'the refusal’s cause is logged, not glued into the page in English');
    assert.doesNotMatch(result.body, /action="\/p\/[^"]+\/check"/, 'no Check again button: a re-check cannot change the certificate');
    const polled = await poll(vestibule.url, TEST_GATEWAYS.hq, token!);
    assert.equal(polled.body.status, 'blocked');
    assert.equal(polled.body.decision, 'deny');
    assert.deepEqual(
      polled.body.reasons.map((r: { code: string }) => r.code),
      ['COMPLIANCE_ERROR'],
    );
  });

  it('refuses a certificate naming two different devices the same way: deny with a reason', async () => {
    const vestibule = await start('127.0.0.1');
    const twoDevices = ca.issue({ uris: [`IntuneDeviceId://${DEVICES.aliceIphone.id}`, `ID:Microsoft Endpoint Manager:GUID:${DEVICES.aliceLaptop.id}`] });
    const { result, token } = await visit(vestibule, { device: DEVICES.aliceIphone.id }, twoDevices);
    assert.match(result.body, /certificate could not be verified/);
    assert.equal((await poll(vestibule.url, TEST_GATEWAYS.hq, token!)).body.decision, 'deny');
  });

  // Issue #8 item 16: a verified certificate that names no device adds nothing; the gateway's assertion decides.
  const unnamed: Array<[string, { uris: string[]; upn?: string }]> = [
    ['only the SID URI and a UPN', { uris: ['tag:microsoft.com,2022-09-14:sid:S-1-5-21-1004336348-1177238915-682003330-1001'], upn: 'alice@contoso.example' }],
    ['an unexpanded IntuneDeviceId://{{DeviceId}}', { uris: ['IntuneDeviceId://{{DeviceId}}'] }],
    ['an unexpanded ID:Microsoft Endpoint Manager:GUID:{{DeviceId}}', { uris: ['ID:Microsoft Endpoint Manager:GUID:{{DeviceId}}'] }],
  ];
  for (const [what, names] of unnamed) {
    for (const [asserted, client] of [
      ['device ID', { device: DEVICES.aliceIphone.id }],
      ['MAC', { mac: DEVICES.aliceIphone.mac }],
    ] as const) {
      it(`a certificate with ${what} falls back to the gateway's ${asserted}: the compliant phone is allowed`, async () => {
        const vestibule = await start('127.0.0.1');
        const { result, token } = await visit(vestibule, client, ca.issue(names));
        assert.equal(result.status, 200);
        assert.match(result.body, /You’re approved/);
        const polled = await poll(vestibule.url, TEST_GATEWAYS.hq, token!);
        assert.equal(polled.body.decision, 'allow');
        assert.equal(polled.body.device.id, DEVICES.aliceIphone.id);
      });
    }
  }

  it('reads the device from an ID:Microsoft Endpoint Manager:GUID:<guid> SAN, outranking the MAC', async () => {
    const vestibule = await start('127.0.0.1');
    const cert = ca.issue({ uris: [`ID:Microsoft Endpoint Manager:GUID:${DEVICES.aliceIphone.id.toUpperCase()}`], upn: 'alice@contoso.example' });
    const { result, token } = await visit(vestibule, { mac: DEVICES.bobIphone.mac }, cert);
    assert.match(result.body, /You’re approved/);
    const polled = await poll(vestibule.url, TEST_GATEWAYS.hq, token!);
    assert.equal(polled.body.device.id, DEVICES.aliceIphone.id);
  });
});
