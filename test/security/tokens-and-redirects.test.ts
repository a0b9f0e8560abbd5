import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { poll, pushSession, signedRedirect } from '../helpers/gateway-client.js';
import { ALICE, BOB, DEVICES } from '../helpers/portal-flow.js';
import { navigationTargets, RecordingBrowser, signInVia, type Exchange } from '../helpers/recording-browser.js';
import { INVENTORY_KEY, startObservedVestibule, type ObservedVestibule } from '../helpers/security-harness.js';
import { TEST_GATEWAYS } from '../helpers/test-vestibule.js';

const HQ = TEST_GATEWAYS.hq;
const BRANCH = TEST_GATEWAYS.branch;
const SECRET_LOOKING = /^[A-Za-z0-9_-]{32}$/;

describe('security: tokens, logs and redirect targets', () => {
  let v: ObservedVestibule;
  const exchanges: Exchange[] = [];
  /** Every secret the flows below handled; none of them may reach the log. */
  const secrets = new Map<string, string>();

  before(async () => {
    v = await startObservedVestibule({ LOG_LEVEL: 'info' });
  });
  after(() => v.stop());

  /** Runs gateway redirect → sign-in → result in a fresh browser; records exchanges and secrets. */
  async function flow(
    gateway: typeof HQ | typeof BRANCH,
    client: Record<string, string>,
    user = ALICE,
    headers: Record<string, string> = {},
    headersOn?: (url: URL) => boolean,
  ) {
    const browser = new RecordingBrowser(v.url, headers, headersOn);
    const path = signedRedirect(gateway, client);
    const signed = new URL(path, v.url).searchParams;
    secrets.set('gateway signature', signed.get('sig')!).set('gateway nonce', signed.get('nonce')!);
    const landing = await browser.go(path);
    const handle = /\/p\/([A-Za-z0-9_-]{32})$/.exec(landing.hops.at(-1)!)?.[1];
    assert.ok(handle, `landed on a portal page (${landing.hops.at(-1)})`);
    secrets.set(`handle ${handle}`, handle);
    const stopped = await signInVia(browser, handle, user, { stopBeforeCallback: true });
    const callback = stopped.stoppedAt!;
    secrets.set(`oidc code ${handle}`, callback.searchParams.get('code')!).set(`oidc state ${handle}`, callback.searchParams.get('state')!);
    const authorize = browser.exchanges.map((e) => e.headers.get('location') ?? '').find((l) => l.includes('code_challenge='));
    if (authorize) secrets.set(`oidc nonce ${handle}`, new URL(authorize, v.url).searchParams.get('nonce')!);
    const preCookie = browser.jar.get('vestibule.sid');
    const result = await browser.go(callback.href);
    for (const [name, value] of [...browser.jar, ['pre-callback cookie', preCookie ?? '']]) {
      // oidc-provider's _interaction cookie holds the interaction uid, which is also in the dev IdP's own URL path.
      if (!value || name!.startsWith('_interaction')) continue;
      secrets.set(`cookie ${name} ${handle}`, value);
      const sid = /^s%3A([^.]+)\./.exec(value)?.[1];
      if (sid) secrets.set(`session id ${handle}`, sid);
    }
    const csrf = /name="csrf" value="([^"]+)"/.exec(result.body)?.[1];
    if (csrf) secrets.set(`csrf ${handle}`, csrf);
    exchanges.push(...browser.exchanges);
    return { browser, result, handle };
  }

  const allowedOrigins = () => new Set([v.url, new URL(HQ.returnUrl).origin, new URL(BRANCH.returnUrl).origin]);

  describe('no open redirect: every Location and meta refresh in every flow', () => {
    it('an allowed HQ session with hostile url/sid goes back only to HQ’s configured returnUrl, with state and sid appended', async () => {
      const sid = `"'><script>alert(1)</script>&x=1#frag\\`;
      const { result } = await flow(HQ, { mac: DEVICES.aliceIphone.mac, url: 'javascript:alert(1)', sid });
      const off = navigationTargets(result).filter((t) => new URL(t).origin !== v.url);
      assert.ok(off.length >= 1, 'the allowed page refreshes to the gateway');
      for (const target of off) {
        const url = new URL(target);
        assert.equal(`${url.origin}${url.pathname}`, 'http://10.0.0.1:2050/vestibule/return');
        assert.equal(url.searchParams.get('gw'), 'hq');
        assert.equal(url.searchParams.get('sid'), sid, 'the sid is carried as data, encoded');
        assert.match(url.searchParams.get('state') ?? '', SECRET_LOOKING);
        assert.equal(url.hash, '');
        assert.deepEqual([...url.searchParams.keys()].sort(), ['gw', 'sid', 'state']);
        secrets.set('hq token', url.searchParams.get('state')!);
      }
      assert.ok(!result.body.includes('javascript:'));
      assert.ok(!result.body.includes('<script>alert(1)'));
    });

    it('an allowed branch session goes back only to the branch gateway’s returnUrl, never to HQ’s', async () => {
      const { result } = await flow(BRANCH, { mac: DEVICES.aliceIphone.mac, url: 'https://evil.example/' });
      const off = navigationTargets(result).filter((t) => new URL(t).origin !== v.url);
      assert.ok(off.length >= 1);
      for (const target of off) assert.equal(`${new URL(target).origin}${new URL(target).pathname}`, BRANCH.returnUrl);
      secrets.set('branch token', new URL(off[0]!).searchParams.get('state')!);
      assert.ok(!result.body.includes('evil.example'));
    });

    it('blocked, not-yours, not-enrolled and randomized-MAC outcomes navigate nowhere off-origin', async () => {
      for (const [mac, user] of [
        [DEVICES.aliceLaptop.mac, ALICE],
        [DEVICES.aliceIphone.mac, BOB],
        ['00:1B:63:84:45:E6', ALICE],
        ['7A:4C:11:22:33:44', ALICE],
      ] as const) {
        const { browser } = await flow(HQ, { mac, url: 'https://evil.example/' }, user);
        for (const e of browser.exchanges) {
          for (const target of navigationTargets(e)) assert.equal(new URL(target).origin, v.url, `${e.url} → ${target}`);
        }
      }
    });

    const FORGED = {
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      'x-original-url': '//evil.example/',
      'x-rewrite-url': '//evil.example/',
      forwarded: 'host=evil.example;proto=https',
    };

    it('forged Host-like headers (X-Forwarded-Host/Proto, Forwarded, X-Original-URL) on Vestibule’s own routes never steer a redirect', async () => {
      const { browser, result } = await flow(HQ, { mac: DEVICES.aliceIphone.mac }, ALICE, FORGED, (url) => !url.pathname.startsWith('/dev-idp/'));
      assert.equal(result.status, 200);
      for (const e of browser.exchanges) {
        for (const target of navigationTargets(e)) assert.ok(allowedOrigins().has(new URL(target).origin), `${e.url} → ${target}`);
      }
    });

    it('forged X-Forwarded-Host on the embedded dev IdP never steers its redirect', async () => {
      const pushed = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac });
      const handle = new URL(pushed.body.portalUrl).pathname.split('/')[2]!;
      const browser = new RecordingBrowser(v.url, FORGED);
      await signInVia(browser, handle, ALICE);
      for (const e of browser.exchanges) {
        for (const target of navigationTargets(e)) assert.ok(allowedOrigins().has(new URL(target).origin), `${e.url} → ${target}`);
      }
    });

    it('across all flows: every navigation target is our origin or a configured returnUrl; never javascript:, data: or a look-alike', async () => {
      assert.ok(exchanges.length > 20, 'the flows above ran');
      const allowed = allowedOrigins();
      for (const e of exchanges) {
        for (const target of navigationTargets(e)) {
          const url = new URL(target);
          assert.ok(allowed.has(url.origin), `${e.url} → ${target}`);
          assert.ok(url.protocol === 'http:' || url.protocol === 'https:');
          assert.ok(!/[\r\n]/.test(target));
        }
        assert.ok(!/<script\b/i.test(e.body), `${e.url}: no script navigation possible (no <script> at all)`);
        assert.ok(!/window\.location|location\.href|location\.replace/.test(e.body), `${e.url}: script navigation`);
      }
    });

    it('the state token leaves the origin only inside the gateway’s returnUrl, and the portal handle never does', async () => {
      const tokens = [...secrets].filter(([k]) => k.endsWith(' token')).map(([, t]) => t);
      const handles = [...secrets].filter(([k]) => k.startsWith('handle ')).map(([, h]) => h);
      assert.ok(tokens.length >= 2 && handles.length >= 6);
      for (const e of exchanges) {
        for (const target of navigationTargets(e)) {
          const url = new URL(target);
          if (url.origin === v.url) {
            for (const token of tokens) assert.ok(!target.includes(token), `token in an on-origin URL ${target}`);
            continue;
          }
          for (const handle of handles) assert.ok(!target.includes(handle), `handle leaves the origin: ${target}`);
          const base = `${url.origin}${url.pathname}`;
          if (tokens.some((t) => target.includes(t)))
            assert.ok([new URL(HQ.returnUrl).origin + new URL(HQ.returnUrl).pathname, BRANCH.returnUrl].includes(base), target);
        }
        // In page bodies the token may appear only as part of the returnUrl (Continue link / meta refresh).
        for (const token of tokens) {
          const rest = e.body.replace(/(?:href="|url=)(https?:\/\/[^"]+)"/g, '');
          assert.ok(!rest.includes(token), `${e.url}: token in the page outside the return link`);
        }
      }
    });
  });

  describe('tokens', () => {
    it('pushed sessions get a token and a handle that differ, are 32 base64url characters (192 bits) and never repeat', async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 64; i += 1) {
        const pushed = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac });
        const token = pushed.body.token as string;
        const handle = new URL(pushed.body.portalUrl).pathname.split('/')[2]!;
        assert.match(token, SECRET_LOOKING);
        assert.match(handle, SECRET_LOOKING);
        assert.ok(Buffer.from(token, 'base64url').length * 8 >= 128);
        assert.notEqual(token, handle);
        assert.ok(!seen.has(token) && !seen.has(handle), 'no repeats, no token reused as a handle');
        seen.add(token).add(handle);
        if (i === 0) secrets.set('pushed token', token).set('pushed handle', handle);
      }
      // 64 × 2 secrets over 32 positions: every base64url character shows up somewhere (no low-entropy alphabet).
      assert.ok(new Set([...seen].join('')).size >= 60);
    });

    it('a session is TTL-bound: it expires no later than the configured pending TTL', async () => {
      const pushed = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac });
      const expiresIn = Date.parse(pushed.body.expiresAt) - Date.now();
      assert.ok(expiresIn > 0 && expiresIn <= v.config.pendingTtlMs + 1000, `${expiresIn} ms`);
    });

    it('the pushed-session response and the poll answer are the only places the token appears; the landing page never shows it', async () => {
      const pushed = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac });
      const landing = await fetch(pushed.body.portalUrl);
      assert.ok(!(await landing.text()).includes(pushed.body.token));
      const polled = await poll(v.url, HQ, pushed.body.token);
      assert.ok(!JSON.stringify(polled.body).includes(new URL(pushed.body.portalUrl).pathname.split('/')[2]!), 'the poll answer does not reveal the handle');
    });
  });

  describe('logs', () => {
    it('no token, handle, signature, nonce, OIDC code/state/nonce, cookie, session id, CSRF token, key, secret or password ever reaches the log', async () => {
      // A few failure paths too: refused intake, bad callback, unknown poll, IdP error.
      await fetch(`${v.url}${signedRedirect(HQ, { mac: DEVICES.aliceIphone.mac })}`.replace(/sig=[^&]+/, 'sig=' + 'A'.repeat(43)));
      const { browser, handle } = await flow(HQ, { mac: DEVICES.bobIphone.mac }, BOB);
      const callbackLike = `/auth/callback?code=${secrets.get(`oidc code ${handle}`)}&state=${secrets.get(`oidc state ${handle}`)}`;
      await browser.go(callbackLike, { follow: false });
      await browser.clone().go(`/auth/callback?code=x&state=${'s'.repeat(43)}`, { follow: false });
      for (const token of [secrets.get('hq token')!, secrets.get('pushed token')!]) {
        await poll(v.url, HQ, token, { wait: 1 });
        await poll(v.url, BRANCH, token);
      }
      await fetch(`${v.url}/api/v1/sessions/${secrets.get('hq token')}`, { headers: { authorization: `Bearer ${'w'.repeat(40)}` } });
      await fetch(`${v.url}/api/v1/inventory/devices/${DEVICES.aliceIphone.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${INVENTORY_KEY}x` } });

      for (const [what, value] of [
        ['hq api key', HQ.apiKey],
        ['branch api key', BRANCH.apiKey],
        ['hq secret', HQ.secret],
        ['branch secret', BRANCH.secret],
        ['inventory key', INVENTORY_KEY],
        ['session secret', v.config.sessionSecret],
        ['password', ALICE.password],
      ] as const) {
        secrets.set(what, value);
      }
      assert.ok(secrets.size > 30, `collected ${secrets.size} secrets`);
      assert.ok(v.logs.length > 50, 'the flows were logged at info');
      const log = v.logs.join('\n');
      for (const [what, value] of secrets) {
        assert.ok(value.length >= 8, `${what} is a real value`);
        assert.ok(!log.includes(value), `${what} appears in the log`);
        assert.ok(!log.includes(encodeURIComponent(value)), `${what} (URL-encoded) appears in the log`);
      }
      assert.ok(!/authorization|cookie/i.test(log.replace(/"msg":"[^"]*"/g, '')), 'no header dump in the log');
    });
  });
});

