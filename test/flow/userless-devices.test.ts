import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { Browser } from '../helpers/browser.js';
import { poll, signedRedirect } from '../helpers/gateway-client.js';
import { ALICE, BOB, signIn } from '../helpers/portal-flow.js';
import { writeJsonFile } from '../helpers/security-harness.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

const KIOSK = { id: '4b1d0000-1111-4222-8333-444455556666', mac: '6C:4A:85:11:22:33' };
const KIOSK_GROUP = 'c0c0c0c0-1111-4222-8333-444455556666';

/** The demo inventory plus a compliant shared iPad enrolled without a primary user (userId ""). */
function inventoryWithKiosk(): string {
  const demo = JSON.parse(readFileSync('config/demo/inventory.json', 'utf8')) as { devices: object[] };
  demo.devices.push({
    id: KIOSK.id,
    userId: '',
    userPrincipalName: '',
    deviceName: 'Lobby iPad',
    operatingSystem: 'iOS',
    osVersion: '17.4.1',
    wiFiMacAddress: KIOSK.mac,
    managedDeviceOwnerType: 'company',
    lastSyncDateTime: '2026-11-27T08:00:00Z',
    facts: { passcodeSet: true, encrypted: true, jailBroken: false },
  });
  return writeJsonFile('inventory.json', demo);
}

/** The demo users, with Bob in the kiosk group (the dev IdP sends it in the `groups` claim, as Entra does). */
function usersWithGroup(): string {
  const demo = JSON.parse(readFileSync('config/demo/users.json', 'utf8')) as { users: Array<{ username: string; groups?: string[] }> };
  for (const user of demo.users) if (user.username === 'bob') user.groups = [KIOSK_GROUP];
  return writeJsonFile('users.json', demo);
}

/**
 * The demo policy without "enrolled user exists" (Intune's RequireUserExistence), which on
 * its own makes every userless device non-compliant: here access policy alone decides.
 */
function policyWithoutUserExistence(): string {
  const demo = JSON.parse(readFileSync('config/demo/policy.json', 'utf8')) as { requireUserExistence: boolean };
  demo.requireUserExistence = false;
  return writeJsonFile('policy.json', demo);
}

/** Issue #8 item 15: a device with no primary user has its own outcome, wording and an explicit policy. */
describe('userless (shared, kiosk) devices', () => {
  const started: TestVestibule[] = [];
  after(() => Promise.all(started.map((v) => v.stop())));
  const start = async (policy?: string) => {
    const v = await startVestibule({
      LOCAL_INVENTORY_FILE: inventoryWithKiosk(),
      LOCAL_POLICY_FILE: policyWithoutUserExistence(),
      DEV_USERS_FILE: usersWithGroup(),
      ...(policy ? { USERLESS_DEVICES: policy } : {}),
    });
    started.push(v);
    return v;
  };

  async function connect(v: TestVestibule, user: { username: string; password: string }, language?: string) {
    const browser = new Browser(v.url);
    const landing = await browser.get(signedRedirect(TEST_GATEWAYS.hq, { mac: KIOSK.mac }));
    const handle = /\/p\/([A-Za-z0-9_-]{32})$/.exec(landing.hops[1]!)![1]!;
    let result = await signIn(browser, landing, user);
    if (language) result = await browser.get(`/p/${handle}`, { headers: { 'accept-language': language } });
    const token = (await v.stores.atomic.read<string>(`handle:${handle}`))!.value;
    return { result, polled: await poll(v.url, TEST_GATEWAYS.hq, token) };
  }

  it('by default a userless device is denied with its own page, not "registered to someone else"', async () => {
    const v = await start();
    const { result, polled } = await connect(v, ALICE);
    assert.equal(result.status, 200);
    assert.match(result.body, /This device has no owner/);
    assert.match(result.body, /shared device/);
    assert.doesNotMatch(result.body, /someone else|another person|move it to your name/);
    assert.equal(polled.body.decision, 'deny');
    assert.deepEqual(
      polled.body.reasons.map((r: { code: string }) => r.code),
      ['NO_PRIMARY_USER'],
    );
  });

  it('says the same in German', async () => {
    const v = await start('deny');
    const { result } = await connect(v, ALICE, 'de');
    assert.match(result.body, /Dieses Gerät hat keinen Besitzer/);
    assert.doesNotMatch(result.body, /einer anderen Person/);
  });

  it('USERLESS_DEVICES=any-user lets any signed-in user use it (compliance still decides)', async () => {
    const v = await start('any-user');
    for (const user of [ALICE, BOB]) {
      const { result, polled } = await connect(v, user);
      assert.match(result.body, /You’re approved/, user.username);
      assert.equal(polled.body.decision, 'allow');
    }
  });

  it('USERLESS_DEVICES=group:<id> lets in members of that group only', async () => {
    const v = await start(`group:${KIOSK_GROUP.toUpperCase()}`);
    const member = await connect(v, BOB);
    assert.equal(member.polled.body.decision, 'allow');
    const outsider = await connect(v, ALICE);
    assert.match(outsider.result.body, /This device has no owner/);
    assert.equal(outsider.polled.body.decision, 'deny');
  });

  it('a device with a primary user is still "someone else’s" for another person, whatever the userless policy', async () => {
    const v = await start('any-user');
    const browser = new Browser(v.url);
    const landing = await browser.get(signedRedirect(TEST_GATEWAYS.hq, { mac: '0C:4D:E9:AA:BB:CC' })); // Bob's iPhone
    const result = await signIn(browser, landing, ALICE);
    assert.match(result.body, /This device belongs to someone else/);
  });

  it('refuses to start with an unknown USERLESS_DEVICES value, naming the setting', async () => {
    await assert.rejects(() => start('allow-everyone'), /USERLESS_DEVICES/);
  });
});
