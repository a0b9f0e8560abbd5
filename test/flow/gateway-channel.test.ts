import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Browser } from '../helpers/browser.js';
import { poll, pushSession, signedRedirect } from '../helpers/gateway-client.js';
import { DEVICES, refreshTarget, signIn } from '../helpers/portal-flow.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

describe('the gateway channel', () => {
  let vestibule: TestVestibule;
  let writes: string[];
  before(async () => {
    vestibule = await startVestibule();
    // Record every atomic write, so "nothing is stored" is checked against the store itself.
    const atomic = vestibule.stores.atomic;
    const cas = atomic.compareAndSet.bind(atomic);
    const claim = atomic.claim.bind(atomic);
    atomic.compareAndSet = (key, ...rest) => (writes.push(key), cas(key, ...rest));
    const casAll = atomic.compareAndSetAll.bind(atomic);
    atomic.compareAndSetAll = (all) => (writes.push(...all.map((write) => write.key)), casAll(all));
    atomic.claim = (key, ...rest) => (writes.push(key), claim(key, ...rest));
  });
  beforeEach(() => {
    writes = [];
  });
  after(() => vestibule.stop());

  const get = (path: string) => fetch(new URL(path, vestibule.url), { redirect: 'manual', headers: { accept: 'text/html' } });

  it('accepts a valid signed redirect with 303 to the portal, leaving the signed parameters behind', async () => {
    const response = await get(signedRedirect(TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac }));
    assert.equal(response.status, 303);
    assert.match(response.headers.get('location')!, /^\/p\/[A-Za-z0-9_-]{32}$/);
    assert.ok(writes.some((k) => k.startsWith('session:')));
  });

  const refused: Array<[string, () => string, number]> = [
    ['tampered (MAC changed after signing)', () => signedRedirect(TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac }).replace('A4%3AB1', 'A4%3AB2'), 403],
    [
      'expired (signed 10 minutes ago)',
      () => signedRedirect(TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac }, { ts: Math.floor(Date.now() / 1000) - 600 }),
      403,
    ],
    [
      'from the future (10 minutes ahead)',
      () => signedRedirect(TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac }, { ts: Math.floor(Date.now() / 1000) + 600 }),
      403,
    ],
    ['unsigned', () => `/g/hq-wlc?mac=A4B1C2D3E4F5&ts=${Math.floor(Date.now() / 1000)}`, 403],
    [
      'signed with the other gateway’s secret',
      () => signedRedirect(TEST_GATEWAYS.branch, { mac: DEVICES.aliceIphone.mac }).replace('/g/branch-vpn', '/g/hq-wlc'),
      403,
    ],
    ['with a parameter given twice', () => `${signedRedirect(TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac })}&mac=00:11:22:33:44:55`, 400],
  ];
  for (const [name, path, status] of refused) {
    it(`refuses a redirect that is ${name}, with the reconnect page, and stores nothing`, async () => {
      const response = await get(path());
      assert.equal(response.status, status);
      assert.match(response.headers.get('content-type')!, /text\/html/);
      assert.match(await response.text(), /Reconnect to the Wi-Fi/);
      assert.deepEqual(writes, []);
      assert.equal(response.headers.get('set-cookie'), null);
    });
  }

  it('accepts a signed URL with a nonce once, then refuses the replay', async () => {
    const path = signedRedirect(TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac });
    assert.equal((await get(path)).status, 303);
    writes = [];
    const replay = await get(path);
    assert.equal(replay.status, 403);
    assert.deepEqual(
      writes.filter((k) => k.startsWith('session:')),
      [],
    );
  });

  it('answers HEAD on a signed link with 405 and neither spends its nonce nor creates a session (link prefetchers)', async () => {
    const path = signedRedirect(TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac });
    const head = await fetch(new URL(path, vestibule.url), { method: 'HEAD', redirect: 'manual' });
    assert.equal(head.status, 405);
    assert.equal(head.headers.get('allow'), 'GET');
    assert.deepEqual(writes, []);
    assert.equal((await get(path)).status, 303, 'the link still works once');
  });

  it('answers an unknown gateway exactly like a bad signature', async () => {
    const badSig = await get(signedRedirect(TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac }).replace(/sig=[^&]+/, `sig=${'A'.repeat(43)}`));
    const unknown = await get(signedRedirect(TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac }).replace('/g/hq-wlc', '/g/no-such-gw'));
    assert.equal(badSig.status, unknown.status);
    assert.equal(await badSig.text(), await unknown.text());
  });

  it("never lets one gateway read another's session: the answer equals an unknown token's", async () => {
    const pushed = await pushSession(vestibule.url, TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac });
    const own = await poll(vestibule.url, TEST_GATEWAYS.hq, pushed.body.token);
    assert.equal(own.status, 200);
    const foreign = await poll(vestibule.url, TEST_GATEWAYS.branch, pushed.body.token);
    const unknown = await poll(vestibule.url, TEST_GATEWAYS.branch, 'A'.repeat(32));
    assert.equal(foreign.status, 404);
    assert.deepEqual(foreign.body, unknown.body);
    assert.equal(foreign.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  });

  it('runs a pushed session: 201 with token and portal URL, the user signs in, the long-poll sees allow', async () => {
    const pushed = await pushSession(vestibule.url, TEST_GATEWAYS.branch, { mac: DEVICES.aliceIphone.mac, ip: 'fe80::1', sid: 'vpn-9' });
    assert.equal(pushed.status, 201);
    assert.match(pushed.body.token, /^[A-Za-z0-9_-]{32}$/);
    assert.match(pushed.body.portalUrl, new RegExp(`^${vestibule.url}/p/[A-Za-z0-9_-]{32}$`));
    assert.ok(!pushed.body.portalUrl.includes(pushed.body.token), 'the portal handle is not the state token');
    assert.ok(Date.parse(pushed.body.expiresAt) > Date.now());

    const initial = await poll(vestibule.url, TEST_GATEWAYS.branch, pushed.body.token);
    assert.equal(initial.body.status, 'pending');
    assert.equal(initial.body.decision, 'pending');
    assert.equal(initial.body.user, null);
    const waiting = poll(vestibule.url, TEST_GATEWAYS.branch, pushed.body.token, { wait: 25, etag: initial.headers.get('etag')! });

    const browser = new Browser(vestibule.url);
    const landing = await browser.get(new URL(pushed.body.portalUrl).pathname);
    const result = await signIn(browser, landing, { username: 'alice', password: 'vestibule-demo' });
    assert.match(result.body, /You’re approved/);
    const target = refreshTarget(result)!;
    assert.equal(target.origin, 'https://vpn.branch.example');
    assert.equal(target.searchParams.get('state'), pushed.body.token);
    assert.equal(target.searchParams.get('sid'), 'vpn-9');

    const woken = await waiting;
    assert.equal(woken.status, 200);
    assert.ok(woken.body.version > initial.body.version);
    assert.equal((await poll(vestibule.url, TEST_GATEWAYS.branch, pushed.body.token)).body.decision, 'allow');
  });

  it('refuses a pushed session without mac or device, naming the problem', async () => {
    const pushed = await pushSession(vestibule.url, TEST_GATEWAYS.hq, { ip: '10.0.0.5' });
    assert.equal(pushed.status, 400);
    assert.equal(pushed.body.status, 400);
    assert.match(pushed.body.detail, /mac or device/);
    assert.deepEqual(writes, []);
  });

  it('holds a long-poll with an unchanged version for the wait time and answers 304', async () => {
    const pushed = await pushSession(vestibule.url, TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac });
    const first = await poll(vestibule.url, TEST_GATEWAYS.hq, pushed.body.token);
    const started = Date.now();
    const held = await poll(vestibule.url, TEST_GATEWAYS.hq, pushed.body.token, { wait: 1, etag: first.headers.get('etag')! });
    assert.equal(held.status, 304);
    assert.ok(Date.now() - started >= 900, 'the request was held');
  });
});
