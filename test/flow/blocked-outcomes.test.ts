import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { poll } from '../helpers/gateway-client.js';
import { BOB, connectAndSignIn, DEVICES } from '../helpers/portal-flow.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

describe('devices that are not let in', () => {
  let vestibule: TestVestibule;
  before(async () => {
    vestibule = await startVestibule();
  });
  after(() => vestibule.stop());

  const tokenOf = async (handle: string) => (await vestibule.stores.atomic.read<string>(`handle:${handle}`))!.value;

  it('explains enrolment for a MAC no device has, and the gateway reads deny with NOT_ENROLLED', async () => {
    const { result, handle } = await connectAndSignIn(vestibule.url, { mac: '00:1B:63:84:45:E6' });
    assert.match(result.body, /Set up your device first/);
    assert.match(result.body, /Company Portal/);
    const polled = await poll(vestibule.url, TEST_GATEWAYS.hq, await tokenOf(handle));
    assert.equal(polled.body.decision, 'deny');
    assert.deepEqual(
      polled.body.reasons.map((r: { code: string }) => r.code),
      ['NOT_ENROLLED'],
    );
    assert.equal(polled.body.device, null);
  });

  it('recognises a private (randomized) MAC and says how to turn it off', async () => {
    const { result, handle } = await connectAndSignIn(vestibule.url, { mac: '7a:4c:11:22:33:44' });
    assert.match(result.body, /Private Wi-Fi Address|private/i);
    const polled = await poll(vestibule.url, TEST_GATEWAYS.hq, await tokenOf(handle));
    assert.deepEqual(
      polled.body.reasons.map((r: { code: string }) => r.code),
      ['RANDOMIZED_MAC'],
    );
    assert.equal(polled.body.decision, 'deny');
  });

  it("shows another user's device as not theirs, without its name, and denies it", async () => {
    const { result, handle } = await connectAndSignIn(vestibule.url, { mac: DEVICES.bobIphone.mac });
    assert.match(result.body, /This device belongs to someone else/);
    assert.doesNotMatch(result.body, /Bob/, 'nothing about the owner leaks');
    assert.match(result.body, /Check again/, 'the helpdesk may reassign the device, then a re-check helps');
    const polled = await poll(vestibule.url, TEST_GATEWAYS.hq, await tokenOf(handle));
    assert.equal(polled.body.decision, 'deny');
    assert.deepEqual(
      polled.body.reasons.map((r: { code: string }) => r.code),
      ['NOT_YOURS'],
    );
    assert.equal(polled.body.user.name, 'Alice Example');
  });

  it('lets the owner take over a not-yours session with "Sign in with another account", and allows it', async () => {
    const { browser, result, handle } = await connectAndSignIn(vestibule.url, { mac: DEVICES.bobIphone.mac });
    assert.match(result.body, /This device belongs to someone else/);
    const link = /href="(\/p\/[A-Za-z0-9_-]+\/switch-account)"/.exec(result.body)?.[1];
    assert.ok(link, 'the page offers another account');
    const form = await browser.get(link);
    assert.match(form.body, /<label for="username">Username<\/label>/, 'the IdP asks for credentials again');
    // Straight from the form to the result: no page on the way that needs JavaScript to move on.
    const after = await browser.submit(form, { username: BOB.username, password: BOB.password }, /\/dev-idp\/interaction\//);
    assert.match(after.body, /You’re approved/);
    const polled = await poll(vestibule.url, TEST_GATEWAYS.hq, await tokenOf(handle));
    assert.equal(polled.body.decision, 'allow');
    assert.equal(polled.body.user.name, 'Bob Example');
  });

  it('lets the owner in on the same device', async () => {
    const { result } = await connectAndSignIn(vestibule.url, { mac: DEVICES.bobIphone.mac }, BOB);
    assert.match(result.body, /You’re approved/);
  });

  it('blocks a newly enrolled, never evaluated device as unknown with a wait-and-retry explanation', async () => {
    const { result, handle } = await connectAndSignIn(vestibule.url, { device: DEVICES.aliceIpad.id });
    assert.match(result.body, /<h1 class="bad">Your device hasn’t been checked yet<\/h1>/);
    // Its own intro: no "fix the items below" above "wait a few minutes".
    assert.match(result.body, /This usually sorts itself out within a few minutes/);
    assert.doesNotMatch(result.body, /Fix the (item|\d+ items) below/);
    const polled = await poll(vestibule.url, TEST_GATEWAYS.hq, await tokenOf(handle));
    assert.equal(polled.body.device.complianceState, 'unknown');
    assert.deepEqual(
      polled.body.reasons.map((r: { code: string }) => r.code),
      ['STATE_UNKNOWN'],
    );
    assert.equal(polled.body.decision, 'deny');
  });

  it('allows a device in its grace period and shows the deadline', async () => {
    const { result, handle } = await connectAndSignIn(vestibule.url, { mac: DEVICES.alicePixel.mac });
    assert.match(result.body, /You’re approved/);
    assert.match(result.body, /You can use the network until .*UTC/);
    assert.match(result.body, /passcode|screen lock/i, 'the problem to fix before the deadline is explained');
    const polled = await poll(vestibule.url, TEST_GATEWAYS.hq, await tokenOf(handle));
    assert.equal(polled.body.decision, 'allow');
    assert.equal(polled.body.device.complianceState, 'inGracePeriod');
    assert.deepEqual(
      polled.body.reasons.map((r: { code: string }) => r.code),
      ['IN_GRACE_PERIOD', 'PASSCODE_REQUIRED'],
    );
  });
});
