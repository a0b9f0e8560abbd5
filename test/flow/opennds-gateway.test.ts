import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '../../src/config/config.js';
import { gatewayHashOf, rhidOf } from '../../src/gateway/dialects/opennds/hashes.js';
import { loadGateways } from '../../src/gateway/gateway-registry.js';
import { Browser, decodeEntities } from '../helpers/browser.js';
import { hidOf, level1Query, level2Query, openNdsPayload } from '../helpers/opennds-payload.js';
import { ALICE, signIn } from '../helpers/portal-flow.js';
import { startVestibule, type TestVestibule } from '../helpers/test-vestibule.js';

const FASKEY = 'Tq3vX8pL2mN7rB4kW9sD6fH1jZ5cY0aE'; // 32 bytes
const NAME = 'cafe Node:020000000101 ';
const API_KEY = 'nds-sessions-key-Hq7Rt2Lm9Vx4Bn6Pk3Zs';
const entry = (id: string, level: 1 | 2 | 3, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Café openNDS ${level}`,
  dialect: 'opennds',
  opennds: { faskey: `env:FASKEY_${level}`, gatewayName: NAME, gatewayAddress: '198.51.100.1:2050', level, sessionMinutes: 60, ...extra },
  apiKeys: level === 1 ? [API_KEY] : [],
  scopes: level === 1 ? ['sessions'] : [],
});
const keys = { FASKEY_1: `${FASKEY}-1`, FASKEY_2: `${FASKEY}-2`, FASKEY_3: `${FASKEY}-3` };

function gatewaysFile(gateways: unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vestibule-nds-')), 'gateways.json');
  writeFileSync(path, JSON.stringify({ gateways }));
  return path;
}

describe('openNDS dialect through the real app (in process; the real gateway is in test/interop)', () => {
  let vestibule: TestVestibule;
  before(async () => {
    vestibule = await startVestibule({
      GATEWAYS_FILE: gatewaysFile([
        entry('nds-one', 1, { allowUnverifiedMac: true }),
        entry('nds-two', 2, { landingUrl: 'http://landing.example/welcome' }),
        entry('nds-three', 3),
      ]),
      ...keys,
    });
  });
  after(() => vestibule?.stop());

  const tokenOf = async (handle: string) => (await vestibule.stores.atomic.read<string>(`handle:${handle}`))!.value;

  it('level 2: intake on /g/{id}/ and /g/{id}, sign-in, then the release URL to the configured gateway address', async () => {
    const payload = openNdsPayload({ gatewayname: NAME });
    const query = level2Query(payload, keys.FASKEY_2);
    const browser = new Browser(vestibule.url);
    const landing = await browser.get(`/g/nds-two/?${query}`);
    assert.equal(landing.status, 200);
    const handle = /\/p\/([A-Za-z0-9_-]{32})$/.exec(landing.hops[1]!)![1]!;
    // Without the trailing slash too.
    const again = await new Browser(vestibule.url).get(`/g/nds-two?${query}`);
    assert.match(again.hops[1] ?? '', /\/p\/[A-Za-z0-9_-]{32}$/);
    const page = await signIn(browser, landing, ALICE);
    assert.match(page.body, /You’re approved/);
    const link = decodeEntities(/<a class="button" href="([^"]+)"/.exec(page.body)![1]!);
    assert.equal(
      link,
      `http://198.51.100.1:2050/opennds_auth/?tok=${rhidOf(hidOf(payload), keys.FASKEY_2)}&redir=${encodeURIComponent('http://landing.example/welcome')}`,
    );
    const stored = await vestibule.stores.atomic.read<{ client: unknown; sid: string }>(`session:${await tokenOf(handle)}`);
    assert.deepEqual(stored!.value.client, { mac: 'A4B1C2D3E4F5', ip: '198.51.100.2', macVerified: true });
    assert.equal(stored!.value.sid, hidOf(payload));
  });

  it('level 1 with allowUnverifiedMac: the session says the MAC is a hint, readable by the gateway through the session API', async () => {
    const browser = new Browser(vestibule.url);
    const landing = await browser.get(`/g/nds-one/?${level1Query(openNdsPayload({ gatewayname: NAME }))}`);
    const handle = /\/p\/([A-Za-z0-9_-]{32})$/.exec(landing.hops[1]!)![1]!;
    const page = await signIn(browser, landing, ALICE);
    // Default landing: Vestibule's own result page, marked so it does not release again.
    const link = new URL(decodeEntities(/<a class="button" href="([^"]+)"/.exec(page.body)![1]!));
    assert.equal(link.searchParams.get('redir'), `${vestibule.url}/p/${handle}?connected=1`);
    const back = await browser.get(`/p/${handle}?connected=1`);
    assert.match(back.body, /You’re approved/);
    assert.doesNotMatch(back.body, /http-equiv="refresh"|opennds_auth/);
    const polled = await fetch(`${vestibule.url}/api/v1/sessions/${await tokenOf(handle)}`, { headers: { authorization: `Bearer ${API_KEY}` } });
    const body = (await polled.json()) as { decision: string; client: unknown; gateway: string };
    assert.equal(body.decision, 'allow');
    assert.equal(body.gateway, 'nds-one');
    assert.deepEqual(body.client, { mac: 'A4B1C2D3E4F5', ip: '198.51.100.2', macVerified: false });
  });

  it('level 3: allow queues one grant for authmon; the page says so; authmon view/ack over POST /g/{id}/', async () => {
    const authmon = (fields: Record<string, string>) =>
      fetch(`${vestibule.url}/g/nds-three/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'openNDS(authmon;NDS:9.10.0;)' },
        body: new URLSearchParams({ gatewayhash: gatewayHashOf(NAME), ...fields }).toString(),
      });
    const none = Buffer.from('none').toString('base64');
    assert.equal((await authmon({ auth_get: 'clear', payload: none })).status, 200);
    const payload = openNdsPayload({ gatewayname: NAME });
    const browser = new Browser(vestibule.url);
    const landing = await browser.get(`/g/nds-three/?${level2Query(payload, keys.FASKEY_3)}`);
    const page = await signIn(browser, landing, ALICE);
    assert.match(page.body, /Approved — you’ll be connected within a few seconds/);
    await browser.get(page.url); // a reload does not queue twice
    const rhid = rhidOf(hidOf(payload), keys.FASKEY_3);
    const view = await authmon({ auth_get: 'view', payload: none });
    assert.equal(view.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(await view.text(), `* ${rhid}%2060%200%200%200%200%20dmVzdGlidWxl`);
    const ack = await authmon({ auth_get: 'view', payload: Buffer.from(`* ${rhid}`).toString('base64') });
    assert.equal(await ack.text(), 'ack');
    assert.equal(await (await authmon({ auth_get: 'view', payload: none })).text(), '*');
    const wrongHash = await fetch(`${vestibule.url}/g/nds-three/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `auth_get=view&gatewayhash=${'0'.repeat(64)}&payload=${none}`,
    });
    assert.deepEqual([wrongHash.status, await wrongHash.text()], [403, '']);
    const notLevel3 = await fetch(`${vestibule.url}/g/nds-two/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'auth_get=view',
    });
    assert.equal(notLevel3.status, 405, 'no back channel below level 3');
  });

  // "Nothing stored" is asserted against the SQLite file in test/interop/opennds.test.ts.
  it('refuses a tampered or foreign payload with one and the same answer; HEAD is refused', async () => {
    const query = new URLSearchParams(level2Query(openNdsPayload({ gatewayname: NAME }), keys.FASKEY_2));
    const ciphertext = Buffer.from(Buffer.from(query.get('fas')!, 'base64').toString('latin1'), 'base64');
    ciphertext[3] = ciphertext[3]! ^ 0x80;
    const tampered = `fas=${Buffer.from(ciphertext.toString('base64')).toString('base64')}&iv=${query.get('iv')}`;
    const before = await fetch(`${vestibule.url}/g/nds-two/?${tampered}`, { redirect: 'manual' });
    assert.equal(before.status, 403);
    const foreign = await fetch(`${vestibule.url}/g/nds-two/?${level2Query(openNdsPayload({ gatewayname: 'elsewhere' }), keys.FASKEY_2)}`, {
      redirect: 'manual',
    });
    assert.equal(foreign.status, 403);
    assert.equal(await foreign.text(), await before.text(), 'one refusal for every failure');
    const head = await fetch(`${vestibule.url}/g/nds-two/?${query}`, { method: 'HEAD' });
    assert.equal(head.status, 405);
  });
});

describe('openNDS gateway entries in GATEWAYS_FILE', () => {
  const load = (gateways: unknown[], env: NodeJS.ProcessEnv = keys) =>
    loadGateways(gatewaysFile(gateways), { devMode: false, env, publicUrl: new URL('https://portal.example') });

  it("loads the issue's example entry", () => {
    const registry = load(
      [
        {
          id: 'cafe-nds',
          name: 'Café openNDS',
          dialect: 'opennds',
          opennds: { faskey: 'env:CAFE_FASKEY', gatewayName: 'cafe Node:020000000101 ', gatewayAddress: '198.51.100.1:2050', level: 3, sessionMinutes: 60 },
          apiKeys: [],
          scopes: [],
        },
      ],
      { CAFE_FASKEY: FASKEY },
    );
    const gateway = registry.byId('cafe-nds')!;
    assert.equal(gateway.dialect, 'opennds');
    assert.deepEqual(gateway.settings, {
      faskey: FASKEY,
      gatewayName: 'cafe Node:020000000101 ',
      gatewayAddress: '198.51.100.1:2050',
      level: 3,
      sessionMinutes: 60,
      allowUnverifiedMac: false,
      authDir: 'opennds_auth',
      landingUrl: undefined,
    });
  });

  it('refuses level 1 without allowUnverifiedMac, weak or unset faskeys, unsafe characters, bad addresses and unknown fields', () => {
    const refuses = (gateways: unknown[], pattern: RegExp, env?: NodeJS.ProcessEnv) =>
      assert.throws(
        () => load(gateways, env),
        (e: unknown) => e instanceof ConfigError && pattern.test(e.message),
      );
    refuses([entry('a', 1)], /level 1 sends the client's MAC unauthenticated; set "allowUnverifiedMac": true/);
    refuses([entry('a', 2, { faskey: 'short' })], /opennds\.faskey is shorter than 32 bytes/);
    refuses([entry('a', 2, { faskey: 'env:NOPE' })], /refers to env:NOPE, which is not set/);
    refuses([entry('a', 2, { faskey: `${FASKEY} x` })], /may contain only/);
    refuses([entry('a', 2), { ...entry('b', 3), opennds: { ...entry('b', 3).opennds, faskey: 'env:FASKEY_2' } }], /also used by/);
    refuses([entry('a', 2, { gatewayAddress: 'http://198.51.100.1' })], /must be host:port/);
    refuses([entry('a', 2, { allowUnverifiedMac: true })], /applies to level 1 only/);
    refuses([entry('a', 2, { level: 4 })], /level/);
    refuses([{ ...entry('a', 2), secrets: ['x'] }], /secrets/);
  });
});
