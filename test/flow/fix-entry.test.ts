import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser, type Page } from '../helpers/browser.js';
import { createTestCa, escapedCert } from '../helpers/certificates.js';
import { reportDemoDevice } from '../helpers/inventory-feed.js';
import { IseClient, devicesOf } from '../helpers/ise-client.js';
import { ALICE, BOB, DEVICES } from '../helpers/portal-flow.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

/** The device sections of the /fix page, in page order. */
const listedIds = (page: Page) => [...page.body.matchAll(/data-device="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
const sectionOf = (page: Page, id: string) => {
  const start = page.body.indexOf(`data-device="${id}"`);
  return page.body.slice(start, page.body.indexOf('</section>\n', page.body.indexOf('<form', start)));
};

/** ISE's redirect_url → landing → sign-in through the real dev IdP → the device list. */
async function openFix(base: string, user: { username: string; password: string }, headers: Record<string, string> = {}) {
  const browser = new Browser(base);
  Object.assign(browser.headers, headers);
  const landing = await browser.get(`/fix/${TEST_GATEWAYS.ise.id}`);
  assert.equal(landing.status, 200);
  assert.match(landing.body, /Sign in with your work account to see your devices/);
  assert.ok(landing.body.includes(`href="/fix/${TEST_GATEWAYS.ise.id}/sign-in"`));
  const form = await browser.get(`/fix/${TEST_GATEWAYS.ise.id}/sign-in`);
  const page = await browser.submit(form, { username: user.username, password: user.password }, /\/dev-idp\/interaction\//);
  assert.equal(page.status, 200, page.body.slice(0, 300));
  return { browser, page };
}

const INVENTORY_KEY = 'fix-test-inventory-key-Hq72Lm39Vb18Xc64Za05';

describe('the remediation entry /fix/{gatewayId} (ISE redirect_url), over the real dev IdP', () => {
  let vestibule: TestVestibule;
  let caFile: string;
  const ca = createTestCa();
  before(async () => {
    caFile = join(mkdtempSync(join(tmpdir(), 'vestibule-ca-')), 'ca.pem');
    writeFileSync(caFile, ca.pem);
    vestibule = await startVestibule({ TRUST_PROXY: '127.0.0.1', CLIENT_CA_FILE: caFile, INVENTORY_API_KEY: INVENTORY_KEY });
  });
  after(() => vestibule.stop());

  it('lists only the signed-in person’s own devices, blocked ones with the portal’s explanation and steps', async () => {
    const { page } = await openFix(vestibule.url, ALICE);
    const ids = listedIds(page);
    assert.deepEqual(
      [...ids].sort(),
      [DEVICES.aliceIphone.id, DEVICES.aliceOldIphone.id, DEVICES.aliceLaptop.id, DEVICES.alicePixel.id, DEVICES.aliceIpad.id].sort(),
    );
    assert.ok(!page.body.includes(DEVICES.bobIphone.id) && !page.body.includes("Bob's iPhone"), 'never another person’s device');
    assert.match(page.body, /the network will let the device in on its next check/);
    const laptop = sectionOf(page, DEVICES.aliceLaptop.id);
    assert.match(laptop, /Not ready yet/);
    assert.match(laptop, /BitLocker/, 'the reason section as the portal shows it');
    assert.match(laptop, /How to fix it/);
    assert.match(sectionOf(page, DEVICES.aliceIphone.id), /Ready: this device meets the requirements/);

    const bob = await openFix(vestibule.url, BOB);
    assert.deepEqual(listedIds(bob.page), [DEVICES.bobIphone.id]);
    assert.ok(!bob.page.body.includes(DEVICES.aliceLaptop.id));
  });

  it('puts the device of a trusted client certificate first', async () => {
    const cert = ca.issue({ uris: [`IntuneDeviceId://${DEVICES.aliceIpad.id}`] });
    const { page } = await openFix(vestibule.url, ALICE, { 'x-client-cert': escapedCert(cert) });
    assert.equal(listedIds(page)[0], DEVICES.aliceIpad.id);
  });

  it('Check again re-evaluates the device, and what ISE then reads follows the inventory', async () => {
    const { browser, page } = await openFix(vestibule.url, ALICE);
    const ise = new IseClient(vestibule.url, TEST_GATEWAYS.ise.id, TEST_GATEWAYS.ise.apiKey);
    const before = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'guid', value: DEVICES.aliceLaptop.id });
    assert.equal(((devicesOf(before)[0]!.attributes as Record<string, unknown>).compliance as Record<string, unknown>).status, 'false');

    // The person fixes the laptop (the inventory feed reports it), then presses Check again.
    await reportDemoDevice(vestibule.url, INVENTORY_KEY, DEVICES.aliceLaptop.id, { bitLockerEnabled: true, firewallEnabled: true });

    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const checked = await browser.post(`/fix/${TEST_GATEWAYS.ise.id}/check`, { csrf, device: DEVICES.aliceLaptop.id });
    assert.equal(checked.status, 200);
    assert.match(sectionOf(checked, DEVICES.aliceLaptop.id), /Ready: this device meets the requirements/);
    const after = await ise.devices('/ise/hq-ise/v3', { querycriteria: 'guid', value: DEVICES.aliceLaptop.id });
    assert.equal(((devicesOf(after)[0]!.attributes as Record<string, unknown>).compliance as Record<string, unknown>).status, 'true');
  });

  it('refuses to check another person’s device, and a form without its CSRF token', async () => {
    const { browser, page } = await openFix(vestibule.url, ALICE);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const other = await browser.post(`/fix/${TEST_GATEWAYS.ise.id}/check`, { csrf, device: DEVICES.bobIphone.id });
    assert.equal(other.status, 404);
    assert.ok(!other.body.includes("Bob's iPhone"));
    const forged = await browser.post(`/fix/${TEST_GATEWAYS.ise.id}/check`, { csrf: 'forged', device: DEVICES.aliceLaptop.id });
    assert.equal(forged.status, 403);
  });

  it('exists only for gateways with the ise scope', async () => {
    const browser = new Browser(vestibule.url);
    assert.equal((await browser.get(`/fix/${TEST_GATEWAYS.hq.id}`)).status, 404);
    assert.equal((await browser.get('/fix/no-such-gateway')).status, 404);
  });
});
