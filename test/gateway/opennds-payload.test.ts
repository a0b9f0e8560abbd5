import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeFasPayload } from '../../src/gateway/dialects/opennds/decode-payload.js';
import { gatewayHashOf, openNdsUrlEncode, rhidOf } from '../../src/gateway/dialects/opennds/hashes.js';
import { parsePayload, readFasClient } from '../../src/gateway/dialects/opennds/payload-fields.js';
import { readFasIntake } from '../../src/gateway/dialects/opennds/read-intake.js';
import { OpenNdsRefusal } from '../../src/gateway/dialects/opennds/refusal.js';
import { grantRecord, releaseUrl } from '../../src/gateway/dialects/opennds/release.js';
import { hidOf, level1Query, level2Query, openNdsPayload } from '../helpers/opennds-payload.js';

const FASKEY = 'c2f1e0d9b8a7968574635241302f1e0d9c8b7a69'; // 40 bytes: only the first 32 key the cipher
const NAME = 'cafe Node:020000000101 ';
const settings = (level: 1 | 2 | 3) => ({ level, faskey: FASKEY, gatewayName: NAME, authDir: 'opennds_auth' });
const EXPECTED = { gatewayName: NAME, authDir: 'opennds_auth' };

function refuses(fn: () => unknown) {
  assert.throws(fn, (error: unknown) => error instanceof OpenNdsRefusal && error.message === 'This sign-in link is not valid.');
}

describe('openNDS hashes (LAB.md A.5)', () => {
  it('URL-encodes like openNDS: lower-case hex, only A-Za-z0-9-_.~ kept', () => {
    assert.equal(openNdsUrlEncode('e2egw Node:020000000101 '), 'e2egw%20Node%3a020000000101%20');
    assert.equal(openNdsUrlEncode("a-b_c.d~e!*'()/+Ä"), 'a-b_c.d~e%21%2a%27%28%29%2f%2b%c3%84');
  });

  it('gatewayhash is sha256 of the URL-encoded name (the captured lab value)', () => {
    const hash = gatewayHashOf('e2egw Node:020000000101 ');
    assert.ok(hash.startsWith('f3cb7aaa58a3') && hash.endsWith('b1f2'), hash);
  });

  it('rhid is sha256hex(hid + faskey), the whole faskey', () => {
    const hid = 'a'.repeat(64);
    assert.equal(
      rhidOf(hid, FASKEY),
      createHash('sha256')
        .update(hid + FASKEY)
        .digest('hex'),
    );
    assert.notEqual(rhidOf(hid, FASKEY), rhidOf(hid, FASKEY.slice(0, 32)));
  });
});

