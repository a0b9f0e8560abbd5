import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { poll } from '../helpers/gateway-client.js';
import { reportDemoDevice } from '../helpers/inventory-feed.js';
import { connectAndSignIn, DEVICES, refreshTarget } from '../helpers/portal-flow.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

const INVENTORY_KEY = 'inventory-key-for-tests-4f7a9c2e1b3d5f6a8c0e';

describe('a non-compliant device that gets fixed', () => {
  let vestibule: TestVestibule;
  before(async () => {
    vestibule = await startVestibule({ INVENTORY_API_KEY: INVENTORY_KEY });
  });
  after(() => vestibule.stop());

  it('shows both reasons, then after the ingest API reports the fix, Check again allows it and wakes a waiting long-poll', async () => {
    const { browser, result, handle } = await connectAndSignIn(vestibule.url, { mac: DEVICES.aliceLaptop.mac, sid: 's-7' });
    assert.equal(result.status, 200);
    assert.match(result.body, /Your device can’t join the network yet/);
    const sections = result.body.match(/<section class="reason"/g) ?? [];
    assert.equal(sections.length, 2, 'one section per reason');
    assert.match(result.body, /BitLocker/);
    assert.match(result.body, /[Ff]irewall/);
    assert.match(result.body, /Windows Security|Settings/, 'steps are for Windows');
    assert.match(result.body, /<form method="post" action="\/p\/[A-Za-z0-9_-]+\/check">/);

    // The gateway learns the token only from the return URL; find it through the polling API via the session record.
    const token = (await vestibule.stores.atomic.read<string>(`handle:${handle}`))!.value;
    const before = await poll(vestibule.url, TEST_GATEWAYS.hq, token);
    assert.equal(before.body.decision, 'deny');
    assert.equal(before.body.status, 'blocked');
    assert.deepEqual(before.body.reasons.map((r: { code: string }) => r.code).sort(), ['BITLOCKER_REQUIRED', 'FIREWALL_OFF']);
    assert.ok(before.body.reasons.every((r: { title: string }) => r.title.length > 0));

    const longPoll = poll(vestibule.url, TEST_GATEWAYS.hq, token, { wait: 20 });

    const current = await fetch(new URL(`/api/v1/inventory/devices/${DEVICES.aliceLaptop.id}`, vestibule.url)).catch(() => undefined);
    assert.equal(current?.status, 404, 'the ingest API has no GET: devices are written, not read, there');
    await reportDemoDevice(vestibule.url, INVENTORY_KEY, DEVICES.aliceLaptop.id, { bitLockerEnabled: true, firewallEnabled: true });

    const recheck = await browser.submit(result, {}, /\/check$/);
    assert.equal(recheck.status, 200);
    assert.match(recheck.body, /You’re approved/);
    assert.equal(refreshTarget(recheck)?.searchParams.get('state'), token);

    const woken = await longPoll;
    assert.equal(woken.status, 200);
    assert.ok(woken.body.version > before.body.version, 'the long-poll returned a newer version');
    const final = await poll(vestibule.url, TEST_GATEWAYS.hq, token);
    assert.equal(final.body.decision, 'allow');
    assert.deepEqual(final.body.reasons, []);
  });

  it('refuses Check again without the form token and changes nothing', async () => {
    const { browser, result, handle } = await connectAndSignIn(vestibule.url, { mac: DEVICES.aliceIpad.mac });
    assert.match(result.body, /Your device hasn’t been checked yet/);
    const token = (await vestibule.stores.atomic.read<string>(`handle:${handle}`))!.value;
    const versionBefore = (await poll(vestibule.url, TEST_GATEWAYS.hq, token)).body.version;
    const forged = await browser.post(`/p/${handle}/check`, { csrf: 'forged-token-forged-token-forged0' });
    assert.equal(forged.status, 403);
    assert.equal((await poll(vestibule.url, TEST_GATEWAYS.hq, token)).body.version, versionBefore);
  });
});

describe('Check again feedback', () => {
  let vestibule: TestVestibule;
  before(async () => {
    vestibule = await startVestibule({ INVENTORY_API_KEY: INVENTORY_KEY });
  });
  after(() => vestibule.stop());

  it('says what Check again found (1 of 2 fixed, which one), once, with a Check again button near the top too', async () => {
    const { browser, result, handle } = await connectAndSignIn(vestibule.url, { mac: DEVICES.aliceLaptop.mac });
    assert.match(result.body, /Fix the 2 items below, then press Check again\./);
    const forms = result.body.match(/<form method="post" action="\/p\/[A-Za-z0-9_-]+\/check">/g) ?? [];
    assert.equal(forms.length, 2, 'Check again above the reasons and below them');
    assert.ok(result.body.indexOf(forms[0]) < result.body.indexOf('<section class="reason"'), 'the first form comes before the first reason');

    await reportDemoDevice(vestibule.url, INVENTORY_KEY, DEVICES.aliceLaptop.id, { bitLockerEnabled: true });

    const checked = await browser.submit(result, {}, /\/check$/);
    assert.match(checked.body, /<div class="notice" role="status"><p>Checked just now: 1 of 2 fixed\.<\/p><ul><li>Fixed: Turn on BitLocker<\/li><\/ul><\/div>/);
    assert.match(checked.body, /Fix the item below, then press Check again\./, 'one reason left: singular');
    const again = await browser.get(`/p/${handle}`);
    assert.doesNotMatch(again.body, /Checked just now/, 'the note is shown once, not on every reload');

    const unchanged = await browser.submit(again, {}, /\/check$/);
    assert.match(unchanged.body, /Checked just now: nothing has changed yet\./);
  });
});
