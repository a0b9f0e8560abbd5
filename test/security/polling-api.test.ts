import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { pushSession } from '../helpers/gateway-client.js';
import { DEVICES } from '../helpers/portal-flow.js';
import { isProblem, looksLikeStack, rawRequest, startObservedVestibule, writeGatewaysFile, type ObservedVestibule } from '../helpers/security-harness.js';
import { TEST_GATEWAYS } from '../helpers/test-vestibule.js';

const HQ = TEST_GATEWAYS.hq;
const BRANCH = TEST_GATEWAYS.branch;
/** A third gateway whose key may call the compliance API but not the sessions API. */
const COMPLIANCE_ONLY = { id: 'nac-partner', secret: 'nac-partner-signing-secret-4f3e2d1c0b9a88776655', apiKey: 'nac-partner-api-key-Hy62Tr51Kp40Mn39Bv28' };

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('security: polling and pushed sessions API', () => {
  let v: ObservedVestibule;
  let hqToken: string;
  const pollUrl = (token: string, query = '') => `${v.url}/api/v1/sessions/${token}${query}`;
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  before(async () => {
    v = await startObservedVestibule({
      GATEWAYS_FILE: writeGatewaysFile([
        {
          id: COMPLIANCE_ONLY.id,
          name: 'partner',
          dialect: 'native',
          secrets: [COMPLIANCE_ONLY.secret],
          apiKeys: [COMPLIANCE_ONLY.apiKey],
          scopes: ['compliance'],
        },
      ]),
    });
    const pushed = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac, sid: 'hq-1' });
    assert.equal(pushed.status, 201);
    hqToken = pushed.body.token;
  });
  after(() => v.stop());

  /** The answer to an unknown token from a gateway holding a valid key: the reference 404. */
  async function unknownTokenAnswer(): Promise<Answer> {
    return call(pollUrl(randomBytes(24).toString('base64url')), { headers: bearer(HQ.apiKey) });
  }

  function assertSame404(reference: Answer, actual: Answer, what: string) {
    assert.equal(actual.status, 404, `${what}: status`);
    assert.equal(actual.text, reference.text, `${what}: body differs from an unknown token's`);
    assert.equal(actual.headers.get('content-type'), reference.headers.get('content-type'), `${what}: content type`);
    assert.equal(actual.headers.get('etag'), null, `${what}: no ETag`);
  }

  describe('no existence oracle', () => {
    it('the owner gets 200 for its own token (control case)', async () => {
      const own = await call(pollUrl(hqToken), { headers: bearer(HQ.apiKey) });
      assert.equal(own.status, 200);
    });

    it('an unknown token answers a 404 problem document', async () => {
      const ref = await unknownTokenAnswer();
      assert.equal(ref.status, 404);
      assert.match(ref.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.ok(isProblem(JSON.parse(ref.text), 404));
    });

    it("another gateway's token answers exactly like an unknown token (status, type, body)", async () => {
      assertSame404(await unknownTokenAnswer(), await call(pollUrl(hqToken), { headers: bearer(BRANCH.apiKey) }), 'branch polling hq token');
    });

    it("another gateway's token with ?wait=30 answers at once, like an unknown token (no long-poll on a foreign session)", async () => {
      // The longest wait there is: being held for it is told apart from a prompt answer by a margin no busy machine closes.
      const started = performance.now();
      const answer = await call(pollUrl(hqToken, '?wait=30'), { headers: bearer(BRANCH.apiKey) });
      assert.ok(performance.now() - started < 15_000, 'not held for the 30 s wait');
      assertSame404(await unknownTokenAnswer(), answer, 'foreign token with wait');
    });

    it("another gateway's token with If-None-Match of its version is still the 404, not a 304", async () => {
      assertSame404(
        await unknownTokenAnswer(),
        await call(pollUrl(hqToken), { headers: { ...bearer(BRANCH.apiKey), 'if-none-match': '"1"' } }),
        'foreign token with If-None-Match',
      );
    });

    it('a wrong key answers exactly like an unknown token (no key oracle)', async () => {
      const ref = await unknownTokenAnswer();
      assertSame404(ref, await call(pollUrl(hqToken), { headers: bearer('w'.repeat(40)) }), 'wrong key, real token');
      assertSame404(ref, await call(pollUrl(randomBytes(24).toString('base64url')), { headers: bearer('w'.repeat(40)) }), 'wrong key, unknown token');
    });

    it('a key without the sessions scope answers exactly like an unknown token', async () => {
      assertSame404(await unknownTokenAnswer(), await call(pollUrl(hqToken), { headers: bearer(COMPLIANCE_ONLY.apiKey) }), 'compliance-only key');
    });

    it('a wrong key and a scope-less key give the same answer for a real and for an unknown token (the token is never looked at)', async () => {
      for (const key of ['w'.repeat(40), COMPLIANCE_ONLY.apiKey]) {
        const real = await call(pollUrl(hqToken), { headers: bearer(key) });
        const unknown = await call(pollUrl(randomBytes(24).toString('base64url')), { headers: bearer(key) });
        assert.equal(real.status, 404);
        assert.equal(real.text, unknown.text);
      }
    });

    it('no key at all is a 401 (or 404) problem document with WWW-Authenticate, for a real and an unknown token alike', async () => {
      const real = await call(pollUrl(hqToken));
      const unknown = await call(pollUrl(randomBytes(24).toString('base64url')));
      for (const answer of [real, unknown]) {
        assert.ok([401, 404].includes(answer.status));
        assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
        assert.ok(isProblem(JSON.parse(answer.text), answer.status));
        assert.equal(answer.headers.get('cache-control'), 'no-store');
      }
      assert.equal(real.text, unknown.text);
      assert.equal(real.status, unknown.status);
    });

    it('malformed Authorization headers never reach the token and never 5xx', async () => {
      const headers = [
        'Basic aHE6a2V5',
        'Bearer',
        'Bearer ',
        `bearer ${HQ.apiKey}`,
        `Bearer  ${HQ.apiKey}`,
        `Bearer ${HQ.apiKey} extra`,
        `Bearer ${'k'.repeat(600)}`,
        'Bearer <script>',
        `Token ${HQ.apiKey}`,
      ];
      const real: string[] = [];
      for (const authorization of headers) {
        const answer = await call(pollUrl(hqToken), { headers: { authorization } });
        assert.ok([401, 404].includes(answer.status), `${authorization.slice(0, 30)} → ${answer.status}`);
        assert.ok(!answer.text.includes(hqToken));
        real.push(answer.text);
      }
    });

    it('200 random tokens (various shapes) with a valid key all get the identical 404', async () => {
      const ref = await unknownTokenAnswer();
      const tokens = Array.from({ length: 200 }, (_, i) => {
        if (i % 4 === 0) return randomBytes(24).toString('base64url');
        if (i % 4 === 1) return `${hqToken.slice(0, 31)}${hqToken.endsWith('A') ? 'B' : 'A'}`; // one character off a real token
        if (i % 4 === 2) return randomBytes(8 + (i % 40)).toString('hex');
        return encodeURIComponent(
          ['__proto__', 'constructor', hqToken.toUpperCase(), `${hqToken}=`, `${hqToken} `, '*', 'session:x', 'handle:x', `${hqToken}/`][i % 9]!,
        );
      });
      const answers = await Promise.all(tokens.map((t) => call(pollUrl(t), { headers: bearer(HQ.apiKey) })));
      answers.forEach((answer, i) => {
        if (tokens[i] === hqToken) return;
        assertSame404(ref, answer, `token #${i}`);
      });
    });

    it('a pushed session is readable by the pushing gateway only', async () => {
      const pushed = await pushSession(v.url, BRANCH, { mac: DEVICES.bobIphone.mac });
      assert.equal(pushed.status, 201);
      assert.equal((await call(pollUrl(pushed.body.token), { headers: bearer(BRANCH.apiKey) })).status, 200);
      assertSame404(await unknownTokenAnswer(), await call(pollUrl(pushed.body.token), { headers: bearer(HQ.apiKey) }), 'hq polling branch token');
    });

    it('the portal handle is not a polling token', async () => {
      const pushed = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac });
      const handle = new URL(pushed.body.portalUrl).pathname.split('/')[2]!;
      assertSame404(await unknownTokenAnswer(), await call(pollUrl(handle), { headers: bearer(HQ.apiKey) }), 'handle as token');
    });
  });

  describe('wait parameter', () => {
    for (const wait of ['-1', '31', 'abc', '1.5', '', '1e1', '0x1', '100', ' 1', '999999999999999999999']) {
      it(`wait=${JSON.stringify(wait)} is a 400 problem document`, async () => {
        const answer = await call(pollUrl(hqToken, `?wait=${encodeURIComponent(wait)}`), { headers: bearer(HQ.apiKey) });
        assert.equal(answer.status, 400);
        assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
        assert.ok(isProblem(JSON.parse(answer.text), 400));
        assert.equal(answer.headers.get('cache-control'), 'no-store');
      });
    }

    it('wait given twice is a 400 problem document', async () => {
      const answer = await call(pollUrl(hqToken, '?wait=1&wait=2'), { headers: bearer(HQ.apiKey) });
      assert.equal(answer.status, 400);
      assert.ok(isProblem(JSON.parse(answer.text), 400));
    });

    it('wait[]=1 and wait[a]=1 (extended-parser syntax) never 5xx', async () => {
      for (const q of ['?wait[]=1', '?wait[a]=1', '?wait[__proto__]=1']) {
        const answer = await call(pollUrl(hqToken, q), { headers: bearer(HQ.apiKey) });
        assert.ok(answer.status < 500, `${q} → ${answer.status}`);
      }
    });
  });

  describe('Cache-Control: no-store on every API response', () => {
    it('200, 304, 400, 401, 404, 413, 415 and unknown /api paths all carry no-store', async () => {
      const own = await call(pollUrl(hqToken), { headers: bearer(HQ.apiKey) });
      const etag = own.headers.get('etag')!;
      const answers: Record<string, Answer> = {
        200: own,
        304: await call(pollUrl(hqToken), { headers: { ...bearer(HQ.apiKey), 'if-none-match': etag } }),
        400: await call(pollUrl(hqToken, '?wait=abc'), { headers: bearer(HQ.apiKey) }),
        401: await call(pollUrl(hqToken)),
        404: await call(pollUrl('x'.repeat(32)), { headers: bearer(HQ.apiKey) }),
        413: await call(`${v.url}/api/v1/sessions`, {
          method: 'POST',
          headers: { ...bearer(HQ.apiKey), 'content-type': 'application/json' },
          body: JSON.stringify({ mac: DEVICES.aliceIphone.mac, sid: 'x'.repeat(5000) }),
        }),
        415: await call(`${v.url}/api/v1/sessions`, { method: 'POST', headers: { ...bearer(HQ.apiKey), 'content-type': 'text/plain' }, body: '{}' }),
        'unknown path': await call(`${v.url}/api/v1/nothing-here`, { headers: bearer(HQ.apiKey) }),
        'unknown version': await call(`${v.url}/api/v9/sessions/x`),
        'compliance api 400': await call(`${v.url}/api/compliance/9.9/devices?macAddress=zz`, { headers: bearer(HQ.apiKey) }),
      };
      for (const [what, answer] of Object.entries(answers)) {
        assert.equal(answer.headers.get('cache-control'), 'no-store', `${what} (status ${answer.status})`);
        if (what === '200' || what === '304') continue;
        assert.ok(answer.status >= 400, `${what} → ${answer.status}`);
        assert.ok(isProblem(JSON.parse(answer.text), answer.status), `${what} is a problem document`);
        assert.ok(!looksLikeStack(answer.text));
      }
      assert.equal(answers[304]!.status, 304);
    });
  });

  describe('POST /api/v1/sessions: hostile bodies', () => {
    async function post(body: string | Buffer | undefined, headers: Record<string, string>, key: string | null = HQ.apiKey) {
      const before = v.writes.total();
      const answer = await call(`${v.url}/api/v1/sessions`, {
        method: 'POST',
        headers: { ...(key ? bearer(key) : {}), ...headers },
        body: typeof body === 'string' || body === undefined ? body : new Uint8Array(body),
      });
      return { ...answer, stored: v.writes.total() - before };
    }
    function assertRefused(answer: Answer & { stored: number }, status: number, what: string) {
      assert.equal(answer.status, status, `${what} → ${answer.status} ${answer.text.slice(0, 100)}`);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/, what);
      assert.ok(isProblem(JSON.parse(answer.text), status), what);
      assert.ok(!looksLikeStack(answer.text), what);
      assert.equal(answer.headers.get('cache-control'), 'no-store', what);
      assert.equal(answer.stored, 0, `${what}: nothing stored`);
    }
    const json = { 'content-type': 'application/json' };

    it('no key: 401 before the body is even read (a 1 MB body does not matter)', async () => {
      assertRefused(await post('x'.repeat(1_000_000), json, null), 401, 'no key');
    });

    it('wrong key: 401/404, nothing stored', async () => {
      const answer = await post(JSON.stringify({ mac: DEVICES.aliceIphone.mac }), json, 'w'.repeat(40));
      assert.ok([401, 404].includes(answer.status));
      assert.equal(answer.stored, 0);
    });

    it('a key without the sessions scope cannot push a session', async () => {
      const answer = await post(JSON.stringify({ mac: DEVICES.aliceIphone.mac }), json, COMPLIANCE_ONLY.apiKey);
      assert.ok([401, 403, 404].includes(answer.status));
      assert.equal(answer.stored, 0);
    });

    it('a 5 KB JSON body is 413', async () => {
      assertRefused(await post(JSON.stringify({ mac: DEVICES.aliceIphone.mac, url: 'x'.repeat(5000) }), json), 413, '5 KB');
    });

    it('a 2 MB JSON body is 413', async () => {
      assertRefused(await post(`{"mac":"${'A'.repeat(2_000_000)}"}`, json), 413, '2 MB');
    });

    it('a gzip bomb (10 MB inflated from a few KB) is 413 (or 415), never inflated into memory as a session', async () => {
      const bomb = gzipSync(Buffer.from(`{"mac":"A4B1C2D3E4F5","url":"${' '.repeat(10_000_000)}"}`));
      const answer = await post(bomb, { ...json, 'content-encoding': 'gzip' });
      assert.ok([413, 415].includes(answer.status), `gzip bomb → ${answer.status}`);
      assert.equal(answer.stored, 0);
    });

    for (const [what, type] of Object.entries({
      'text/plain': 'text/plain',
      form: 'application/x-www-form-urlencoded',
      multipart: 'multipart/form-data; boundary=x',
      'json-patch': 'application/json-patch+json',
      xml: 'application/xml',
      'latin1 json': 'application/json; charset=latin1',
    })) {
      it(`content type ${what} is 415`, async () => {
        assertRefused(await post(JSON.stringify({ mac: DEVICES.aliceIphone.mac }), { 'content-type': type }), 415, what);
      });
    }

    it('no content type at all is 415', async () => {
      const answer = await call(`${v.url}/api/v1/sessions`, {
        method: 'POST',
        headers: bearer(HQ.apiKey),
        body: new Uint8Array(Buffer.from(JSON.stringify({ mac: DEVICES.aliceIphone.mac }))),
      });
      assert.equal(answer.status, 415);
    });

    const invalid: Record<string, string> = {
      'truncated JSON': '{"mac": "A4B1C2D3E4F5"',
      'single quotes': "{'mac': 'A4B1C2D3E4F5'}",
      'trailing garbage': '{"mac": "A4B1C2D3E4F5"} x',
      'empty body': '',
      'a bare string (non-strict JSON)': '"A4B1C2D3E4F5"',
      'an array': '[{"mac": "A4B1C2D3E4F5"}]',
      null: 'null',
      'a number': '42',
      'an unknown field': '{"mac": "A4B1C2D3E4F5", "status": "allowed"}',
      'a token field (a gateway may not choose its token)': '{"mac": "A4B1C2D3E4F5", "token": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}',
      'a user field (a gateway may not assert the user)': '{"mac": "A4B1C2D3E4F5", "user": {"id": "x"}}',
      '__proto__ key': '{"mac": "A4B1C2D3E4F5", "__proto__": {"polluted": true}}',
      'constructor.prototype key': '{"mac": "A4B1C2D3E4F5", "constructor": {"prototype": {"polluted": true}}}',
      'mac as an object': '{"mac": {"toString": "A4B1C2D3E4F5"}}',
      'mac as an array': '{"mac": ["A4B1C2D3E4F5"]}',
      'mac as a number': '{"mac": 123456789012}',
      'deeply nested value': `{"mac": ${'['.repeat(1500)}${']'.repeat(1500)}}`,
      'neither mac nor device': '{"ip": "10.0.0.1"}',
      'CRLF in sid': '{"mac": "A4B1C2D3E4F5", "sid": "a\\r\\nX-Injected: 1"}',
      'non-ASCII in url': '{"mac": "A4B1C2D3E4F5", "url": "http://exämple.com/"}',
      'NUL in sid': '{"mac": "A4B1C2D3E4F5", "sid": "a\\u0000b"}',
      'ip that is not an IP': '{"mac": "A4B1C2D3E4F5", "ip": "10.0.0.1; rm -rf /"}',
      'device that is not a GUID': '{"device": "../../etc/passwd"}',
    };
    for (const [what, body] of Object.entries(invalid)) {
      it(`${what} is a 400 problem document and stores nothing`, async () => {
        const answer = await post(body, json);
        assertRefused(answer, 400, what);
        assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype not polluted');
      });
    }

    it('the unknown-field message never reflects more than a short, JSON-encoded name', async () => {
      const answer = await post(JSON.stringify({ mac: DEVICES.aliceIphone.mac, ['<script>' + 'x'.repeat(500)]: 1 }), json);
      assert.equal(answer.status, 400);
      assert.ok(answer.text.length < 400);
    });

    it('a valid push after all of the above is 201, and the portal URL carries the handle, never the token', async () => {
      const pushed = await pushSession(v.url, HQ, { mac: DEVICES.aliceIphone.mac, ip: '10.1.2.3', sid: 'x', url: 'http://example.com/' });
      assert.equal(pushed.status, 201);
      assert.equal(pushed.headers.get('cache-control'), 'no-store');
      const portal = new URL(pushed.body.portalUrl);
      assert.equal(portal.origin, v.url, 'portalUrl is on our own origin (from configuration)');
      assert.ok(!pushed.body.portalUrl.includes(pushed.body.token));
    });

    it('a forged Host / X-Forwarded-Host does not change the portalUrl origin', async () => {
      const r = await rawRequest(v.url, {
        method: 'POST',
        path: '/api/v1/sessions',
        headers: {
          host: 'evil.example',
          'x-forwarded-host': 'evil.example',
          'x-forwarded-proto': 'https',
          'content-type': 'application/json',
          ...bearer(HQ.apiKey),
        },
        body: JSON.stringify({ mac: DEVICES.aliceIphone.mac }),
      });
      assert.equal(r.status, 201);
      assert.equal(new URL(JSON.parse(r.body).portalUrl).origin, v.url);
    });
  });
});