describe('openNDS FAS intake', () => {
  it('level 2/3: decrypts base64(base64(AES-256-CBC)) with the NUL-padded/truncated faskey and the ASCII IV', () => {
    const payload = openNdsPayload({ gatewayname: NAME });
    const client = readFasIntake(level2Query(payload, FASKEY), settings(2));
    assert.deepEqual(client, { hid: hidOf(payload), ip: '198.51.100.2', mac: 'A4B1C2D3E4F5', originUrl: 'http://192.0.2.10/some/page?x=1' });
    // A short key is NUL-padded, as PHP does.
    assert.equal(readFasIntake(level2Query(payload, 'short-key'), { ...settings(3), faskey: 'short-key' }).hid, hidOf(payload));
  });

  it('level 1: plain base64; a ciphertext-shaped query is refused', () => {
    const payload = openNdsPayload({ gatewayname: NAME, clientmac: '3c-22-fb-10-20-30' });
    assert.equal(readFasIntake(level1Query(payload), settings(1)).mac, '3C22FB102030');
    refuses(() => readFasIntake(level2Query(payload, FASKEY), settings(1)));
  });

  it('a level-2 gateway refuses an unencrypted payload and one without iv', () => {
    const payload = openNdsPayload({ gatewayname: NAME });
    refuses(() => readFasIntake(level1Query(payload), settings(2)));
    refuses(() => readFasIntake(level2Query(payload, FASKEY).replace(/&iv=.*/, ''), settings(2)));
  });

  it('every single flipped ciphertext bit is refused, with one and the same error', () => {
    const query = new URLSearchParams(level2Query(openNdsPayload({ gatewayname: NAME }), FASKEY));
    const ciphertext = Buffer.from(Buffer.from(query.get('fas')!, 'base64').toString('latin1'), 'base64');
    for (let i = 0; i < ciphertext.length; i += 1) {
      const tampered = Buffer.from(ciphertext);
      tampered[i] = tampered[i]! ^ 0x01;
      const fas = Buffer.from(tampered.toString('base64')).toString('base64');
      refuses(() => readFasIntake(`fas=${fas}&iv=${query.get('iv')}`, settings(2)));
    }
  });

  it('a wrong faskey, a wrong or malformed IV, bad base64 and duplicates are refused alike', () => {
    const payload = openNdsPayload({ gatewayname: NAME });
    const good = level2Query(payload, FASKEY);
    refuses(() => readFasIntake(good, { ...settings(2), faskey: 'another-key-of-enough-length-123456' }));
    refuses(() => readFasIntake(good.replace(/iv=.*/, 'iv=zzzzzzzzzzzzzzzz'), settings(2)));
    refuses(() => readFasIntake(good.replace('fas=', 'fas=*'), settings(2)));
    refuses(() => readFasIntake(`${good}&fas=x`, settings(2)));
    refuses(() => readFasIntake('', settings(2)));
    refuses(() => decodeFasPayload({ fas: 'A'.repeat(9000), iv: '0123456789abcdef' }, { level: 2, faskey: FASKEY }));
  });

  it('checks every field strictly', () => {
    const fields = (overrides: Record<string, string>) =>
      parsePayload(
        openNdsPayload({ gatewayname: NAME })
          .split(', ')
          .map((part) => {
            const key = part.split('=')[0]!;
            return key in overrides ? `${key}=${overrides[key]}` : part;
          })
          .join(', '),
      );
    assert.equal(readFasClient(fields({}), EXPECTED).mac, 'A4B1C2D3E4F5');
    refuses(() => readFasClient(fields({ hid: 'A'.repeat(64) }), EXPECTED));
    refuses(() => readFasClient(fields({ hid: 'a'.repeat(63) }), EXPECTED));
    refuses(() => readFasClient(fields({ clientip: '198.51.100.300' }), EXPECTED));
    refuses(() => readFasClient(fields({ clientmac: 'a4:b1:c2:d3:e4' }), EXPECTED));
    refuses(() => readFasClient(fields({ gatewayname: 'cafe%20Node%3A020000000101%20' }), EXPECTED));
    refuses(() => readFasClient(fields({ gatewayname: 'other' }), EXPECTED));
    refuses(() => readFasClient(fields({ authdir: '..%2f' }), EXPECTED));
    refuses(() => readFasClient(fields({ authdir: 'other_auth' }), EXPECTED));
    refuses(() => readFasClient(fields({ originurl: '%e0%a4%a' }), EXPECTED));
    refuses(() => parsePayload('hid=1, hid=2'));
    refuses(() => parsePayload('hid=1, junk'));
    refuses(() => parsePayload('Hid=1'));
    // Level 1 sends no authdir: accepted (the release uses the configured one).
    const noAuthdir = parsePayload(openNdsPayload({ gatewayname: NAME }).replace('authdir=opennds_auth, ', ''));
    assert.equal(readFasClient(noAuthdir, EXPECTED).mac, 'A4B1C2D3E4F5');
  });
});

describe('openNDS release', () => {
  it('levels 1/2: the configured gateway address, the auth dir, tok=rhid and the landing URL', () => {
    const hid = 'b'.repeat(64);
    const url = new URL(
      releaseUrl({ gatewayAddress: '198.51.100.1:2050', faskey: FASKEY, authDir: 'opennds_auth' }, hid, 'https://portal.example/p/x?connected=1'),
    );
    assert.equal(url.origin, 'http://198.51.100.1:2050');
    assert.equal(url.pathname, '/opennds_auth/');
    assert.equal(url.searchParams.get('tok'), rhidOf(hid, FASKEY));
    assert.equal(url.searchParams.get('redir'), 'https://portal.example/p/x?connected=1');
  });

  it('level 3: a record of rhid, minutes, four zeros and base64 custom (shell-safe fields)', () => {
    const { rhid, record } = grantRecord({ faskey: FASKEY, sessionMinutes: 60 }, 'c'.repeat(64));
    assert.equal(record, `${rhid} 60 0 0 0 0 dmVzdGlidWxl`);
    assert.match(record, /^[0-9a-f]{64}( \d+){5} [A-Za-z0-9+/=]+$/);
  });
});
