import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser } from '../helpers/browser.js';
import { eapolTest, freeradiusSuiteEnabled, issue, prepareRaddb, radclient, startRadiusd, type Raddb, type RunningRadiusd } from '../helpers/freeradius.js';
import { ALICE, DEVICES, signIn } from '../helpers/portal-flow.js';
import { TestNas } from '../helpers/test-nas.js';
import { startVestibule, type TestVestibule } from '../helpers/test-vestibule.js';

const SUITE = 'FreeRADIUS 3.2 + rlm_rest interop (test/radius)';
const enabled = freeradiusSuiteEnabled(SUITE);

const NAS_SECRET = 'nas-shared-key-7Hq2Lp9Xv4Rt8Mw';
const API_KEY = 'radius-gw-api-key-Jd83Kq20Zm57Wx41Fv';
const INVENTORY_KEY = 'inventory-key-for-tests-4f7a9c2e1b3d5f6a8c0e';
const SID_URI = 'tag:microsoft.com,2022-09-14:sid:S-1-5-21-1004336348-1177238915-682003330-512';
const UNKNOWN_MAC = '02-00-5E-10-00-99';

function gatewaysFile(coaPort: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vestibule-radius-gw-')), 'gateways.json');
  const gateway = {
    id: 'campus-radius',
    name: 'Campus switches via FreeRADIUS',
    dialect: 'radius',
    apiKeys: ['env:TEST_RADIUS_API_KEY'],
    scopes: ['radius'],
    radius: {
      nas: [{ address: '127.0.0.1', secret: 'env:TEST_NAS_SECRET', coaPort }],
      coa: { kind: 'reauthenticate', timeoutMs: 1000, attempts: 3 },
      acceptAttributes: [
        { name: 'reply:Tunnel-Type', value: 'VLAN' },
        { name: 'reply:Tunnel-Medium-Type', value: 'IEEE-802' },
        { name: 'reply:Tunnel-Private-Group-Id', value: '20' },
      ],
      quarantineAttributes: [
        { name: 'reply:Cisco-AVPair', value: 'url-redirect-acl=VESTIBULE-REDIRECT' },
        { name: 'reply:Cisco-AVPair', value: 'url-redirect={portalUrl}' },
      ],
      unknown: 'reject',
      noncompliant: 'quarantine',
      failClosed: 'reject',
    },
  };
  writeFileSync(path, JSON.stringify({ gateways: [gateway] }));
  return path;
}

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

const values = (answer: { attributes: Array<{ name: string; value: string }> }, name: string) => answer.attributes.filter((a) => a.name === name).map((a) => a.value);

describe(SUITE, { skip: !enabled }, () => {
  let vestibule: TestVestibule;
  let nas: TestNas;
  let raddb: Raddb;
  let radiusd: RunningRadiusd;
  let authPort: number;

  const mab = (callingStationId: string) => {
    const bare = callingStationId.replace(/[^0-9a-f]/gi, '').toLowerCase();
    return radclient(authPort, NAS_SECRET, { 'User-Name': bare, 'User-Password': bare, 'Calling-Station-Id': callingStationId, 'Service-Type': 'Call-Check', 'NAS-Port-Type': 'Ethernet', 'NAS-IP-Address': '127.0.0.1', 'NAS-Port': '50101' });
  };

  before(async () => {
    nas = await TestNas.start(NAS_SECRET);
    vestibule = await startVestibule({ GATEWAYS_FILE: gatewaysFile(nas.port), INVENTORY_API_KEY: INVENTORY_KEY, TEST_RADIUS_API_KEY: API_KEY, TEST_NAS_SECRET: NAS_SECRET });
    authPort = await freeUdpPort();
    raddb = prepareRaddb({ authPort, nasSecret: NAS_SECRET });
    radiusd = await startRadiusd(raddb, { VESTIBULE_URL: vestibule.url, VESTIBULE_RADIUS_KEY: API_KEY });
  });

  after(async () => {
    await radiusd?.stop();
    await vestibule?.stop();
    await nas?.close();
    if (process.env.KEEP_RADIUS_WORKDIR !== '1') raddb?.remove();
  });

  it('MAB, compliant device in every switch notation: Access-Accept with the accept attribute set, no redirect', async () => {
    for (const notation of ['A4-B1-C2-D3-E4-F5', 'a4b1.c2d3.e4f5', 'a4:b1:c2:d3:e4:f5', 'A4B1C2D3E4F5']) {
      const answer = await mab(notation);
      assert.equal(answer.code, 'Access-Accept', `${notation}\n${answer.raw}`);
      assert.deepEqual(values(answer, 'Tunnel-Private-Group-Id'), ['20'], answer.raw);
      assert.deepEqual(values(answer, 'Tunnel-Type'), ['VLAN']);
      assert.deepEqual(values(answer, 'Cisco-AVPair'), []);
      assert.deepEqual(values(answer, 'REST-HTTP-Body'), [], 'rlm_rest bookkeeping stays off the wire');
    }
  });
});
