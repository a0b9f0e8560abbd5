import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { rfc3986, stringToSign } from '../../src/gateway/dialects/native/canonical-query.js';
import { parseSignedQuery } from '../../src/gateway/dialects/native/signed-query.js';
import { sign, signatureMatches } from '../../src/gateway/dialects/native/verify-signature.js';

const SECRET = Buffer.from('k'.repeat(16) + 'secret-for-signature-tests');

describe('redirect signatures', () => {
  it('builds the canonical string: prefix, gateway id, every parameter but sig sorted by name in RFC 3986 encoding', () => {
    const params = new Map([
      ['ts', '1700000000'],
      ['mac', 'AA:BB:CC:DD:EE:FF'],
      ['url', "http://x.test/a b?c=d&e=(f)!*'"],
      ['sig', 'ignored'],
    ]);
    assert.equal(
      stringToSign('hq-wlc', params),
      'vestibule-v1\nhq-wlc\nmac=AA%3ABB%3ACC%3ADD%3AEE%3AFF&ts=1700000000&url=http%3A%2F%2Fx.test%2Fa%20b%3Fc%3Dd%26e%3D%28f%29%21%2A%27',
    );
  });

  it('leaves unreserved characters as they are and encodes everything else, including UTF-8', () => {
    assert.equal(rfc3986('AZaz09-._~'), 'AZaz09-._~');
    assert.equal(rfc3986("!*'() +/é"), '%21%2A%27%28%29%20%2B%2F%C3%A9');
  });

  it('matches an independent HMAC-SHA256 computation, base64url without padding', () => {
    const params = new Map([
      ['mac', 'AABBCCDDEEFF'],
      ['ts', '1'],
    ]);
    const expected = createHmac('sha256', SECRET).update('vestibule-v1\ngw\nmac=AABBCCDDEEFF&ts=1').digest('base64url');
    assert.equal(sign(SECRET, 'gw', params), expected);
    assert.doesNotMatch(expected, /=/);
  });

  it('accepts a signature made with any of the rotating secrets', () => {
    const params = new Map([
      ['mac', 'AABBCCDDEEFF'],
      ['ts', '1'],
    ]);
    const old = Buffer.from('previous-secret-previous-secret-0001');
    assert.equal(signatureMatches([SECRET, old], 'gw', params, sign(old, 'gw', params)), true);
  });

  it('treats a signature of the wrong length or alphabet as a mismatch, never an exception', () => {
    const params = new Map([['ts', '1']]);
    for (const sig of ['', 'short', 'A'.repeat(44), '+'.repeat(43), 'é'.repeat(43), 'A'.repeat(10_000)]) {
      assert.equal(signatureMatches([SECRET], 'gw', params, sig), false, sig.slice(0, 10));
    }
  });

  it('signs the same for "+", "%20" and a literal space, since values are decoded before re-encoding', () => {
    const a = parseSignedQuery('/g/gw?url=a+b&ts=1');
    const b = parseSignedQuery('/g/gw?url=a%20b&ts=1');
    assert.equal(stringToSign('gw', a), stringToSign('gw', b));
  });

  it('rejects a doubled parameter, too many parameters, line breaks and an over-long query', () => {
    assert.throws(() => parseSignedQuery('/g/gw?mac=1&mac=2'), /twice/);
    assert.throws(() => parseSignedQuery(`/g/gw?${Array.from({ length: 17 }, (_, i) => `p${i}=1`).join('&')}`), /too many/);
    assert.throws(() => parseSignedQuery('/g/gw?sid=a%0D%0ASet-Cookie:x'), /line breaks/);
    assert.throws(() => parseSignedQuery(`/g/gw?url=${'a'.repeat(5000)}`), /too long/);
  });
});
