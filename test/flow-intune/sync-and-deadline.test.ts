import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_IDS } from '../helpers/fake-graph/demo-devices.js';
import { gatewayPoll, GRAPH_MACS, isChecking, pushAndSignIn, startIntunePortal, untilSettled, visibleText } from '../helpers/intune-portal.js';
import { refreshTarget } from '../helpers/portal-flow.js';

const DEVICES = '/v1.0/deviceManagement/managedDevices';
const LAPTOP = `${DEVICES}/${DEMO_IDS.aliceLaptop}`;
const STALE_NOTICE = 'We couldn’t get a fresh result, so this is the last one we have. It may be out of date.';

describe('intune: synchronous re-evaluation through a device sync', { concurrency: true }, () => {
  it('shows a self-refreshing "Checking your device…" page (no JavaScript) until the sync lands, then the new result; the gateway sees evaluating in between', async (t) => {
    // The sync lands when the test says so, not after a delay the test would have to race.
    const portal = await startIntunePortal({ fake: { syncDelayMs: null } });
    t.after(() => portal.stop());
    // The user fixed the laptop; Intune reports it compliant once the sync lands.
    portal.fake.afterSync.set(DEMO_IDS.aliceLaptop, { complianceState: 'compliant' });
    const before = String(portal.fake.devices.get(DEMO_IDS.aliceLaptop)!.lastSyncDateTime);

    const { browser, handle, token, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceLaptop });
    assert.equal(result.status, 200);
    assert.ok(isChecking(result), 'first visit after sign-in is the checking page');
    assert.ok(result.body.includes(`<meta http-equiv="refresh" content="3;url=/p/${handle}">`), 'refreshes itself to the same portal URL');
    assert.doesNotMatch(result.body, /<script/i, 'works without JavaScript');
    assert.match(result.body, /This page refreshes by itself every few seconds\./);
    assert.ok(result.body.includes(`href="/p/${handle}"`), 'a manual refresh link for browsers that ignore meta refresh');
    assert.equal(result.headers.get('cache-control'), 'no-store');
    assert.equal(portal.fake.count('POST', `${LAPTOP}/syncDevice`), 1);

    const evaluating = await gatewayPoll(portal.vestibule.url, token);
    assert.equal(evaluating.status, 'evaluating');
    assert.equal(evaluating.decision, 'pending');
    const stored = await portal.session(handle);
    assert.equal(stored.status, 'evaluating');
    assert.equal(stored.evaluation?.ticket.syncRequested, true, 'the ticket in the store lets any instance continue');

    // A refresh before the sync landed re-reads the device from Graph and is still checking.
    const reads = portal.fake.count('GET', LAPTOP);
    const early = await browser.get(`/p/${handle}`);
    assert.ok(isChecking(early), 'still checking before the sync landed');
    assert.equal(portal.fake.count('GET', LAPTOP), reads + 1, 'each refresh reads the device fresh (no cache)');
    assert.equal(portal.fake.count('POST', `${LAPTOP}/syncDevice`), 1, 'refreshes do not sync again');
    assert.equal((await gatewayPoll(portal.vestibule.url, token)).decision, 'pending');

    portal.fake.landSync(DEMO_IDS.aliceLaptop); // the device checks in now
    const later = await browser.get(`/p/${handle}`);
    assert.equal(later.status, 200);
    assert.match(later.body, /You’re approved/);
    assert.ok(refreshTarget(later), 'allowed page hands back to the gateway');
    assert.ok(Date.parse(String(portal.fake.devices.get(DEMO_IDS.aliceLaptop)!.lastSyncDateTime)) > Date.parse(before), 'the fake moved lastSyncDateTime');

    const allowed = await gatewayPoll(portal.vestibule.url, token);
    assert.equal(allowed.status, 'allowed');
    assert.equal(allowed.decision, 'allow');
    assert.equal(allowed.device?.complianceState, 'compliant');
    assert.ok(allowed.version > evaluating.version);
    assert.equal((await portal.session(handle)).stale, false);
  });

  it('when the deadline passes without a newer sync, shows the last known (non-compliant) state marked stale, never unknown, and denies', async (t) => {
    // The deadline passes when the test moves the service's clock, never on its own: a busy
    // machine taking seconds between sign-in and the first poll must not reach it early.
    let offsetMs = 0;
    const portal = await startIntunePortal({ fake: { syncDelayMs: null }, env: { EVALUATION_DEADLINE_SECONDS: '120' }, now: () => Date.now() + offsetMs });
    t.after(() => portal.stop());

    const { browser, handle, token, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceLaptop });
    assert.ok(isChecking(result));
    assert.equal((await gatewayPoll(portal.vestibule.url, token)).decision, 'pending');

    offsetMs += 120_100; // past the deadline on the service's clock, without waiting for it
    const page = await browser.get(`/p/${handle}`);
    assert.equal(page.status, 200);
    const text = visibleText(page);
    assert.match(text, /Your device can’t join the network yet/);
    assert.ok(text.includes(STALE_NOTICE), 'marked as possibly out of date');
    assert.match(text, /Your version: 10\.0\.19044\.1288/, 'the last known reasons are still explained');
    assert.doesNotMatch(text, /state is unknown|not been checked yet/i);

    const polled = await gatewayPoll(portal.vestibule.url, token);
    assert.equal(polled.status, 'blocked');
    assert.equal(polled.decision, 'deny');
    assert.equal(polled.device?.complianceState, 'noncompliant', 'last known state, not unknown');
    assert.deepEqual(
      polled.reasons.map((r) => r.code),
      ['OS_TOO_OLD', 'ENCRYPTION_REQUIRED', 'SETTING_NONCOMPLIANT'],
    );
    const stored = await portal.session(handle);
    assert.equal(stored.stale, true);
    assert.equal(stored.outcome, 'noncompliant');
    assert.equal(await portal.lastKnown(DEMO_IDS.aliceLaptop), undefined, 'a stale result is not stored as a fresh last known state');
  });

  it('a device Graph later reports as unknown keeps its last known non-compliant state, marked stale, and stays denied', async (t) => {
    // No cool-down: this Check again must reach Graph (the cool-down has its own suite, graph-budget.test.ts).
    let offsetMs = 0;
    const now = () => Date.now() + offsetMs;
    const portal = await startIntunePortal({
      fake: { syncDelayMs: 20, now },
      env: { DEVICE_SYNC_MIN_INTERVAL_SECONDS: '1', DEVICE_CHECK_COOLDOWN_SECONDS: '0' },
      now,
    });
    t.after(() => portal.stop());

    const { browser, handle, token, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceLaptop });
    const first = await untilSettled(browser, handle, result);
    assert.ok(!visibleText(first).includes(STALE_NOTICE), 'the first result is fresh');
    assert.equal((await portal.lastKnown(DEMO_IDS.aliceLaptop))?.complianceState, 'noncompliant');

    portal.fake.devices.get(DEMO_IDS.aliceLaptop)!.complianceState = 'unknown';
    offsetMs += 1050; // past the per-device sync interval on the service's clock, so Check again really syncs
    const checked = await browser.submit(first, {}, /\/check$/);
    const page = await untilSettled(browser, handle, checked);
    assert.equal(portal.fake.count('POST', `${LAPTOP}/syncDevice`), 2);
    const text = visibleText(page);
    assert.ok(text.includes(STALE_NOTICE));
    assert.match(text, /Update your device/, 'the last known reasons, not "unknown"');

    const polled = await gatewayPoll(portal.vestibule.url, token);
    assert.equal(polled.decision, 'deny');
    assert.equal(polled.device?.complianceState, 'noncompliant');
    assert.ok(!polled.reasons.some((r) => r.code === 'STATE_UNKNOWN'));
    assert.equal((await portal.session(handle)).stale, true);
    assert.equal((await portal.lastKnown(DEMO_IDS.aliceLaptop))?.complianceState, 'noncompliant', 'memory not overwritten with unknown');
  });

  it('Check again inside the sync rate limit sends no second syncDevice and re-reads the state from Graph', async (t) => {
    // Default sync interval (one sync per 300 s); no cool-down, so Check again re-reads (graph-budget.test.ts covers the cool-down).
    const portal = await startIntunePortal({ fake: { syncDelayMs: 20 }, env: { DEVICE_CHECK_COOLDOWN_SECONDS: '0' } });
    t.after(() => portal.stop());

    const { browser, handle, token, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceLaptop });
    const blocked = await untilSettled(browser, handle, result);
    assert.match(blocked.body, /Turn on encryption/);
    assert.equal(portal.fake.count('POST', `${LAPTOP}/syncDevice`), 1);
    const before = await gatewayPoll(portal.vestibule.url, token);

    // Meanwhile the user turned on encryption and Intune re-evaluated that setting.
    const states = portal.fake.policyStates.get(DEMO_IDS.aliceLaptop) as Array<{ settingStates: Array<Record<string, unknown>> }>;
    const encryption = states[0]!.settingStates.find((s) => s.setting === 'Windows10CompliancePolicy.storageRequireEncryption')!;
    encryption.state = 'compliant';
    encryption.currentValue = 'true';

    const policyReads = portal.fake.count('GET', `${LAPTOP}/deviceCompliancePolicyStates`);
    const checked = await browser.submit(blocked, {}, /\/check$/);
    assert.deepEqual(
      checked.hops.map((h) => new URL(h).pathname),
      [`/p/${handle}/check`, `/p/${handle}`],
      'post/redirect/get',
    );
    assert.equal(checked.status, 200);
    assert.ok(!isChecking(checked), 'no sync to wait for: the result is immediate');
    assert.equal(portal.fake.count('POST', `${LAPTOP}/syncDevice`), 1, 'no second sync inside the interval');
    assert.equal(portal.fake.count('GET', `${LAPTOP}/deviceCompliancePolicyStates`), policyReads + 1, 'state re-read');
    // The Check-again notice names what was fixed; the fixed setting's own section is gone.
    assert.match(checked.body, /<li>Fixed: Turn on encryption<\/li>/);
    assert.doesNotMatch(
      checked.body.replace(/<div class="notice" role="status">[\s\S]*?<\/div>/, ''),
      /Turn on encryption/,
      'the re-read shows the fixed setting gone',
    );
    assert.match(checked.body, /Update your device/);

    const after = await gatewayPoll(portal.vestibule.url, token);
    assert.equal(after.decision, 'deny');
    assert.deepEqual(
      after.reasons.map((r) => r.code),
      ['OS_TOO_OLD', 'SETTING_NONCOMPLIANT'],
    );
    assert.ok(after.version >= before.version + 2, 'blocked → evaluating → blocked, each a new version');
  });

  it('Check again inside the sync rate limit sees a device Intune now reports compliant', async (t) => {
    const portal = await startIntunePortal({ fake: { syncDelayMs: 20 }, env: { DEVICE_CHECK_COOLDOWN_SECONDS: '0' } });
    t.after(() => portal.stop());
    const { browser, handle, token, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceLaptop });
    const blocked = await untilSettled(browser, handle, result);
    // The device checked in on its own (outside our sync) and Intune now says compliant.
    portal.fake.devices.get(DEMO_IDS.aliceLaptop)!.complianceState = 'compliant';
    const reads = portal.fake.count('GET', LAPTOP);
    const checked = await browser.submit(blocked, {}, /\/check$/);
    assert.equal(portal.fake.count('POST', `${LAPTOP}/syncDevice`), 1);
    assert.ok(portal.fake.count('GET', LAPTOP) > reads, 'the re-check reads the device from Graph');
    assert.match(checked.body, /You’re approved/);
    assert.equal((await gatewayPoll(portal.vestibule.url, token)).decision, 'allow');
  });
});
