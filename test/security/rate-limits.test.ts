import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Browser } from '../helpers/browser.js';
import { poll, pushSession, signedRedirect } from '../helpers/gateway-client.js';
import { connectAndSignIn, DEVICES } from '../helpers/portal-flow.js';
import { REDIS_URL, redisSuiteEnabled } from '../helpers/redis.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

const HQ = TEST_GATEWAYS.hq;
const BRANCH = TEST_GATEWAYS.branch;
const INVENTORY_KEY = 'rate-limit-test-inventory-key-0123456789abcdef';
const randomToken = () => randomBytes(24).toString('base64url');

/** A 429 for an API: a problem document with Retry-After and the security headers. */
async function assertProblem429(response: Response, what: string) {
  assert.equal(response.status, 429, what);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, what);
  const retryAfter = Number(response.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `${what}: Retry-After ${response.headers.get('retry-after')}`);
  const problem = await response.json();
  assert.equal(problem.status, 429);
  assert.equal(problem.type, 'urn:vestibule:problem:rate_limited');
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
}

const LIMITS = {
  RATE_LIMIT_WINDOW_SECONDS: '60',
  RATE_LIMIT_INTAKE: '5',
  RATE_LIMIT_PORTAL: '6',
  RATE_LIMIT_SESSION_API: '40',
  RATE_LIMIT_SESSION_API_FAILURES: '5',
  RATE_LIMIT_COMPLIANCE_API: '4',
  RATE_LIMIT_INVENTORY_API: '3',
  INVENTORY_API_KEY: INVENTORY_KEY,
};

describe('rate limits (memory store, one instance)', () => {
  let v: TestVestibule;
  before(async () => {
    v = await startVestibule(LIMITS);
  });
  after(() => v.stop());

  it('signed redirects: the 6th for one gateway and MAC in a window is a 429 page with Retry-After; forgeries spend nothing', async () => {
    // Forged links naming the victim's MAC are refused before the limiter: they cannot use up its budget.
    for (let i = 0; i < 10; i += 1) {
      const forged = `/g/${HQ.id}?mac=${encodeURIComponent(DEVICES.aliceIphone.mac)}&ts=${Math.floor(Date.now() / 1000)}&nonce=abcdefgh${i}&sig=${'A'.repeat(43)}`;
      assert.equal((await fetch(new URL(forged, v.url), { redirect: 'manual' })).status, 403);
    }
    for (let i = 0; i < 5; i += 1) {
      const r = await fetch(new URL(signedRedirect(HQ, { mac: DEVICES.aliceIphone.mac }), v.url), { redirect: 'manual', headers: { accept: 'text/html' } });
      assert.equal(r.status, 303, `redirect ${i + 1}`);
    }
    const refused = await fetch(new URL(signedRedirect(HQ, { mac: DEVICES.aliceIphone.mac }), v.url), {
      redirect: 'manual',
      headers: { accept: 'text/html', 'accept-language': 'en' },
    });
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    assert.match(refused.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await refused.text(), /too many requests from this device or network/);
    assert.equal(refused.headers.get('x-frame-options'), 'DENY');
    const otherDevice = await fetch(new URL(signedRedirect(HQ, { mac: DEVICES.aliceLaptop.mac }), v.url), { redirect: 'manual' });
    assert.equal(otherDevice.status, 303, 'another device at the same gateway is not affected');
  });

  it('session API: random tokens get 404 five times, then 429 for that key — while another key still works', async () => {
    for (let i = 0; i < 5; i += 1) assert.equal((await poll(v.url, HQ, randomToken())).status, 404);
    const url = new URL(`/api/v1/sessions/${randomToken()}`, v.url);
    await assertProblem429(await fetch(url, { headers: { authorization: `Bearer ${HQ.apiKey}` } }), 'guessing tokens');
    // A real session of the same gateway is refused too: the key is what is limited.
    const branchSession = await pushSession(v.url, BRANCH, { mac: DEVICES.bobIphone.mac });
    assert.equal(branchSession.status, 201);
    assert.equal((await poll(v.url, BRANCH, branchSession.body.token)).status, 200, 'another key is not affected');
  });

  it('session API: successful polls do not count against the failure budget', async () => {
    const pushed = await pushSession(v.url, BRANCH, { mac: DEVICES.bobIphone.mac });
    for (let i = 0; i < 10; i += 1) assert.equal((await poll(v.url, BRANCH, pushed.body.token)).status, 200, `poll ${i + 1}`);
  });

  it('session API: the RateLimit headers a gateway paces by announce the request budget, not the failure budget', async () => {
    const pushed = await pushSession(v.url, BRANCH, { mac: DEVICES.bobIphone.mac });
    const url = new URL(`/api/v1/sessions/${pushed.body.token}`, v.url);
    const polled = await fetch(url, { headers: { authorization: `Bearer ${BRANCH.apiKey}` } });
    assert.equal(polled.status, 200);
    assert.equal(polled.headers.get('ratelimit-policy'), `${LIMITS.RATE_LIMIT_SESSION_API};w=60`);
  });

  it('compliance API: the 5th query of one key in a window is a 429 problem', async () => {
    const query = () =>
      fetch(new URL(`/api/compliance/2.0/devices?mac=${encodeURIComponent(DEVICES.aliceIphone.mac)}`, v.url), {
        headers: { authorization: `Bearer ${HQ.apiKey}` },
      });
    for (let i = 0; i < 4; i += 1) assert.notEqual((await query()).status, 429, `query ${i + 1}`);
    await assertProblem429(await query(), 'compliance API');
  });

  it('inventory ingest API: the 4th request of one key in a window is a 429 problem', async () => {
    const get = () =>
      fetch(new URL(`/api/v1/inventory/devices/${randomUUID()}`, v.url), { method: 'DELETE', headers: { authorization: `Bearer ${INVENTORY_KEY}` } });
    for (let i = 0; i < 3; i += 1) assert.notEqual((await get()).status, 429, `request ${i + 1}`);
    await assertProblem429(await get(), 'inventory API');
  });
});

