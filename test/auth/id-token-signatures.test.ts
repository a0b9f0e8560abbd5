import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { Browser, type Page } from '../helpers/browser.js';
import { writeTestFile } from '../helpers/certificates.js';
import { poll, pushSession } from '../helpers/gateway-client.js';
import { ALICE, DEVICES } from '../helpers/portal-flow.js';
import { StandInIdp, type IdpScenario } from '../helpers/stand-in-idp.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

const HQ = TEST_GATEWAYS.hq;
const CLIENT = { id: 'stand-in-client', secret: 'stand-in-secret-0123456789abcdef' };
const oidcEnv = (idp: StandInIdp) => ({ OIDC_ISSUER: idp.url, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret });

/**
 * One person's visit with the real Vestibule: the gateway pushes a session for Alice's
 * compliant phone, the browser lands, starts sign-in, the IdP sends it back with a code,
 * and Vestibule redeems the code at the IdP's token endpoint (HTTPS) for the scenario's
 * ID token. `callback` is where the browser ended (redirects on Vestibule followed).
 */
async function visit(v: TestVestibule, idp: StandInIdp, scenario: IdpScenario) {
  idp.scenario = scenario;
  const pushed = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac });
  assert.equal(pushed.status, 201);
  const portal = new URL(pushed.body.portalUrl as string).pathname;
  const browser = new Browser(v.url);
  assert.equal((await browser.get(portal)).status, 200);
  const start = await browser.get(`${portal}/sign-in`);
  assert.equal(start.status, 302, `sign-in start: ${start.status} ${start.body.slice(0, 200)}`);
  const callback = await browser.get(idp.authorize(start.headers.get('location')!));
  return { browser, portal, token: pushed.body.token as string, callback };
}

/** Nothing was granted: the gateway still sees a pending session with nobody signed in, and the browser is not signed in. */
async function assertNothingGranted(v: TestVestibule, attempt: Awaited<ReturnType<typeof visit>>) {
  const polled = await poll(v.url, HQ, attempt.token);
  assert.equal(polled.body.decision, 'pending');
  assert.equal(polled.body.status, 'pending');
  assert.equal(polled.body.user, null);
  const again = await attempt.browser.get(attempt.portal);
  assert.match(again.body, /href="\/p\/[A-Za-z0-9_-]+\/sign-in"/, 'the portal still asks this browser to sign in');
}

function assertRefusedPage(page: Page) {
  assert.equal(page.status, 400, page.body.slice(0, 300));
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(page.body, /Sign-in did not complete/);
}

