import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sign } from '../../../src/gateway/dialects/native/index.js';
import type { IntakeRequest } from '../../../src/gateway/dialects/dialect.js';
import type { DialectFixture } from './fixture.js';

const SECRET = 'Zr8#kP2m!Lq9vX4tW7yB3nC6dF1gH5jK-native-contract';
const FORGER = 'Qm5$wE8r!Ty2uI9oP4aS7dF1gH6jK3lZ-not-the-secret';

const get = (path: string, query: string): IntakeRequest => ({ method: 'GET', path, rawQuery: query, formBody: undefined, remoteAddress: '127.0.0.1' });

/** A query signed like a native gateway signs it (PROTOCOL.md §1), with optional changes after signing. */
function signed(
  gatewayId: string,
  now: number,
  options: { secret?: string; ts?: number; after?: (pairs: Array<[string, string]>) => Array<[string, string]> } = {},
): string {
  const params = new Map<string, string>([
    ['mac', 'a4-b1-c2-d3-e4-f5'],
    ['ip', '10.20.30.40'],
    ['sid', 'gw-session-17'],
    ['url', 'http://example.com/'],
    ['ts', String(options.ts ?? Math.floor(now / 1000))],
    ['nonce', randomBytes(12).toString('base64url')],
  ]);
  params.set('sig', sign(options.secret ?? SECRET, gatewayId, params));
  const pairs = (options.after ?? ((p) => p))([...params]);
  return new URLSearchParams(pairs).toString();
}

export const nativeFixture: DialectFixture = {
  entry: {
    id: 'contract-native',
    name: 'Contract native',
    dialect: 'native',
    secrets: [SECRET],
    apiKeys: [],
    returnUrl: 'https://gw.example/return?x=1',
    scopes: ['sessions'],
  },
  validIntake: (gateway, now) => get(`/g/${gateway.id}`, signed(gateway.id, now)),
  client: { mac: 'A4B1C2D3E4F5', ip: '10.20.30.40', macVerified: true },
  tamperedIntakes: (gateway, now) => [
    {
      what: 'mac changed after signing',
      request: get(`/g/${gateway.id}`, signed(gateway.id, now, { after: (p) => p.map(([k, v]) => [k, k === 'mac' ? 'B4B1C2D3E4F5' : v]) })),
    },
    { what: 'signed with another secret', request: get(`/g/${gateway.id}`, signed(gateway.id, now, { secret: FORGER })) },
    { what: 'signed for another gateway', request: get(`/g/${gateway.id}`, signed('other-gateway', now)) },
    { what: 'no signature', request: get(`/g/${gateway.id}`, signed(gateway.id, now, { after: (p) => p.filter(([k]) => k !== 'sig') })) },
    { what: 'signed ten minutes ago', request: get(`/g/${gateway.id}`, signed(gateway.id, now, { ts: Math.floor(now / 1000) - 600 })) },
    { what: 'a parameter given twice', request: get(`/g/${gateway.id}`, signed(gateway.id, now, { after: (p) => [...p, ['mac', 'B4B1C2D3E4F5']] })) },
    { what: 'no parameters at all', request: get(`/g/${gateway.id}`, '') },
  ],
  checkRelease(release, session) {
    assert.equal(release.kind, 'redirect');
    const url = new URL((release as { url: string }).url);
    assert.equal(url.origin + url.pathname, 'https://gw.example/return');
    assert.equal(url.searchParams.get('x'), '1');
    assert.equal(url.searchParams.get('state'), session.token);
    assert.equal(url.searchParams.get('sid'), 'gw-session-17');
  },
};
