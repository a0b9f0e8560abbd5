import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { pushSession, signedRedirect } from '../helpers/gateway-client.js';
import { ALICE, BOB, DEVICES } from '../helpers/portal-flow.js';
import { RecordingBrowser, signInVia } from '../helpers/recording-browser.js';
import {
  INVENTORY_KEY,
  isProblem,
  looksLikeStack,
  rawRequest,
  startObservedVestibule,
  writeJsonFile,
  type ObservedVestibule,
} from '../helpers/security-harness.js';
import { TEST_GATEWAYS } from '../helpers/test-vestibule.js';

const HQ = TEST_GATEWAYS.hq;
const XSS_NAME = '<img src=x onerror=alert(1)>';
const XSS_POLICY = '"><svg onload=alert(2)>';
const XSS_UPN = '<script>alert(3)</script>@example.com';
const DEVICE_BAD = { id: '11111111-2222-4333-8444-555555555555', mac: 'AC:DE:48:00:11:22' };
const DEVICE_OK = { id: '11111111-2222-4333-8444-666666666666', mac: 'AC:DE:48:00:11:23' };
const BOB_XSS = { id: '11111111-2222-4333-8444-777777777777', mac: 'AC:DE:48:00:11:24' };

/** The demo policy with a hostile iOS display name (policy names from Graph are untrusted too). */
function hostilePolicyFile(): string {
  const policy = JSON.parse(readFileSync('config/demo/policy.json', 'utf8'));
  for (const p of policy.policies) if (p.platform === 'iOS') p.displayName = XSS_POLICY;
  return writeJsonFile('policy.json', policy);
}

function device(overrides: Record<string, unknown>) {
  return {
    userId: ALICE.oid,
    userPrincipalName: XSS_UPN,
    deviceName: XSS_NAME,
    operatingSystem: 'iOS',
    osVersion: '17.4.1',
    model: '<b>model</b>',
    manufacturer: '<i>maker</i>',
    managedDeviceOwnerType: 'company',
    lastSyncDateTime: new Date(Date.now() - 3600_000).toISOString(),
    facts: { passcodeSet: true, encrypted: true, jailBroken: false },
    ...overrides,
  };
}

function assertNoRawMarkup(body: string, what: string) {
  for (const raw of [XSS_NAME, XSS_POLICY, XSS_UPN, '<b>model</b>', '<i>maker</i>', '<svg', '<img', '<script>']) {
    assert.ok(!body.includes(raw), `${what}: ${raw} appears unescaped`);
  }
  assert.ok(!/<[^>]*\son[a-z]+\s*=/i.test(body), `${what}: an event-handler attribute inside a tag`);
}