describe('sign-in against an HTTPS IdP with a private CA (OIDC_CA_FILE): ID-token signatures are verified', () => {
  const idp = new StandInIdp(CLIENT, { oid: ALICE.oid, name: 'Alice Example' });
  let v: TestVestibule;
  before(async () => {
    // The JWKS cache (openid-client/oauth4webapi) ages on Date: hold it still, so "within a
    // minute" and "a minute old" are what the tests say, however slow the machine.
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    await idp.start();
    v = await startVestibule({ ...oidcEnv(idp), OIDC_CA_FILE: idp.caFile });
  });
  after(async () => {
    mock.timers.reset();
    await v.stop();
    idp.close();
  });

  it('a correctly signed ID token signs in and the device is allowed; the JWKS was read once to check it', async () => {
    const attempt = await visit(v, idp, 'good');
    assert.equal(attempt.callback.status, 200, attempt.callback.body.slice(0, 300));
    assert.match(attempt.callback.body, /You’re approved/);
    assert.equal((await poll(v.url, HQ, attempt.token)).body.decision, 'allow');
    assert.deepEqual(idp.reads, { discovery: 1, jwks: 1, token: 1 });
  });

  for (const [scenario, what] of [
    ['corrupt', 'a corrupted signature'],
    ['otherKey', 'a signature by another key under the published kid'],
  ] as const) {
    it(`an ID token with ${what}: 400 page, nothing granted, no extra JWKS read`, async () => {
      const jwks = idp.reads.jwks;
      const attempt = await visit(v, idp, scenario);
      assertRefusedPage(attempt.callback);
      await assertNothingGranted(v, attempt);
      assert.equal(idp.reads.jwks - jwks, 0, 'the cached key set answered');
    });
  }

  it('an unknown kid within a minute of the last JWKS read: refused without a refetch (the refetch is throttled)', async () => {
    const jwks = idp.reads.jwks;
    for (let i = 0; i < 3; i += 1) {
      const attempt = await visit(v, idp, 'unknownKid');
      assertRefusedPage(attempt.callback);
      await assertNothingGranted(v, attempt);
    }
    assert.equal(idp.reads.jwks - jwks, 0);
  });

  it('an unknown kid once the key set is a minute old: exactly one refetch, then refused; a key the IdP rotated in is found by that refetch', async () => {
    mock.timers.tick(61_000);
    let jwks = idp.reads.jwks;
    const first = await visit(v, idp, 'unknownKid');
    assertRefusedPage(first.callback);
    await assertNothingGranted(v, first);
    assert.equal(idp.reads.jwks - jwks, 1, 'one refetch for the unknown kid');
    jwks = idp.reads.jwks;
    for (let i = 0; i < 3; i += 1) assertRefusedPage((await visit(v, idp, 'unknownKid')).callback);
    assert.equal(idp.reads.jwks - jwks, 0, 'a burst of unknown kids right after it refetches nothing');

    idp.rotate();
    mock.timers.tick(61_000);
    jwks = idp.reads.jwks;
    const rotated = await visit(v, idp, 'rotated');
    assert.equal(rotated.callback.status, 200, rotated.callback.body.slice(0, 300));
    assert.equal((await poll(v.url, HQ, rotated.token)).body.decision, 'allow');
    assert.equal(idp.reads.jwks - jwks, 1);
  });

  it('a token endpoint that answers 500: 503 "sign-in service unavailable" page with Retry-After, nothing granted', async () => {
    const attempt = await visit(v, idp, 'error500');
    assert.equal(attempt.callback.status, 503);
    assert.match(attempt.callback.body, /Sign-in service unavailable/);
    assert.ok(Number(attempt.callback.headers.get('retry-after')) >= 1);
    await assertNothingGranted(v, attempt);
  });

  it('a token endpoint that accepts the connection and never answers: 503 page with Retry-After, not a 400 blaming the person', async () => {
    const attempt = await visit(v, idp, 'hang');
    assert.equal(attempt.callback.status, 503);
    assert.match(attempt.callback.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(attempt.callback.body, /Sign-in service unavailable/);
    assert.doesNotMatch(attempt.callback.body, /Sign-in did not complete/);
    assert.ok(Number(attempt.callback.headers.get('retry-after')) >= 1);
    await assertNothingGranted(v, attempt);
  });

  it('a token endpoint that rejects the code (invalid_grant) is the 400 it always was', async () => {
    const attempt = await visit(v, idp, 'rejected');
    assertRefusedPage(attempt.callback);
    await assertNothingGranted(v, attempt);
  });
});

describe('the IdP’s private CA is trusted only through OIDC_CA_FILE', () => {
  const idp = new StandInIdp(CLIENT, { oid: ALICE.oid, name: 'Alice Example' });
  before(() => idp.start());
  after(() => idp.close());

  it('without it the IdP’s certificate is refused (no request reaches it) and sign-in is a 503 page', async (t) => {
    const v = await startVestibule(oidcEnv(idp));
    t.after(() => v.stop());
    const pushed = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac });
    const browser = new Browser(v.url);
    const start = await browser.get(`${new URL(pushed.body.portalUrl as string).pathname}/sign-in`);
    assert.equal(start.status, 503);
    assert.match(start.body, /Sign-in service unavailable/);
    // The same spread wait as a failing token endpoint (20–39 s), so browsers do not all return together.
    const waits = [Number(start.headers.get('retry-after'))];
    for (let i = 0; i < 5; i++)
      waits.push(Number((await browser.get(`${new URL(pushed.body.portalUrl as string).pathname}/sign-in`)).headers.get('retry-after')));
    assert.ok(
      waits.every((wait) => wait >= 20 && wait < 40),
      `Retry-After ${waits.join(', ')}`,
    );
    assert.ok(new Set(waits).size > 1, `Retry-After is spread, not fixed: ${waits.join(', ')}`);
    assert.deepEqual(idp.reads, { discovery: 0, jwks: 0, token: 0 });
  });

  /** The start is refused with `message`; a Vestibule that starts anyway is stopped, so a failure here cannot hang the run. */
  async function assertStartRefused(env: Record<string, string>, message: RegExp) {
    let started: TestVestibule;
    try {
      started = await startVestibule(env);
    } catch (error) {
      assert.match(String(error), message);
      return;
    }
    await started.stop();
    assert.fail(`the start was not refused (expected ${message})`);
  }

  it('a file that holds no certificate, or OIDC_CA_FILE without OIDC_ISSUER, stops the start naming the setting', async () => {
    await assertStartRefused({ ...oidcEnv(idp), OIDC_CA_FILE: writeTestFile('not a certificate\n') }, /OIDC_CA_FILE .* holds no certificate/);
    await assertStartRefused({ ...oidcEnv(idp), OIDC_CA_FILE: '/nonexistent/ca.pem' }, /OIDC_CA_FILE \/nonexistent\/ca.pem cannot be read/);
    await assertStartRefused({ OIDC_CA_FILE: idp.caFile }, /OIDC_CA_FILE is for OIDC_ISSUER/);
  });
});
