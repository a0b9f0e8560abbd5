import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { poll, pushSession, signedRedirect } from '../helpers/gateway-client.js';
import { ALICE, BOB, DEVICES } from '../helpers/portal-flow.js';
import { RecordingBrowser, signInVia } from '../helpers/recording-browser.js';
import { looksLikeStack, rawRequest, startObservedVestibule, type ObservedVestibule } from '../helpers/security-harness.js';
import { TEST_GATEWAYS } from '../helpers/test-vestibule.js';

const HQ = TEST_GATEWAYS.hq;
const COOKIE = 'vestibule.sid';

describe('security: sign-in (OIDC client, browser binding)', () => {
  let v: ObservedVestibule;
  before(async () => {
    v = await startObservedVestibule();
  });
  after(() => v.stop());

  /** A pushed session (so the test also holds the gateway's token) and a fresh browser on its landing page. */
  async function newSession(mac: string = DEVICES.aliceIphone.mac) {
    const pushed = await pushSession(v.url, HQ, { mac, sid: 'sid-1' });
    assert.equal(pushed.status, 201);
    const handle = new URL(pushed.body.portalUrl).pathname.split('/')[2]!;
    return { token: pushed.body.token as string, handle };
  }

  /** The session as the gateway sees it. */
  const polled = async (token: string) =>
    (await poll(v.url, HQ, token)).body as { status: string; decision: string; user: { id: string; name: string } | null };

  /** True when `browser` is shown the landing page (not signed in for `handle`). */
  async function showsLanding(browser: RecordingBrowser, handle: string): Promise<boolean> {
    const page = await browser.go(`/p/${handle}`);
    return page.status === 200 && page.body.includes(`/p/${handle}/sign-in`);
  }

  describe('the authorization request', () => {
    it('uses PKCE S256, a fresh state and nonce of ≥128 bits, and a redirect_uri from configuration, never from Host', async () => {
      const { handle, token } = await newSession();
      const seen = new Set<string>();
      for (const host of [undefined, 'evil.example', `evil.example:${new URL(v.url).port}`]) {
        const headers: Record<string, string> = host ? { host, 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } : {};
        const r = await rawRequest(v.url, { path: `/p/${handle}/sign-in`, headers });
        assert.ok([302, 303].includes(r.status), `status ${r.status}`);
        const location = new URL(String(r.headers.location), v.url);
        assert.equal(location.origin, v.url, 'the IdP is the configured one');
        assert.equal(location.searchParams.get('redirect_uri'), `${v.url}/auth/callback`);
        assert.equal(location.searchParams.get('code_challenge_method'), 'S256');
        assert.match(location.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
        const state = location.searchParams.get('state') ?? '';
        const nonce = location.searchParams.get('nonce') ?? '';
        assert.ok(Buffer.from(state, 'base64url').length >= 16, 'state ≥ 128 bits');
        assert.ok(Buffer.from(nonce, 'base64url').length >= 16, 'nonce ≥ 128 bits');
        assert.ok(!seen.has(state) && !seen.has(nonce));
        seen.add(state).add(nonce);
        assert.ok(!location.href.includes(handle) && !location.href.includes(token), 'the authorize URL carries neither the handle nor the token');
      }
    });

    it('the flow cookie is HttpOnly and SameSite=Lax, and is only set once sign-in starts', async () => {
      const { handle } = await newSession();
      const browser = new RecordingBrowser(v.url);
      const landing = await browser.go(`/p/${handle}`);
      assert.deepEqual(landing.setCookies, [], 'the landing page sets no cookie');
      const start = await browser.go(`/p/${handle}/sign-in`, { follow: false });
      const cookie = start.setCookies.find((c) => c.startsWith(`${COOKIE}=`));
      assert.ok(cookie, 'sign-in start sets the session cookie');
      assert.match(cookie, /;\s*HttpOnly/i);
      assert.match(cookie, /;\s*SameSite=Lax/i);
      assert.match(cookie, /;\s*Path=\//i);
    });

    it('sign-in for an unknown or malformed handle is refused before anything reaches the IdP', async () => {
      for (const handle of ['A'.repeat(32), '..', '%00', 'x'.repeat(500)]) {
        const r = await fetch(`${v.url}/p/${handle}/sign-in`, { redirect: 'manual', headers: { accept: 'text/html' } });
        const body = await r.text();
        assert.ok(r.status >= 400 && r.status < 500, `${handle.slice(0, 10)} → ${r.status}`);
        assert.equal(r.headers.get('location'), null);
        assert.deepEqual(r.headers.getSetCookie(), []);
        assert.ok(!looksLikeStack(body));
      }
    });
  });

  describe('the callback', () => {
    it('rejects a callback without any flow (no cookie): 400, and nothing is bound', async () => {
      const r = await fetch(`${v.url}/auth/callback?code=abc&state=def`, { redirect: 'manual', headers: { accept: 'text/html' } });
      assert.equal(r.status, 400);
      assert.equal(r.headers.get('location'), null);
      assert.ok(!looksLikeStack(await r.text()));
    });

    it('login CSRF: a genuine callback URL (code + state) delivered to another browser fails there, and the victim stays signed out', async () => {
      const { handle, token } = await newSession();
      const attacker = new RecordingBrowser(v.url);
      const stolen = await signInVia(attacker, handle, ALICE, { stopBeforeCallback: true });
      assert.ok(stolen.stoppedAt, 'reached the callback');

      // The victim is mid-flow for their own session (has a flow cookie) or has none at all.
      const victimSession = await newSession(DEVICES.bobIphone.mac);
      const victimMidFlow = new RecordingBrowser(v.url);
      await victimMidFlow.go(`/p/${victimSession.handle}/sign-in`, { follow: false });
      for (const victim of [new RecordingBrowser(v.url), victimMidFlow]) {
        const r = await victim.go(stolen.stoppedAt.href, { follow: false });
        assert.ok(r.status >= 400, `callback in a foreign browser → ${r.status}`);
        assert.equal(r.headers.get('location'), null);
        assert.ok(await showsLanding(victim, handle), 'not signed in for the attacker session');
        assert.ok(await showsLanding(victim, victimSession.handle), 'not signed in for its own session either');
      }
      assert.equal((await polled(token)).user, null, 'the access session has no user');
      assert.equal((await polled(victimSession.token)).user, null);

      // The genuine browser can still finish: the code was not spent by the failed attempts.
      const finished = await attacker.go(stolen.stoppedAt.href);
      assert.equal(finished.status, 200);
      assert.equal((await polled(token)).user?.name, 'Alice Example');
    });

    it('rejects a callback whose state is missing, and binds nothing', async () => {
      const { handle, token } = await newSession();
      const browser = new RecordingBrowser(v.url);
      const stopped = await signInVia(browser, handle, ALICE, { stopBeforeCallback: true });
      const tampered = new URL(stopped.stoppedAt!.href);
      tampered.searchParams.delete('state');
      const r = await browser.go(tampered.href, { follow: false });
      assert.ok(r.status >= 400, `→ ${r.status}`);
      assert.ok(await showsLanding(browser, handle));
      assert.equal((await polled(token)).user, null);
    });

    it('rejects a callback with a foreign state (another flow’s state), and binds nothing', async () => {
      const { handle, token } = await newSession();
      const other = await newSession();
      const browser = new RecordingBrowser(v.url);
      const otherBrowser = new RecordingBrowser(v.url);
      const mine = await signInVia(browser, handle, ALICE, { stopBeforeCallback: true });
      const theirs = await signInVia(otherBrowser, other.handle, BOB, { stopBeforeCallback: true });
      const mixed = new URL(mine.stoppedAt!.href);
      mixed.searchParams.set('state', theirs.stoppedAt!.searchParams.get('state')!);
      const r = await browser.go(mixed.href, { follow: false });
      assert.ok(r.status >= 400, `→ ${r.status}`);
      assert.ok(await showsLanding(browser, handle));
      assert.equal((await polled(token)).user, null);
    });

    it('a foreign or missing state is a client error (4xx), not a 503 “try again later” logged as a server failure', async () => {
      const { handle } = await newSession();
      const browser = new RecordingBrowser(v.url);
      const stopped = await signInVia(browser, handle, ALICE, { stopBeforeCallback: true });
      const tampered = new URL(stopped.stoppedAt!.href);
      tampered.searchParams.set('state', 'x'.repeat(43));
      const r = await browser.go(tampered.href, { follow: false });
      assert.ok(r.status >= 400 && r.status < 500, `→ ${r.status}`);
    });

    it('a replayed callback (same code and state, after success) is refused and changes nothing', async () => {
      const { handle, token } = await newSession();
      const browser = new RecordingBrowser(v.url);
      const stopped = await signInVia(browser, handle, ALICE, { stopBeforeCallback: true });
      const beforeCallback = browser.clone(); // a copy of the cookies from before the callback
      const first = await browser.go(stopped.stoppedAt!.href);
      assert.equal(first.status, 200);
      const version = (await poll(v.url, HQ, token)).body.version;

      const again = await browser.go(stopped.stoppedAt!.href, { follow: false });
      assert.ok(again.status >= 400, `replay in the same browser → ${again.status}`);
      const stale = await beforeCallback.go(stopped.stoppedAt!.href, { follow: false });
      assert.ok(stale.status >= 400, `replay with the pre-callback cookie → ${stale.status}`);
      assert.ok(await showsLanding(beforeCallback, handle), 'the pre-callback cookie is not signed in');
      assert.equal((await poll(v.url, HQ, token)).body.version, version, 'the session did not change');
    });

    it('a replayed authorization code (spent code with a fresh, valid state) is refused and binds nothing', async () => {
      const first = await newSession();
      const second = await newSession();
      const browser = new RecordingBrowser(v.url);
      const spent = await signInVia(browser, first.handle, ALICE, { stopBeforeCallback: true });
      assert.equal((await browser.go(spent.stoppedAt!.href)).status, 200);
      const fresh = await signInVia(browser, second.handle, ALICE, { stopBeforeCallback: true });
      const replay = new URL(fresh.stoppedAt!.href);
      replay.searchParams.set('code', spent.stoppedAt!.searchParams.get('code')!);
      const r = await browser.go(replay.href, { follow: false });
      assert.ok(r.status >= 400, `→ ${r.status}`);
      assert.ok(await showsLanding(browser, second.handle));
      assert.equal((await polled(second.token)).user, null);
    });

    it('IdP error parameters with markup are neither reflected nor turned into a sign-in (with and without a flow)', async () => {
      const { handle, token } = await newSession();
      const markup = '<script>alert(1)</script><img src=x onerror=alert(2)>';
      const browser = new RecordingBrowser(v.url);
      const stopped = await signInVia(browser, handle, ALICE, { stopBeforeCallback: true });
      const state = stopped.stoppedAt!.searchParams.get('state')!;
      for (const error of ['access_denied', 'server_error', markup]) {
        const query = new URLSearchParams({ error, error_description: markup, error_uri: 'javascript:alert(3)', state });
        for (const who of [browser.clone(), new RecordingBrowser(v.url)]) {
          const r = await who.go(`/auth/callback?${query}`, { follow: false });
          assert.ok(r.status >= 400, `error=${error.slice(0, 12)} → ${r.status}`);
          assert.equal(r.headers.get('location'), null);
          for (const fragment of ['<script', 'onerror', 'alert(', 'javascript:']) assert.ok(!r.body.includes(fragment), `${fragment} reflected`);
          assert.ok(!looksLikeStack(r.body));
        }
      }
      assert.equal((await polled(token)).user, null);
    });

    it('session fixation: the session cookie changes at the callback, and the pre-callback cookie is not signed in', async () => {
      const { handle } = await newSession();
      const browser = new RecordingBrowser(v.url);
      const stopped = await signInVia(browser, handle, ALICE, { stopBeforeCallback: true });
      const before = browser.jar.get(COOKIE);
      assert.ok(before);
      const planted = browser.clone();
      const result = await browser.go(stopped.stoppedAt!.href);
      assert.equal(result.status, 200);
      const after = browser.jar.get(COOKIE);
      assert.ok(after && after !== before, 'the session id was regenerated');
      assert.ok(await showsLanding(planted, handle), 'a fixated (pre-callback) cookie gives the attacker nothing');
    });

    it('a cookie planted before sign-in by an attacker is not the one the victim ends up with', async () => {
      const { handle } = await newSession();
      const attacker = new RecordingBrowser(v.url);
      await attacker.go(`/p/${handle}/sign-in`, { follow: false });
      const victim = attacker.clone(); // the attacker plants their cookie in the victim's browser
      const done = await signInVia(victim, handle, ALICE);
      assert.equal(done.status, 200);
      assert.notEqual(victim.jar.get(COOKIE), attacker.jar.get(COOKIE));
      assert.ok(await showsLanding(attacker, handle));
    });

    it('the IdP’s redirect back and the final redirect go only to our own origin', async () => {
      const { handle } = await newSession();
      const browser = new RecordingBrowser(v.url);
      await signInVia(browser, handle, ALICE);
      for (const exchange of browser.exchanges) {
        const location = exchange.headers.get('location');
        if (location) assert.equal(new URL(location, exchange.url).origin, v.url, `${exchange.url} → ${location}`);
      }
    });
  });

  describe('browser ↔ access-session binding', () => {
    it('a browser signed in for session A is not evaluated for session B: B shows the landing page and stays pending', async () => {
      const a = await newSession();
      const b = await newSession(DEVICES.aliceLaptop.mac);
      const browser = new RecordingBrowser(v.url);
      assert.equal((await signInVia(browser, a.handle, ALICE)).status, 200);
      assert.equal((await polled(a.token)).decision, 'allow');
      assert.ok(await showsLanding(browser, b.handle), 'B asks for its own sign-in');
      const afterVisit = await polled(b.token);
      assert.equal(afterVisit.status, 'pending');
      assert.equal(afterVisit.user, null);
    });

    it('POST /p/B/check from a browser signed in for A evaluates nothing', async () => {
      const a = await newSession();
      const b = await newSession(DEVICES.aliceLaptop.mac);
      const browser = new RecordingBrowser(v.url);
      await signInVia(browser, a.handle, ALICE);
      const r = await browser.go(`/p/${b.handle}/check`, { form: { csrf: 'whatever' }, follow: false });
      assert.ok(r.status === 303 || r.status === 403, `→ ${r.status}`);
      assert.equal((await polled(b.token)).status, 'pending');
    });

    it('a second user cannot take over an allowed session another user signed into', async () => {
      const { handle, token } = await newSession();
      const alice = new RecordingBrowser(v.url);
      assert.equal((await signInVia(alice, handle, ALICE)).status, 200);
      const before = await poll(v.url, HQ, token);
      assert.equal(before.body.decision, 'allow');

      const bob = new RecordingBrowser(v.url);
      const result = await signInVia(bob, handle, BOB);
      assert.notEqual(result.status, 200, 'Bob gets no result page');
      assert.ok(!result.body.includes('Alice'), 'nothing about Alice is shown to Bob');
      assert.ok(!result.body.includes('10.0.0.1:2050'), 'Bob is not sent to the gateway');
      assert.ok(!result.body.includes(token));
      const after = await poll(v.url, HQ, token);
      assert.equal(after.body.user.name, 'Alice Example');
      assert.equal(after.body.decision, 'allow');
    });

    it('a second user cannot take over a blocked session either, not even with “check again”', async () => {
      const { handle, token } = await newSession(DEVICES.aliceLaptop.mac);
      const alice = new RecordingBrowser(v.url);
      const blocked = await signInVia(alice, handle, ALICE);
      assert.equal((await polled(token)).decision, 'deny');
      const aliceCsrf = /name="csrf" value="([^"]+)"/.exec(blocked.body)?.[1];
      assert.ok(aliceCsrf);

      const bob = new RecordingBrowser(v.url);
      const bobResult = await signInVia(bob, handle, BOB);
      assert.notEqual(bobResult.status, 200);
      const check = await bob.go(`/p/${handle}/check`, { form: { csrf: aliceCsrf }, follow: false });
      assert.ok(check.status >= 400, `Bob's check → ${check.status}`);
      const after = await polled(token);
      assert.equal(after.user?.name, 'Alice Example');
      assert.equal(after.decision, 'deny');
    });

    it('“check again” needs the CSRF token of this browser session', async () => {
      const { handle, token } = await newSession(DEVICES.aliceLaptop.mac);
      const alice = new RecordingBrowser(v.url);
      await signInVia(alice, handle, ALICE);
      const version = (await poll(v.url, HQ, token)).body.version;
      const other = await newSession(DEVICES.aliceLaptop.mac);
      const otherBrowser = new RecordingBrowser(v.url);
      const otherPage = await signInVia(otherBrowser, other.handle, ALICE);
      const foreignCsrf = /name="csrf" value="([^"]+)"/.exec(otherPage.body)![1]!;
      for (const form of [{} as Record<string, string>, { csrf: '' }, { csrf: 'x' }, { csrf: foreignCsrf }, { csrf: `${foreignCsrf}x` }]) {
        const r = await alice.go(`/p/${handle}/check`, { form, follow: false });
        assert.equal(r.status, 403, `csrf=${JSON.stringify(form)}`);
      }
      assert.equal((await poll(v.url, HQ, token)).body.version, version, 'no re-check ran');
    });

    it('signing in for a redirect-intake session works only in the browser that signed in (a leaked /p/ URL is just a landing page)', async () => {
      const browser = new RecordingBrowser(v.url);
      const landing = await browser.go(signedRedirect(HQ, { mac: DEVICES.aliceIphone.mac }));
      const handle = /\/p\/([A-Za-z0-9_-]{32})$/.exec(landing.hops[1]!)![1]!;
      assert.equal((await signInVia(browser, handle, ALICE)).status, 200);
      const stranger = new RecordingBrowser(v.url);
      assert.ok(await showsLanding(stranger, handle));
    });
  });
});
