import assert from 'node:assert/strict';
import type { IntakeRequest } from '../../../src/gateway/dialects/dialect.js';
import { gatewayHashOf } from '../../../src/gateway/dialects/opennds/hashes.js';
import { level1Query, level2Query, openNdsPayload } from '../../helpers/opennds-payload.js';
import type { DialectFixture } from './fixture.js';

const FASKEY = 'Wm4nQ8rT2vX6zB1cD5fG9hJ3kL7pS0yU-contract';
const NAME = 'contract Node:020000000101 ';
const HID = 'd'.repeat(64);

const get = (path: string, query: string): IntakeRequest => ({ method: 'GET', path, rawQuery: query, formBody: undefined, remoteAddress: '198.51.100.2' });
const valid = () => openNdsPayload({ gatewayname: NAME, hid: HID, clientmac: 'a4:b1:c2:d3:e4:f5', clientip: '198.51.100.2' });

/** Flips one bit of the AES ciphertext (negative index: from the end), keeping both base64 layers valid. */
function flipped(query: string, index: number): string {
  const params = new URLSearchParams(query);
  const ciphertext = Buffer.from(Buffer.from(params.get('fas')!, 'base64').toString('latin1'), 'base64');
  const at = index < 0 ? ciphertext.length + index : index;
  ciphertext[at] = ciphertext[at]! ^ 0x01;
  return `fas=${Buffer.from(ciphertext.toString('base64')).toString('base64')}&iv=${params.get('iv')}`;
}

/** A level-3 openNDS gateway: intake as openNDS 9.10 encrypts it, release by a grant authmon collects. */
export const openNdsFixture: DialectFixture = {
  entry: {
    id: 'contract-nds',
    name: 'Contract openNDS',
    dialect: 'opennds',
    opennds: { faskey: 'env:CONTRACT_FASKEY', gatewayName: NAME, gatewayAddress: '198.51.100.1:2050', level: 3, sessionMinutes: 30 },
    apiKeys: [],
    scopes: [],
  },
  env: { CONTRACT_FASKEY: FASKEY },
  validIntake: (gateway) => get(`/g/${gateway.id}/`, level2Query(valid(), FASKEY)),
  client: { mac: 'A4B1C2D3E4F5', ip: '198.51.100.2', macVerified: true },
  tamperedIntakes: (gateway) => [
    { what: 'first ciphertext block changed', request: get(`/g/${gateway.id}/`, flipped(level2Query(valid(), FASKEY), 3)) },
    { what: 'block before the last changed (padding byte flipped)', request: get(`/g/${gateway.id}/`, flipped(level2Query(valid(), FASKEY), -17)) },
    { what: 'last ciphertext block changed', request: get(`/g/${gateway.id}/`, flipped(level2Query(valid(), FASKEY), -1)) },
    { what: 'encrypted with another faskey', request: get(`/g/${gateway.id}/`, level2Query(valid(), 'Zq1wX2ec3RV4tb5YN6um7IK8ol9P0-other')) },
    { what: 'another gateway name', request: get(`/g/${gateway.id}/`, level2Query(openNdsPayload({ gatewayname: 'elsewhere Node:020000000101 ' }), FASKEY)) },
    { what: 'unencrypted (level 1) payload to a level-3 gateway', request: get(`/g/${gateway.id}/`, level1Query(valid())) },
    { what: 'no iv', request: get(`/g/${gateway.id}/`, level2Query(valid(), FASKEY).replace(/&iv=.*/, '')) },
    { what: 'fas given twice', request: get(`/g/${gateway.id}/`, `${level2Query(valid(), FASKEY)}&fas=QQ==`) },
    { what: 'no parameters at all', request: get(`/g/${gateway.id}/`, '') },
  ],
  checkRelease(release) {
    assert.deepEqual(release, { kind: 'notified' });
  },
  backChannel: {
    request: (gateway) => ({
      method: 'POST',
      path: `/g/${gateway.id}/`,
      rawQuery: '',
      formBody: new URLSearchParams({ auth_get: 'view', gatewayhash: gatewayHashOf(NAME), payload: Buffer.from('none').toString('base64') }).toString(),
      remoteAddress: '192.0.2.1',
    }),
    check(reply) {
      assert.deepEqual(reply, { status: 200, contentType: 'text/plain', body: '*' });
    },
  },
};