describe('security: expired sessions', () => {
  let v: ObservedVestibule;
  // The TTL runs out when the test moves the service's clock past it, not after a sleep.
  let offsetMs = 0;
  before(async () => {
    v = await startObservedVestibule({}, { now: () => Date.now() + offsetMs });
  });
  after(() => v.stop());

  it('after its TTL a session reads as expired/deny to its gateway, and its portal link and sign-in are dead', async () => {
    const pushed = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac });
    assert.equal((await poll(v.url, HQ, pushed.body.token)).body.status, 'pending', 'alive before its TTL');
    offsetMs += v.config.pendingTtlMs + 1000;
    const polled = await poll(v.url, HQ, pushed.body.token);
    assert.equal(polled.status, 200);
    assert.equal(polled.body.status, 'expired');
    assert.equal(polled.body.decision, 'deny');
    const page = await fetch(pushed.body.portalUrl, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 404);
    const signIn = await fetch(`${pushed.body.portalUrl}/sign-in`, { redirect: 'manual', headers: { accept: 'text/html' } });
    assert.equal(signIn.status, 404);
    assert.equal(signIn.headers.get('location'), null);
    const foreign = await poll(v.url, BRANCH, pushed.body.token);
    assert.equal(foreign.status, 404, 'expired is still invisible to another gateway');
  });
});
