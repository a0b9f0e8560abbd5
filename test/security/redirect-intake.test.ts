import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sign } from '../../src/gateway/dialects/native/verify-signature.js';
import { signedRedirect } from '../helpers/gateway-client.js';
import { DEVICES } from '../helpers/portal-flow.js';
import { looksLikeStack, rawRequest, startObservedVestibule, type ObservedVestibule } from '../helpers/security-harness.js';
import { TEST_GATEWAYS } from '../helpers/test-vestibule.js';

const HQ = TEST_GATEWAYS.hq;
const now = () => Math.floor(Date.now() / 1000);
const nonce = () => randomBytes(12).toString('base64url');

/** Signs exactly these pairs (ts and nonce included only if given), then appends `extra` unsigned pairs. */
function signedPath(
  gatewayId: string,
  secret: string | Buffer,
  pairs: Array<[string, string]>,
  options: { extra?: Array<[string, string]>; sig?: string } = {},
): string {
  const map = new Map(pairs);
  const sig = options.sig ?? sign(secret, gatewayId, map);
  const all: Array<[string, string]> = [...pairs, ...(options.extra ?? []), ['sig', sig]];
  return `/g/${gatewayId}?${new URLSearchParams(all).toString()}`;
}

const base = (): Array<[string, string]> => [
  ['mac', DEVICES.aliceIphone.mac],
  ['ts', String(now())],
  ['nonce', nonce()],
];

