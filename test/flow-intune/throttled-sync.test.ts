import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_IDS } from '../helpers/fake-graph/demo-devices.js';
import { gatewayPoll, GRAPH_MACS, isChecking, pushAndSignIn, startIntunePortal, untilSettled, visibleText } from '../helpers/intune-portal.js';

const LAPTOP = `/v1.0/deviceManagement/managedDevices/${DEMO_IDS.aliceLaptop}`;
const SYNC = `${LAPTOP}/syncDevice`;
const STALE_NOTICE = 'We couldn’t get a fresh result, so this is the last one we have. It may be out of date.';

/**
 * Issue #8 item 17: Intune throttles syncDevice separately from reads. A 429 on the sync
 * must not hide what a read can show: decide from a fresh read, marked possibly out of
 * date, and sync again only once Graph's Retry-After has passed.
 */
describe('intune: a throttled syncDevice', { concurrency: true }, () => {
  it('429 with Retry-After: 30 on the sync → the non-compliant result from a fresh read, marked stale, and the gateway reads deny', async (t) => {
    const portal = await startIntunePortal();
    t.after(() => portal.stop());
    portal.fake.inject(SYNC, { kind: 'status', status: 429, retryAfter: '30' }, { method: 'POST' });

    const { browser, handle, token, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceLaptop });
    assert.notEqual(result.status, 503, 'not the "can’t check your device" page');
    const page = await untilSettled(browser, handle, result);
    assert.equal(page.status, 200);
    const text = visibleText(page);
    assert.match(text, /Your device can’t join the network yet/);
    assert.match(text, /Turn on encryption/, 'what the read shows is shown');
    assert.ok(text.includes(STALE_NOTICE), 'marked as possibly out of date');
    assert.equal(portal.fake.count('POST', SYNC), 1);
    assert.ok(portal.fake.count('GET', LAPTOP) >= 1, 'the device was read fresh');

    const polled = await gatewayPoll(portal.vestibule.url, token);
    assert.equal(polled.status, 'blocked');
    assert.equal(polled.decision, 'deny', 'never left pending');
    assert.equal(polled.device?.complianceState, 'noncompliant');
    assert.equal((await portal.session(handle)).stale, true);
    assert.equal(await portal.lastKnown(DEMO_IDS.aliceLaptop), undefined, 'a possibly-stale result is not remembered as fresh');
  });

  it('a compliant device whose sync is throttled is let in from the fresh read (marked stale), like a re-check inside the sync limit', async (t) => {
    const portal = await startIntunePortal();
    t.after(() => portal.stop());
    portal.fake.devices.get(DEMO_IDS.aliceLaptop)!.complianceState = 'compliant';
    portal.fake.inject(SYNC, { kind: 'status', status: 429, retryAfter: '30' }, { method: 'POST' });
    const { browser, handle, token, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceLaptop });
    const page = await untilSettled(browser, handle, result);
    assert.match(page.body, /You’re approved/);
    assert.equal((await gatewayPoll(portal.vestibule.url, token)).decision, 'allow');
    assert.equal((await portal.session(handle)).stale, true);
  });

  it('Check again before Retry-After has passed sends no sync; after it, the sync is tried again and its result is fresh', async (t) => {
    let offsetMs = 0;
    const now = () => Date.now() + offsetMs;
    // No cool-down: this test is about Graph's Retry-After on syncDevice (graph-budget.test.ts covers the cool-down).
    const portal = await startIntunePortal({ fake: { syncDelayMs: 20, now }, env: { DEVICE_CHECK_COOLDOWN_SECONDS: '0' }, now });
    t.after(() => portal.stop());
    portal.fake.inject(SYNC, { kind: 'status', status: 429, retryAfter: '30' }, { method: 'POST', times: 1 });

    const { browser, handle, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceLaptop });
    const first = await untilSettled(browser, handle, result);
    assert.ok(visibleText(first).includes(STALE_NOTICE));
    assert.equal(portal.fake.count('POST', SYNC), 1);

    offsetMs += 10_000; // inside Retry-After
    const early = await untilSettled(browser, handle, await browser.submit(first, {}, /\/check$/));
    assert.equal(portal.fake.count('POST', SYNC), 1, 'no sync while Graph asked us to wait');
    assert.ok(!isChecking(early));

    offsetMs += 21_000; // Retry-After (30 s) has passed; the default sync interval (300 s) has not
    const checked = await browser.submit(early, {}, /\/check$/);
    assert.equal(portal.fake.count('POST', SYNC), 2, 'the sync is tried again after Retry-After');
    const page = await untilSettled(browser, handle, checked);
    assert.ok(!visibleText(page).includes(STALE_NOTICE), 'a sync that went through gives a fresh result');
    assert.equal((await portal.session(handle)).stale, false);
  });
});
