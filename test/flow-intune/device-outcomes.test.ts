import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_IDS } from '../helpers/fake-graph/demo-devices.js';
import { poll } from '../helpers/gateway-client.js';
import {
  gatewayPoll,
  GRAPH_MACS,
  isChecking,
  pushAndSignIn,
  startIntunePortal,
  untilSettled,
  visibleText,
  type IntunePortal,
} from '../helpers/intune-portal.js';
import { ALICE, connectAndSignIn, refreshTarget } from '../helpers/portal-flow.js';
import { TEST_GATEWAYS } from '../helpers/test-vestibule.js';

const DEVICES = '/v1.0/deviceManagement/managedDevices';

describe('intune: a visit ends allowed or blocked depending on what Graph says about the device', { concurrency: true }, () => {
  let portal: IntunePortal;
  before(async () => {
    portal = await startIntunePortal({ fake: { syncDelayMs: 20 } });
  });
  after(() => portal.stop());

  it('a compliant device named by MAC is found through the MAC index, synced once, shown allowed, and the gateway polls allow', async () => {
    const { browser, handle, result } = await connectAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceIphone, ip: '10.1.2.3', sid: 'wlc-77' });
    const page = await untilSettled(browser, handle, result);
    assert.equal(page.status, 200);
    assert.match(page.body, /You’re approved/);
    assert.match(page.body, /Alice Example/);
    assert.match(page.body, /Alice&#39;s iPhone/, 'the device name from Graph is shown, escaped');

    // The MAC was resolved through a paged $select listing (the index), never a $filter on a MAC.
    const listings = portal.fake.calls.filter((c) => c.method === 'GET' && c.path === '/v1.0/deviceManagement/managedDevices');
    assert.ok(listings.length >= 1, 'the MAC index was built from the device listing');
    assert.ok(
      listings.every((c) => c.query.get('$select')?.includes('wiFiMacAddress')),
      'the listing selects the MAC property',
    );
    assert.ok(
      portal.fake.calls.every((c) => !/mac/i.test(c.query.get('$filter') ?? '')),
      'no MAC $filter was sent',
    );
    assert.equal(portal.fake.count('POST', `/v1.0/deviceManagement/managedDevices/${DEMO_IDS.aliceIphone}/syncDevice`), 1, 'exactly one sync');
    assert.ok(portal.fake.count('POST', `/${portal.fake.tenantId}/oauth2/v2.0/token`) >= 1, 'a client-credentials token was fetched');

    const target = refreshTarget(page);
    assert.ok(target, 'the allowed page sends the browser back to the gateway');
    assert.equal(target.origin + target.pathname, 'http://10.0.0.1:2050/vestibule/return');
    assert.equal(target.searchParams.get('sid'), 'wlc-77');
    const token = target.searchParams.get('state')!;
    const polled = await poll(portal.vestibule.url, TEST_GATEWAYS.hq, token);
    assert.equal(polled.status, 200);
    assert.equal(polled.body.decision, 'allow');
    assert.equal(polled.body.status, 'allowed');
    assert.deepEqual(polled.body.client, { mac: 'A4B1C2D3E4F5', ip: '10.1.2.3' });
    assert.deepEqual(polled.body.device, { id: DEMO_IDS.aliceIphone, complianceState: 'compliant', managed: true });
    assert.deepEqual(polled.body.user, { id: ALICE.oid, name: 'Alice Example' });
    assert.deepEqual(polled.body.reasons, []);

    const stored = await portal.session(handle);
    assert.equal(stored.stale, false, 'a fresh evaluation (the sync landed) is not stale');
    assert.equal(stored.outcome, 'compliant');
    const known = await portal.lastKnown(DEMO_IDS.aliceIphone);
    assert.equal(known?.complianceState, 'compliant', 'the fresh result is remembered as the last known state');
    assert.equal(isChecking(page), false);
  });

  it('a non-compliant laptop gets one section per failing setting, with current values, and the unmapped setting named with its policy, all escaped', async () => {
    const { browser, handle, token, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceLaptop, ip: '10.1.2.4' });
    const page = await untilSettled(browser, handle, result);
    assert.equal(page.status, 200);
    const text = visibleText(page);
    assert.match(text, /Your device can’t join the network yet/);
    assert.match(text, /Device: ALICE-LAPTOP/);

    // Mapped: Windows10CompliancePolicy.osMinimumVersion → OS_TOO_OLD, storageRequireEncryption → ENCRYPTION_REQUIRED.
    // The required version comes from the policy itself (issue 11, defect 11).
    assert.match(
      text,
      /Update your device .*The software on your device is too old\. Your version: 10\.0\.19044\.1288\. Needed: 10\.0\.22631\.2861 or later\./,
    );
    assert.match(text, /Turn on encryption .*The storage on your device isn’t encrypted\./);
    assert.doesNotMatch(text, /reports: (false|true)/, 'Graph’s raw booleans are not shown to people');
    // The compliant setting of the same policy is not a reason.
    assert.doesNotMatch(text, /passcode|password/i);

    // Unmapped setting: the generic section names the setting and its policy (Graph's text, encoded).
    assert.match(
      text,
      /A setting needs to change .*The setting “Asset tag <script>” doesn’t meet the rules in the policy “Contoso <b>extras<\/b>”\. Now: missing\./,
    );
    assert.match(text, /mention the setting “Asset tag <script>”/);
    // Escaped, and set apart from the sentence (a Latin name stays whole inside Arabic text).
    assert.ok(page.body.includes('“<bdi>Asset tag &lt;script&gt;</bdi>”'), 'setting name is HTML-escaped');
    assert.ok(page.body.includes('“<bdi>Contoso &lt;b&gt;extras&lt;/b&gt;</bdi>”'), 'policy name is HTML-escaped');
    assert.doesNotMatch(page.body, /<script/i, 'no raw script tag from Graph');
    assert.doesNotMatch(page.body, /<b>/i, 'no raw injected markup from Graph');
    assert.equal((page.body.match(/<section class="reason"/g) ?? []).length, 3, 'exactly three reason sections');

    assert.match(
      page.body,
      /<form method="post" action="\/p\/[A-Za-z0-9_-]{32}\/check">\s*<input type="hidden" name="csrf" value="[^"]+">/,
      'a Check again form with a CSRF token',
    );
    assert.doesNotMatch(page.body, /http-equiv="refresh"/, 'a result page does not refresh itself');

    const polled = await gatewayPoll(portal.vestibule.url, token);
    assert.equal(polled.status, 'blocked');
    assert.equal(polled.decision, 'deny');
    assert.deepEqual(polled.device, { id: DEMO_IDS.aliceLaptop, complianceState: 'noncompliant', managed: true });
    assert.deepEqual(
      polled.reasons.map((r) => r.code),
      ['OS_TOO_OLD', 'ENCRYPTION_REQUIRED', 'SETTING_NONCOMPLIANT'],
    );
    assert.deepEqual(polled.user, { id: ALICE.oid, name: 'Alice Example' });

    const stored = await portal.session(handle);
    assert.equal(stored.outcome, 'noncompliant');
    assert.equal(stored.stale, false);
    assert.deepEqual(
      stored.reasons.find((r) => r.code === 'SETTING_NONCOMPLIANT'),
      {
        code: 'SETTING_NONCOMPLIANT',
        setting: 'Windows10CompliancePolicy.contosoAssetTagPresent',
        settingName: 'Asset tag <script>',
        policyName: 'Contoso <b>extras</b>',
        currentValue: 'missing',
      },
      'stored raw (unescaped): encoding is the view’s job',
    );
    assert.equal((await portal.lastKnown(DEMO_IDS.aliceLaptop))?.complianceState, 'noncompliant');
    assert.equal(
      portal.fake.count('GET', `${DEVICES}/${DEMO_IDS.aliceLaptop}/deviceCompliancePolicyStates`),
      1,
      'policy states read once, after the sync landed',
    );
  });

  it('a device registered to another user shows "belongs to someone else", denies, and is never synced or explained', async () => {
    const { handle, token, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.bobLaptop, ip: '10.1.2.5' }, ALICE);
    assert.equal(result.status, 200);
    assert.match(result.body, /<h1 class="bad">This device belongs to someone else<\/h1>/);
    assert.match(result.body, /Sign in with the account that owns it/);
    assert.doesNotMatch(result.body, /BOB-LAPTOP|bob@example\.test|ThinkPad/, 'nothing about the other person’s device');

    const polled = await gatewayPoll(portal.vestibule.url, token);
    assert.equal(polled.status, 'blocked');
    assert.equal(polled.decision, 'deny');
    assert.deepEqual(
      polled.reasons.map((r) => r.code),
      ['NOT_YOURS'],
    );
    assert.equal(polled.device?.id, DEMO_IDS.bobLaptop);
    assert.deepEqual(polled.user, { id: ALICE.oid, name: 'Alice Example' });

    const stored = await portal.session(handle);
    assert.equal(stored.outcome, 'notYours');
    assert.equal(stored.device?.name, '', 'the device name is not stored for the wrong user');
    assert.equal(portal.fake.count('POST', `${DEVICES}/${DEMO_IDS.bobLaptop}/syncDevice`), 0, 'another person’s device is never synced');
    assert.equal(portal.fake.count('GET', `${DEVICES}/${DEMO_IDS.bobLaptop}/deviceCompliancePolicyStates`), 0);
  });
});