describe('rate limits: portal sign-in and Check again', () => {
  let v: TestVestibule;
  before(async () => {
    v = await startVestibule(LIMITS);
  });
  after(() => v.stop());

  it('pressing Check again in a loop ends in 429 pages; the sign-in start is limited by the same budget', async () => {
    // Sign-in costs one of the six (the sign-in start).
    const { browser, result, handle } = await connectAndSignIn(v.url, { mac: DEVICES.aliceLaptop.mac });
    assert.equal(result.status, 200);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await browser.submit(result, {}, /\/check$/)).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
    const signInAgain = await new Browser(v.url).get(`/p/${handle}/sign-in`, { follow: false });
    assert.equal(signInAgain.status, 429);
    assert.ok(Number(signInAgain.headers.get('retry-after')) >= 1);
    // The budget is per portal visit: another visit behind the same address is not affected.
    const other = await connectAndSignIn(v.url, { mac: DEVICES.aliceLaptop.mac });
    assert.equal((await other.browser.submit(other.result, {}, /\/check$/)).status, 200);
  });
});

// A replayed link without a nonce: test/security/nonceless-replay.test.ts.

const redis = await redisSuiteEnabled('rate limits shared through Redis');

describe('rate limits shared by two instances through Redis', { skip: !redis }, () => {
  let a: TestVestibule;
  let b: TestVestibule;
  before(async () => {
    const env = { ...LIMITS, STORE_URL: REDIS_URL, REDIS_KEY_PREFIX: `rl-${randomUUID()}:`, SESSION_SECRET: 'shared-session-secret-for-both-instances-0002' };
    a = await startVestibule(env);
    b = await startVestibule(env);
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('failed lookups on instance A and B share one budget', async () => {
    for (let i = 0; i < 5; i += 1) assert.equal((await poll(i % 2 === 0 ? a.url : b.url, HQ, randomToken())).status, 404);
    await assertProblem429(
      await fetch(new URL(`/api/v1/sessions/${randomToken()}`, b.url), { headers: { authorization: `Bearer ${HQ.apiKey}` } }),
      'sixth guess on B',
    );
    await assertProblem429(await fetch(new URL(`/api/v1/sessions/${randomToken()}`, a.url), { headers: { authorization: `Bearer ${HQ.apiKey}` } }), 'and on A');
  });
});