describe('security: output encoding, headers, error bodies, input bounds', () => {
  let v: ObservedVestibule;
  before(async () => {
    v = await startObservedVestibule({ LOCAL_POLICY_FILE: hostilePolicyFile() });
    for (const [d, extra] of [
      [DEVICE_BAD, { osVersion: '15.0', facts: { passcodeSet: false, encrypted: true, jailBroken: false } }],
      [DEVICE_OK, {}],
      [BOB_XSS, { userId: BOB.oid }],
    ] as const) {
      const r = await fetch(`${v.url}/api/v1/inventory/devices/${d.id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${INVENTORY_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(device({ wiFiMacAddress: d.mac, ...extra })),
      });
      assert.equal(r.status, 201, await r.text());
    }
  });
  after(() => v.stop());

  async function signedInPage(mac: string, user = ALICE) {
    const browser = new RecordingBrowser(v.url);
    const landing = await browser.go(signedRedirect(HQ, { mac }));
    const handle = /\/p\/([A-Za-z0-9_-]{32})$/.exec(landing.hops[1]!)![1]!;
    const page = await signInVia(browser, handle, user);
    return { browser, page, handle };
  }

  describe('untrusted text from the inventory/policy is escaped', () => {
    it('a noncompliant device named <img onerror> is escaped on the blocked page (who box and reasons), policy names too', async () => {
      const { page } = await signedInPage(DEVICE_BAD.mac);
      assert.equal(page.status, 200);
      assert.match(page.body, /can’t join the network/);
      assertNoRawMarkup(page.body, 'blocked page');
      assert.ok(page.body.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the name is shown, escaped');
    });

    it('a compliant device named <img onerror> is escaped on the allowed page', async () => {
      const { page } = await signedInPage(DEVICE_OK.mac);
      assert.equal(page.status, 200);
      assert.match(page.body, /You’re approved/);
      assertNoRawMarkup(page.body, 'allowed page');
      assert.ok(page.body.includes('&lt;img src=x onerror=alert(1)&gt;'));
    });

    it("someone else's device: its (hostile) name is neither shown raw nor shown at all", async () => {
      const { page } = await signedInPage(BOB_XSS.mac, ALICE);
      assert.equal(page.status, 200);
      assert.match(page.body, /belongs to someone else/);
      assertNoRawMarkup(page.body, 'not-yours page');
      assert.ok(!page.body.includes('onerror'), "another person's device name is not disclosed, not even escaped");
    });

    it('the checking/blocked pages for every reason page never carry an inline script or event handler', async () => {
      for (const mac of [DEVICE_BAD.mac, DEVICES.aliceLaptop.mac, DEVICES.alicePixel.mac, DEVICES.aliceIpad.mac, '00:1B:63:84:45:E6', '7A:4C:11:22:33:44']) {
        const { browser } = await signedInPage(mac);
        for (const e of browser.exchanges) {
          assert.ok(!/<script\b/i.test(e.body), `${e.url}: <script>`);
          assert.ok(!/<[^>]*\son[a-z]+\s*=/i.test(e.body), `${e.url}: inline event handler`);
          assert.ok(!/javascript:/i.test(e.body), `${e.url}: javascript: URL`);
        }
      }
    });

    it('the inventory API echoes hostile text only as JSON (never HTML) and refuses without its key', async () => {
      const r = await fetch(`${v.url}/api/v1/inventory/devices/${DEVICE_OK.id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${INVENTORY_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(device({ wiFiMacAddress: DEVICE_OK.mac })),
      });
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      const noKey = await fetch(`${v.url}/api/v1/inventory/devices/${DEVICE_OK.id}`, { method: 'DELETE' });
      assert.equal(noKey.status, 401);
      const wrongKey = await fetch(`${v.url}/api/v1/inventory/devices/${DEVICE_OK.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${HQ.apiKey}` },
      });
      assert.equal(wrongKey.status, 401, 'a gateway key is not the inventory key');
    });
  });

  describe('security headers on every kind of response', () => {
    async function samples() {
      const pushed = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac });
      const { page } = await signedInPage(DEVICES.aliceIphone.mac);
      const browser = new RecordingBrowser(v.url);
      const loginForm = await browser.go(`${new URL(pushed.body.portalUrl).pathname}/sign-in`);
      const get = (path: string, accept = 'text/html') => fetch(`${v.url}${path}`, { redirect: 'manual', headers: { accept } });
      return {
        'landing page': await get(new URL(pushed.body.portalUrl).pathname),
        'allowed page': { headers: page.headers, status: page.status },
        'dev IdP login form': { headers: loginForm.headers, status: loginForm.status },
        'refused intake (403 page)': await get(`/g/${HQ.id}?mac=x&sig=y`),
        '404 page': await get('/nothing-here'),
        'expired portal link': await get(`/p/${'A'.repeat(32)}`),
        'API 200': await fetch(`${v.url}/api/v1/sessions/${pushed.body.token}`, { headers: { authorization: `Bearer ${HQ.apiKey}` } }),
        'API 401': await get('/api/v1/sessions/x', 'application/json'),
        healthz: await get('/healthz'),
        discovery: await get('/.well-known/vestibule', 'application/json'),
        static: await get('/static/portal.css'),
        // Refused before routing: these must carry the headers too (they used to leave without them).
        'URL over 4,096 characters (414)': await get(`/p/${'A'.repeat(5000)}`),
        'API URL over 4,096 characters (414)': await get(`/api/v1/sessions/${'A'.repeat(5000)}`, 'application/json'),
        'more than 32 query parameters (400)': await get(`/g/${HQ.id}?${Array.from({ length: 40 }, (_, i) => `p${i}=1`).join('&')}`),
      } as Record<string, { headers: Headers; status: number }>;
    }

    it('CSP: no unsafe-inline/unsafe-eval, script only by nonce, frame-ancestors none; nosniff; Referrer-Policy no-referrer; X-Frame-Options DENY; no X-Powered-By', async () => {
      const all = await samples();
      assert.equal(all['URL over 4,096 characters (414)']!.status, 414);
      assert.equal(all['more than 32 query parameters (400)']!.status, 400);
      for (const [what, r] of Object.entries(all)) {
        const csp = r.headers.get('content-security-policy') ?? '';
        assert.ok(csp, `${what}: CSP present`);
        assert.ok(!csp.includes("'unsafe-inline'"), `${what}: ${csp}`);
        assert.ok(!csp.includes("'unsafe-eval'"), `${what}: ${csp}`);
        assert.match(csp, /frame-ancestors 'none'/, what);
        assert.match(csp, /default-src 'none'/, what);
        const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1]?.trim() ?? '';
        assert.match(scriptSrc, /^'nonce-[A-Za-z0-9+/=]{22,}'$/, `${what}: script-src is a nonce only (${scriptSrc})`);
        assert.ok(!/\*|https?:|data:/.test(scriptSrc));
        assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
        assert.equal(r.headers.get('referrer-policy'), 'no-referrer', what);
        assert.equal(r.headers.get('x-powered-by'), null, what);
        assert.equal(r.headers.get('x-frame-options'), 'DENY', what);
      }
    });

    it('the CSP nonce is fresh on every response', async () => {
      const nonces = new Set<string>();
      for (let i = 0; i < 5; i += 1) {
        const r = await fetch(`${v.url}/healthz`);
        nonces.add(/'nonce-([^']+)'/.exec(r.headers.get('content-security-policy') ?? '')?.[1] ?? '');
      }
      assert.equal(nonces.size, 5);
    });

    it('portal pages are no-store and carry <meta name="referrer" content="no-referrer">', async () => {
      const pushed = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac });
      const r = await fetch(pushed.body.portalUrl);
      const body = await r.text();
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.match(body, /<meta name="referrer" content="no-referrer">/);
    });
  });

  describe('error bodies never carry stack traces, paths or secrets', () => {
    const probes: Array<[string, string, RequestInit?]> = [
      ['bad percent-encoding in /p/', '/p/%E0%A4%A'],
      ['bad percent-encoding in the token', '/api/v1/sessions/%ZZ'],
      ['bad percent-encoding in /static/', '/static/%ZZ'],
      ['static traversal', '/static/..%2f..%2fpackage.json'],
      ['static traversal (double-encoded)', '/static/%252e%252e/%252e%252e/package.json'],
      ['static NUL', '/static/portal.css%00.js'],
      ['unknown dev IdP interaction', '/dev-idp/interaction/does-not-exist'],
      [
        'POST to an unknown dev IdP interaction',
        '/dev-idp/interaction/does-not-exist',
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=a&password=b' },
      ],
      [
        'dev IdP authorize with a foreign redirect_uri',
        '/dev-idp/auth?client_id=vestibule-dev&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&code_challenge=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx&code_challenge_method=S256',
      ],
      ['callback with garbage', '/auth/callback?code=%3Cx%3E&state=%3Cy%3E&iss=javascript:alert(1)'],
      [
        'check on an unknown handle',
        `/p/${'A'.repeat(32)}/check`,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'csrf=x' },
      ],
      [
        'check with a 100 KB form',
        `/p/${'A'.repeat(32)}/check`,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf=${'x'.repeat(100_000)}` },
      ],
      [
        'inventory PUT with a bad id',
        '/api/v1/inventory/devices/..%2f..%2fetc',
        { method: 'PUT', headers: { authorization: `Bearer ${INVENTORY_KEY}`, 'content-type': 'application/json' }, body: '{}' },
      ],
      [
        'inventory PUT with __proto__',
        `/api/v1/inventory/devices/${DEVICE_OK.id}`,
        {
          method: 'PUT',
          headers: { authorization: `Bearer ${INVENTORY_KEY}`, 'content-type': 'application/json' },
          body: '{"__proto__":{"polluted":1},"operatingSystem":"iOS","osVersion":"1","lastSyncDateTime":null}',
        },
      ],
      [
        'inventory PUT with a huge body',
        `/api/v1/inventory/devices/${DEVICE_OK.id}`,
        {
          method: 'PUT',
          headers: { authorization: `Bearer ${INVENTORY_KEY}`, 'content-type': 'application/json' },
          body: `{"deviceName":"${'x'.repeat(20_000)}"}`,
        },
      ],
      ['compliance API bad version', '/api/compliance/..%2f/devices'],
      ['compliance API without key', '/api/compliance/2.0/devices?macAddress=%3Cscript%3E'],
      ['PROPFIND', '/p/x', { method: 'PROPFIND' }],
      ['DELETE on a portal page', `/p/${'A'.repeat(32)}`, { method: 'DELETE' }],
    ];
    for (const [what, path, init] of probes) {
      it(`${what}: a 4xx without stack, filesystem path or secret`, async () => {
        const response = await fetch(`${v.url}${path}`, {
          redirect: 'manual',
          ...init,
          headers: { accept: 'text/html', ...(init?.headers as Record<string, string> | undefined) },
        });
        const body = await response.text();
        assert.ok(response.status >= 400 && response.status < 500, `${what} → ${response.status}: ${body.slice(0, 200)}`);
        assert.ok(!looksLikeStack(body), `${what}: stack-like body: ${body.slice(0, 300)}`);
        assert.ok(!body.includes(process.cwd()), `${what}: filesystem path leaked`);
        for (const secret of [HQ.secret, HQ.apiKey, INVENTORY_KEY]) assert.ok(!body.includes(secret));
        assert.ok(!body.includes('<script'), `${what}: script in body`);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
        const location = response.headers.get('location');
        if (location) assert.equal(new URL(location, v.url).origin, v.url, `${what}: redirect off-origin to ${location}`);
      });
    }
  });

  describe('input bounds', () => {
    it('a URL over 4096 characters is 414 (page and API alike)', async () => {
      const r1 = await fetch(`${v.url}/p/${'A'.repeat(32)}?x=${'a'.repeat(4100)}`, { headers: { accept: 'text/html' } });
      assert.equal(r1.status, 414);
      const r2 = await fetch(`${v.url}/api/v1/sessions/${'A'.repeat(4100)}`, { headers: { authorization: `Bearer ${HQ.apiKey}` } });
      assert.equal(r2.status, 414);
      assert.ok(isProblem(await r2.json(), 414));
    });

    it('more than 32 query parameters is 400 (before any store access)', async () => {
      const before = v.writes.total();
      const query = Array.from({ length: 40 }, (_, i) => `p${i}=1`).join('&');
      const r = await fetch(`${v.url}/api/v1/sessions/${'A'.repeat(32)}?${query}`, { headers: { authorization: `Bearer ${HQ.apiKey}` } });
      assert.equal(r.status, 400);
      assert.ok(isProblem(await r.json(), 400));
      const page = await fetch(`${v.url}${signedRedirect(HQ, { mac: DEVICES.aliceIphone.mac })}&${query}`, { headers: { accept: 'text/html' } });
      assert.equal(page.status, 400);
      assert.equal(v.writes.total(), before);
    });

    it('TRACE is refused (no echo of request headers such as cookies)', async () => {
      const r = await rawRequest(v.url, { method: 'TRACE', path: '/', headers: { cookie: 'vestibule.sid=secret-cookie-value' } });
      assert.ok(r.status >= 400 && r.status < 500, `→ ${r.status}`);
      assert.ok(!r.body.includes('secret-cookie-value'));
    });

    it('request headers over 16 KB are 431', async () => {
      const r = await rawRequest(v.url, { path: '/healthz', headers: { 'x-big': 'a'.repeat(17 * 1024) } });
      assert.equal(r.status, 431);
    });

    it('many headers adding up to over 16 KB are 431', async () => {
      const headers: Record<string, string> = {};
      for (let i = 0; i < 200; i += 1) headers[`x-h${i}`] = 'b'.repeat(100);
      const r = await rawRequest(v.url, { path: '/healthz', headers });
      assert.equal(r.status, 431);
    });

    it('a 15 KB cookie is still served (under the limit), a 17 KB cookie is 431, never 5xx', async () => {
      const ok = await rawRequest(v.url, { path: '/healthz', headers: { cookie: `a=${'c'.repeat(15 * 1024)}` } });
      assert.equal(ok.status, 200);
      const big = await rawRequest(v.url, { path: '/healthz', headers: { cookie: `a=${'c'.repeat(17 * 1024)}` } });
      assert.equal(big.status, 431);
    });

    it('a garbage session cookie is ignored (landing page), not a 5xx', async () => {
      const pushed = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac });
      for (const cookie of ['vestibule.sid=garbage', 'vestibule.sid=s%3Aforged.signature', `vestibule.sid=${'%'.repeat(100)}`, 'vestibule.sid=s:__proto__.x']) {
        const r = await fetch(pushed.body.portalUrl, { headers: { cookie, accept: 'text/html' } });
        assert.equal(r.status, 200, cookie);
        assert.match(await r.text(), /sign-in/);
      }
    });

    it('a dev IdP login form with oversized fields never 5xx and never reflects markup', async () => {
      const pushed = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac });
      const browser = new RecordingBrowser(v.url);
      const form = await browser.go(`${new URL(pushed.body.portalUrl).pathname}/sign-in`);
      const r = await browser.submit(
        form,
        { username: `"><script>alert(1)</script>${'u'.repeat(5000)}`, password: 'p'.repeat(5000) },
        /\/dev-idp\/interaction\//,
      );
      assert.ok(r.status < 500, `→ ${r.status}`);
      assert.ok(!r.body.includes('<script>alert(1)'));
    });
  });
});
