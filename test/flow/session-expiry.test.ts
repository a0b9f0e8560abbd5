import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Browser } from '../helpers/browser.js';
import { poll, pushSession } from '../helpers/gateway-client.js';
import { DEVICES, signIn } from '../helpers/portal-flow.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

const HQ = TEST_GATEWAYS.hq;
// Long enough for a sign-in on a busy machine: the tests reach it by moving the clock.
const PENDING_TTL_S = 60;
/** Real time a held long-poll is left before expiry wakes it (the wake itself is a real timer). */
const WAKE_AFTER_MS = 3000;
const DECISION_TTL_S = 60;

/**
 * Issue #8 item 6: expiry changes the answer a gateway gets, so it must change the ETag,
 * and a long-poll holding the old ETag must wake when the session expires. The service's
 * clock is the real one plus an offset the test moves forward, so no test sleeps for a TTL.
 */
describe('expiry that pollers see', () => {
  let v: TestVestibule;
  let offsetMs = 0;
  before(async () => {
    v = await startVestibule(
      { SESSION_PENDING_TTL_SECONDS: String(PENDING_TTL_S), SESSION_DECISION_TTL_SECONDS: String(DECISION_TTL_S) },
      { now: () => Date.now() + offsetMs },
    );
  });
  after(() => v.stop());

  async function pushed(): Promise<{ token: string; etag: string }> {
    const created = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac });
    assert.equal(created.status, 201);
    const first = await poll(v.url, HQ, created.body.token);
    assert.equal(first.body.status, 'pending');
    return { token: created.body.token, etag: first.headers.get('etag')! };
  }

  it('a pending session past its TTL answers expired/deny with a new ETag; the old ETag no longer gets 304', async () => {
    const { token, etag } = await pushed();
    assert.equal(etag, '"1"');
    offsetMs += (PENDING_TTL_S + 1) * 1000;

    const conditional = await poll(v.url, HQ, token, { etag });
    assert.equal(conditional.status, 200, 'the answer changed, so the old ETag must not match');
    assert.equal(conditional.body.status, 'expired');
    assert.equal(conditional.body.decision, 'deny');
    const newEtag = conditional.headers.get('etag')!;
    assert.notEqual(newEtag, etag);
    assert.equal(newEtag, `"${conditional.body.version}"`, 'the ETag is the version in the body');

    // The expiry is stored: a plain poll and the new ETag agree, and stay stable.
    const plain = await poll(v.url, HQ, token);
    assert.equal(plain.headers.get('etag'), newEtag);
    assert.equal((await poll(v.url, HQ, token, { etag: newEtag })).status, 304);
    const stored = await v.stores.atomic.read<{ status: string }>(`session:${token}`);
    assert.equal(stored?.value.status, 'expired');
  });

  it('a long-poll holding the pending ETag wakes at expiry with the expired answer (not after its full wait)', async () => {
    const { token, etag } = await pushed();
    // A few seconds of real time before the session's expiry.
    offsetMs += PENDING_TTL_S * 1000 - WAKE_AFTER_MS;
    const woken = await poll(v.url, HQ, token, { wait: 30, etag });
    assert.equal(woken.status, 200);
    assert.equal(woken.body.status, 'expired');
    assert.equal(woken.body.decision, 'deny');
    assert.notEqual(woken.headers.get('etag'), etag);
  });

  it('a long-poll without If-None-Match on a pending session also wakes at expiry', async () => {
    const { token } = await pushed();
    offsetMs += PENDING_TTL_S * 1000 - WAKE_AFTER_MS;
    const woken = await poll(v.url, HQ, token, { wait: 30 });
    assert.equal(woken.status, 200);
    assert.equal(woken.body.status, 'expired');
    assert.notEqual(woken.headers.get('etag'), '"1"', 'the expired answer carries a version of its own');
  });

  it('an allowed decision at the end of its lifetime: allow → expired/deny with a new ETag, and a waiting long-poll wakes', async () => {
    const created = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac });
    const browser = new Browser(v.url);
    const landing = await browser.get(new URL(created.body.portalUrl).pathname);
    const result = await signIn(browser, landing, { username: 'alice', password: 'vestibule-demo' });
    assert.match(result.body, /You’re approved/);
    const allowed = await poll(v.url, HQ, created.body.token);
    assert.equal(allowed.body.decision, 'allow');
    const etag = allowed.headers.get('etag')!;
    const lifetimeMs = Date.parse(allowed.body.expiresAt) - (Date.now() + offsetMs);
    assert.ok(lifetimeMs > 5000, 'the decision has a lifetime of its own');

    offsetMs += lifetimeMs - 500;
    const woken = await poll(v.url, HQ, created.body.token, { wait: 30, etag });
    assert.equal(woken.status, 200);
    assert.equal(woken.body.status, 'expired');
    assert.equal(woken.body.decision, 'deny');
    assert.notEqual(woken.headers.get('etag'), etag);
    assert.equal((await poll(v.url, HQ, created.body.token, { etag })).status, 200, 'the allow-era ETag never answers 304 again');
  });

  it('a session that is not yet expired still answers 304 to its own ETag (control case)', async () => {
    const { token, etag } = await pushed();
    assert.equal((await poll(v.url, HQ, token, { etag })).status, 304);
  });
});
