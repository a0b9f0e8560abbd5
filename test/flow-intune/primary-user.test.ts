import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_IDS } from '../helpers/fake-graph/demo-devices.js';
import { gatewayPoll, GRAPH_MACS, pushAndSignIn, startIntunePortal, untilSettled } from '../helpers/intune-portal.js';
import { ALICE, BOB } from '../helpers/portal-flow.js';

const IPHONE = `/v1.0/deviceManagement/managedDevices/${DEMO_IDS.aliceIphone}`;

/**
 * Issue #8 item 14: ownership is the device's primary user (`/managedDevices/{id}/users`),
 * not `managedDevice.userId`, which names whoever enrolled it and can be stale.
 */
describe('intune: ownership by primary user', { concurrency: true }, () => {
  it('userId says bob, /users says alice: the compliant phone is alice’s and she is let in', async (t) => {
    const portal = await startIntunePortal();
    t.after(() => portal.stop());
    portal.fake.devices.get(DEMO_IDS.aliceIphone)!.userId = BOB.oid;
    portal.fake.primaryUsers.set(DEMO_IDS.aliceIphone, [ALICE.oid]);
    const { browser, handle, token, result } = await pushAndSignIn(portal.vestibule.url, { device: DEMO_IDS.aliceIphone });
    const page = await untilSettled(browser, handle, result);
    assert.match(page.body, /You’re approved/);
    assert.equal((await gatewayPoll(portal.vestibule.url, token)).decision, 'allow');
    assert.ok(portal.fake.count('GET', `${IPHONE}/users`) >= 1, 'the primary user was read');
  });

  it('userId says alice, /users says bob (reassigned): alice is told it is someone else’s, by MAC too', async (t) => {
    const portal = await startIntunePortal();
    t.after(() => portal.stop());
    portal.fake.primaryUsers.set(DEMO_IDS.aliceIphone, [BOB.oid]);
    const { token, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceIphone });
    assert.match(result.body, /This device belongs to someone else/);
    const polled = await gatewayPoll(portal.vestibule.url, token);
    assert.equal(polled.decision, 'deny');
    assert.deepEqual(
      polled.reasons.map((r) => r.code),
      ['NOT_YOURS'],
    );
  });

  it('/users lists nobody (shared device) while a stale userId names alice: the userless outcome, not hers', async (t) => {
    const portal = await startIntunePortal();
    t.after(() => portal.stop());
    portal.fake.primaryUsers.set(DEMO_IDS.aliceIphone, []);
    const { token, result } = await pushAndSignIn(portal.vestibule.url, { device: DEMO_IDS.aliceIphone });
    assert.match(result.body, /This device has no owner/);
    assert.deepEqual(
      (await gatewayPoll(portal.vestibule.url, token)).reasons.map((r) => r.code),
      ['NO_PRIMARY_USER'],
    );
  });

  it('/users refused (403, permission missing): falls back to userId, and the decision is made (not a 503)', async (t) => {
    const portal = await startIntunePortal();
    t.after(() => portal.stop());
    portal.fake.inject(/\/users$/, { kind: 'status', status: 403 }, { method: 'GET' });
    const { browser, handle, token, result } = await pushAndSignIn(portal.vestibule.url, { device: DEMO_IDS.aliceIphone });
    const page = await untilSettled(browser, handle, result);
    assert.match(page.body, /You’re approved/);
    assert.equal((await gatewayPoll(portal.vestibule.url, token)).decision, 'allow');
    assert.equal(portal.fake.count('GET', `${IPHONE}/users`), 1, 'a 403 is not retried');
  });
});