describe('security: redirect intake (GET /g/{gateway})', () => {
  let v: ObservedVestibule;
  before(async () => {
    v = await startObservedVestibule();
  });
  after(() => v.stop());

  /** GETs `path` and asserts: refused with one of `statuses`, an HTML page, no cookie, no stack, and nothing stored. */
  async function refused(path: string, statuses: number[] = [400, 403], init: RequestInit = {}) {
    const before = v.writes.total();
    const response = await fetch(new URL(path, v.url), { redirect: 'manual', headers: { accept: 'text/html' }, ...init });
    const body = await response.text();
    assert.ok(statuses.includes(response.status), `${path.slice(0, 120)} → ${response.status}, expected one of ${statuses.join(',')}`);
    assert.equal(response.headers.get('location'), null, 'a refused link redirects nowhere');
    assert.deepEqual(response.headers.getSetCookie(), [], 'a refused link sets no cookie');
    assert.equal(v.writes.total(), before, 'a refused link stores nothing');
    assert.ok(!looksLikeStack(body), 'no stack trace in the page');
    return { status: response.status, body, headers: response.headers };
  }

  async function accepted(path: string) {
    const before = v.writes.total();
    const response = await fetch(new URL(path, v.url), { redirect: 'manual' });
    await response.arrayBuffer();
    assert.equal(response.status, 303, `${path.slice(0, 120)} should be accepted`);
    assert.match(response.headers.get('location') ?? '', /^\/p\/[A-Za-z0-9_-]{32}$/);
    assert.ok(v.writes.total() > before);
    return response.headers.get('location')!;
  }

  it('accepts a correctly signed link with a 303 to /p/{handle} (control case)', async () => {
    await accepted(signedRedirect(HQ, { mac: DEVICES.aliceIphone.mac }));
  });

  it('refuses an unsigned link with 403 and stores nothing', async () => {
    const pairs = base();
    await refused(`/g/${HQ.id}?${new URLSearchParams(pairs).toString()}`, [403]);
  });

  for (const name of ['mac', 'ts', 'sig'] as const) {
    it(`refuses a link whose ${name} is missing, and stores nothing`, async () => {
      const pairs = base().filter(([n]) => n !== name);
      if (name === 'sig') await refused(`/g/${HQ.id}?${new URLSearchParams(pairs).toString()}`, [403]);
      else await refused(signedPath(HQ.id, HQ.secret, pairs));
    });
  }

  for (const name of ['mac', 'ts', 'nonce', 'sig'] as const) {
    it(`refuses a link whose ${name} is empty (even when the empty value is signed), and stores nothing`, async () => {
      const pairs = base().map(([n, val]): [string, string] => [n, n === name ? '' : val]);
      if (name === 'sig') await refused(signedPath(HQ.id, HQ.secret, pairs, { sig: '' }), [403]);
      else await refused(signedPath(HQ.id, HQ.secret, pairs));
    });
  }

  for (const name of ['mac', 'ip', 'device', 'sid', 'url', 'ts', 'nonce', 'sig']) {
    it(`refuses a link with ${name} given twice (400), and stores nothing`, async () => {
      const pairs = [...base(), ['ip', '10.1.2.3'], ['device', DEVICES.aliceIphone.id], ['sid', 's-1'], ['url', 'http://example.com/']] as Array<
        [string, string]
      >;
      const value = name === 'sig' ? 'A'.repeat(43) : (pairs.find(([n]) => n === name)?.[1] ?? 'x');
      // Both copies identical: still refused, nobody gets to guess which copy was signed.
      const signedOnce = signedPath(HQ.id, HQ.secret, pairs, { extra: [[name, value]] });
      const r = await refused(signedOnce, [400]);
      assert.ok(!r.body.includes('<script'));
    });
  }

  const huge: Record<string, string> = {
    mac: 'A'.repeat(33),
    ip: '1'.repeat(46),
    device: '0'.repeat(37),
    sid: 's'.repeat(257),
    url: `http://example.com/${'a'.repeat(2048)}`,
    nonce: 'n'.repeat(129),
    ts: '9'.repeat(13),
  };
  for (const [name, value] of Object.entries(huge)) {
    it(`refuses a validly signed link whose ${name} is over its length limit (400/403, never 5xx), storing nothing`, async () => {
      const pairs = base().filter(([n]) => n !== name);
      pairs.push([name, value]);
      await refused(signedPath(HQ.id, HQ.secret, pairs));
    });
  }

  it('refuses a signature of 4000 characters with 403 (never 5xx)', async () => {
    await refused(signedPath(HQ.id, HQ.secret, base(), { sig: 'A'.repeat(4000) }), [403, 414]);
  });

  it('refuses a link whose total query is over 4096 characters (414) and stores nothing', async () => {
    const pairs = base();
    pairs.push(['url', `http://example.com/${'a'.repeat(1900)}`], ['sid', 's'.repeat(250)], ['x', 'y'.repeat(2100)]);
    await refused(signedPath(HQ.id, HQ.secret, pairs), [400, 414]);
  });

  it('refuses a link with more than 16 parameters (400) even when all are signed', async () => {
    const pairs = base();
    for (let i = 0; i < 15; i += 1) pairs.push([`p${i}`, 'x']);
    await refused(signedPath(HQ.id, HQ.secret, pairs), [400]);
  });

  describe('tampering', () => {
    it('refuses a link whose mac was changed after signing (403)', async () => {
      const path = signedPath(HQ.id, HQ.secret, base());
      await refused(path.replace(encodeURIComponent(DEVICES.aliceIphone.mac), encodeURIComponent(DEVICES.bobIphone.mac)), [403]);
    });

    it('refuses a link with a parameter added after signing (403)', async () => {
      await refused(signedPath(HQ.id, HQ.secret, base(), { extra: [['device', DEVICES.bobIphone.id]] }), [403]);
    });

    it('refuses a link with a signed parameter removed (403)', async () => {
      const pairs = [...base(), ['sid', 'abc']] as Array<[string, string]>;
      const sig = sign(HQ.secret, HQ.id, new Map(pairs));
      await refused(
        signedPath(
          HQ.id,
          HQ.secret,
          pairs.filter(([n]) => n !== 'sid'),
          { sig },
        ),
        [403],
      );
    });

    it('refuses a link signed by the branch gateway but sent to the HQ gateway (403)', async () => {
      await refused(signedPath(HQ.id, TEST_GATEWAYS.branch.secret, base()), [403]);
    });

    it('refuses a link signed for branch-vpn and replayed at hq-wlc (the gateway id is part of what is signed)', async () => {
      const pairs = base();
      const sig = sign(HQ.secret, TEST_GATEWAYS.branch.id, new Map(pairs));
      await refused(signedPath(HQ.id, HQ.secret, pairs, { sig }), [403]);
    });

    const badSignatures: Record<string, (good: string) => string> = {
      'one character short': (good) => good.slice(0, 42),
      'one character long': (good) => `${good}A`,
      'padded with =': (good) => `${good}=`,
      'standard base64 alphabet (+ and /)': (good) => `${good.slice(0, 41)}+/`,
      'non-ASCII characters': () => 'é'.repeat(43),
      'NUL bytes': () => '\u0000'.repeat(43),
      'hex instead of base64url': () => 'ab'.repeat(32),
      'right length, wrong value': (good) => (good[0] === 'A' ? `B${good.slice(1)}` : `A${good.slice(1)}`),
      'lower-cased': (good) => good.toLowerCase(),
    };
    for (const [what, mutate] of Object.entries(badSignatures)) {
      it(`refuses a signature that is ${what} with 403 (never 5xx)`, async () => {
        const pairs = base();
        const good = sign(HQ.secret, HQ.id, new Map(pairs));
        const r = await refused(signedPath(HQ.id, HQ.secret, pairs, { sig: mutate(good) }), [403]);
        assert.match(r.headers.get('content-type') ?? '', /text\/html/);
      });
    }
  });

  describe('freshness and replay', () => {
    it('refuses a link signed 10 minutes ago (403) and stores nothing', async () => {
      await refused(signedRedirect(HQ, { mac: DEVICES.aliceIphone.mac }, { ts: now() - 600 }), [403]);
    });

    it('refuses a link signed 10 minutes in the future (403) and stores nothing', async () => {
      await refused(signedRedirect(HQ, { mac: DEVICES.aliceIphone.mac }, { ts: now() + 600 }), [403]);
    });

    for (const ts of ['-1', '+1795000000', '1.5e9', '0x6b000000', ' 1795000000', '1795000000.0', '0']) {
      it(`refuses a signed link with ts=${JSON.stringify(ts)} (403)`, async () => {
        const pairs = base().map(([n, val]): [string, string] => [n, n === 'ts' ? ts : val]);
        await refused(signedPath(HQ.id, HQ.secret, pairs), [403]);
      });
    }

    it('accepts a nonce once: the second use of the same signed link is 403 and creates no session', async () => {
      const path = signedRedirect(HQ, { mac: DEVICES.aliceIphone.mac });
      const first = await accepted(path);
      const second = await refused(path, [403]);
      assert.ok(!second.body.includes(first), 'the replay does not reveal the first handle');
    });

    it('a replayed nonce stays refused when other parameters are changed and re-signed with a different ts', async () => {
      const n = nonce();
      await accepted(
        signedPath(HQ.id, HQ.secret, [
          ['mac', DEVICES.aliceIphone.mac],
          ['ts', String(now())],
          ['nonce', n],
        ]),
      );
      await refused(
        signedPath(HQ.id, HQ.secret, [
          ['mac', DEVICES.aliceIphone.mac],
          ['ts', String(now() - 1)],
          ['nonce', n],
          ['sid', 'again'],
        ]),
        [403],
      );
    });

    it('the same nonce at two different gateways are two different nonces (no cross-gateway denial of service)', async () => {
      const n = nonce();
      await accepted(
        signedPath(HQ.id, HQ.secret, [
          ['mac', DEVICES.aliceIphone.mac],
          ['ts', String(now())],
          ['nonce', n],
        ]),
      );
      await accepted(
        signedPath(TEST_GATEWAYS.branch.id, TEST_GATEWAYS.branch.secret, [
          ['mac', DEVICES.aliceIphone.mac],
          ['ts', String(now())],
          ['nonce', n],
        ]),
      );
    });

    it('a link with a bad signature does not burn its nonce (the genuine link still works afterwards)', async () => {
      const pairs = base();
      await refused(signedPath(HQ.id, HQ.secret, pairs, { sig: 'A'.repeat(43) }), [403]);
      await accepted(signedPath(HQ.id, HQ.secret, pairs));
    });
  });

  describe('unknown gateway and bad signature look identical', () => {
    const variants: Record<string, () => string> = {
      'unknown gateway, signed with a real secret': () => signedPath('nope-gw', HQ.secret, base()),
      'unknown gateway, signed with the all-zero fallback secret': () => signedPath('nope-gw', Buffer.alloc(32), base()),
      'gateway id in upper case': () => signedPath('HQ-WLC', HQ.secret, base()),
      'gateway id __proto__': () => signedPath('__proto__', HQ.secret, base()),
      'gateway id constructor': () => signedPath('constructor', HQ.secret, base()),
      'gateway id of 65 characters': () => signedPath('a'.repeat(65), HQ.secret, base()),
      'known gateway, bad signature': () => signedPath(HQ.id, HQ.secret, base(), { sig: 'A'.repeat(43) }),
      'known gateway, no signature': () => `/g/${HQ.id}?${new URLSearchParams(base()).toString()}`,
    };
    it('every variant answers byte-identically (status, content type, body) and stores nothing', async () => {
      const answers = new Map<string, string>();
      for (const [what, path] of Object.entries(variants)) {
        const r = await refused(path(), [403]);
        answers.set(what, JSON.stringify({ status: r.status, type: r.headers.get('content-type'), length: r.headers.get('content-length'), body: r.body }));
      }
      const distinct = new Set(answers.values());
      assert.equal(distinct.size, 1, `answers differ: ${[...answers].map(([k, a]) => `${k}: ${a.slice(0, 80)}`).join('\n')}`);
    });

    it('with Accept: application/json the unknown gateway and the bad signature give the same problem document', async () => {
      const a = await fetch(new URL(variants['unknown gateway, signed with a real secret']!(), v.url), { headers: { accept: 'application/json' } });
      const b = await fetch(new URL(variants['known gateway, bad signature']!(), v.url), { headers: { accept: 'application/json' } });
      assert.equal(a.status, b.status);
      assert.equal(await a.text(), await b.text());
    });
  });

  describe('hostile characters in every parameter', () => {
    const names = ['mac', 'ip', 'device', 'sid', 'url', 'ts', 'nonce'];

    for (const name of names) {
      it(`CRLF in ${name} (validly signed) is refused with 400, injects no header and stores nothing`, async () => {
        const pairs = base().filter(([n]) => n !== name);
        pairs.push([name, 'x\r\nSet-Cookie: injected=1\r\nX-Injected: 1']);
        const r = await refused(signedPath(HQ.id, HQ.secret, pairs), [400, 403]);
        assert.equal(r.headers.get('x-injected'), null);
        assert.ok(!r.headers.getSetCookie().some((c) => c.includes('injected')));
      });
    }

    it('CRLF in a parameter name is refused (400) and injects no header', async () => {
      const pairs = base();
      pairs.push(['x\r\nX-Injected: 1', 'y']);
      const r = await refused(signedPath(HQ.id, HQ.secret, pairs), [400]);
      assert.equal(r.headers.get('x-injected'), null);
    });

    for (const name of ['mac', 'ip', 'device', 'ts', 'nonce']) {
      it(`<script> in ${name} (validly signed) is refused and never reflected`, async () => {
        const pairs = base().filter(([n]) => n !== name);
        pairs.push([name, '<script>alert(1)</script>']);
        const r = await refused(signedPath(HQ.id, HQ.secret, pairs));
        assert.ok(!r.body.includes('<script>alert(1)'));
        assert.ok(!r.body.includes('alert(1)'));
      });
    }

    for (const name of ['sid', 'url']) {
      it(`<script> in ${name} (validly signed, opaque text) is accepted but never reflected unescaped on the landing page`, async () => {
        const pairs = base();
        pairs.push([name, '"><script>alert(1)</script><img src=x onerror=alert(2)>']);
        const location = await accepted(signedPath(HQ.id, HQ.secret, pairs));
        const page = await fetch(new URL(location, v.url));
        const body = await page.text();
        assert.equal(page.status, 200);
        assert.ok(!body.includes('<script>alert(1)'));
        assert.ok(!body.includes('onerror=alert(2)>'));
      });
    }

    it('a doubled parameter whose name is markup is refused without reflecting the name', async () => {
      const pairs = base();
      const evil = '<script>alert(1)</script>';
      const r = await refused(
        signedPath(HQ.id, HQ.secret, pairs, {
          extra: [
            [evil, '1'],
            [evil, '2'],
          ],
        }),
        [400, 403],
      );
      assert.ok(!r.body.includes(evil));
    });

    for (const key of ['__proto__', 'constructor', '__proto__[polluted]', 'constructor[prototype][polluted]', 'prototype', 'hasOwnProperty', 'toString']) {
      it(`a signed parameter named ${key} neither crashes the intake nor pollutes Object.prototype`, async () => {
        const pairs = base();
        pairs.push([key, 'polluted']);
        const response = await fetch(new URL(signedPath(HQ.id, HQ.secret, pairs), v.url), { redirect: 'manual' });
        await response.arrayBuffer();
        assert.ok(response.status < 500, `status ${response.status}`);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
        assert.equal(typeof ({} as Record<string, unknown>).toString, 'function');
      });
    }

    it('an unsigned __proto__/constructor parameter on an unknown gateway is a plain 403', async () => {
      await refused('/g/nope?__proto__[x]=1&constructor[prototype][x]=1&sig=' + 'A'.repeat(43), [403]);
      assert.equal(({} as Record<string, unknown>).x, undefined);
    });

    it('malformed percent-encoding in the gateway id or query never gives a 5xx', async () => {
      for (const path of ['/g/%E0%A4%A', '/g/%ZZ', `/g/${HQ.id}?mac=%ZZ&ts=1&sig=x`, `/g/${HQ.id}?%ZZ=1`, '/g/%00', `/g/${HQ.id}?mac=%00`]) {
        const response = await fetch(new URL(path, v.url), { redirect: 'manual', headers: { accept: 'text/html' } });
        const body = await response.text();
        assert.ok(response.status >= 400 && response.status < 500, `${path} → ${response.status}`);
        assert.ok(!looksLikeStack(body));
      }
    });
  });

  describe('odd clients', () => {
    it('a signed link with no User-Agent header works (303) and its landing page renders', async () => {
      const r = await rawRequest(v.url, { path: signedRedirect(HQ, { mac: DEVICES.aliceIphone.mac }), headers: {} });
      assert.equal(r.status, 303);
      const landing = await rawRequest(v.url, { path: String(r.headers.location), headers: {} });
      assert.equal(landing.status, 200);
    });

    it('a link whose url is javascript:/look-alike/protocol-relative is accepted but the only redirect is /p/{handle}', async () => {
      for (const url of [
        'javascript:alert(1)',
        'https://evil.example/',
        '//evil.example/',
        `${v.url}.evil.example/`,
        '/\\evil.example',
        'http://127.0.0.1@evil.example/',
      ]) {
        const location = await accepted(signedRedirect(HQ, { mac: DEVICES.aliceIphone.mac, url }));
        assert.match(location, /^\/p\/[A-Za-z0-9_-]{32}$/);
        const landing = await fetch(new URL(location, v.url));
        const body = await landing.text();
        assert.ok(!body.includes('evil.example'), 'the url is not used as a link or refresh target');
        assert.ok(!body.includes('javascript:'));
      }
    });

    it('POST on /g/{gateway} never creates a session', async () => {
      const path = signedRedirect(HQ, { mac: DEVICES.aliceIphone.mac });
      const before = v.writes.total();
      const post = await fetch(new URL(path, v.url), { method: 'POST', redirect: 'manual' });
      await post.arrayBuffer();
      assert.ok(post.status >= 400 && post.status < 500);
      assert.equal(v.writes.total(), before);
    });

    it('after every hostile request above, a genuine signed link still works', async () => {
      await accepted(signedRedirect(HQ, { mac: DEVICES.aliceIphone.mac, ip: '10.1.2.3', sid: 'ok' }));
    });
  });
});
