import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freeradiusSuiteEnabled, radclient, startShippedFreeradius, type ShippedFreeradius } from '../helpers/freeradius.js';
import { DEVICES } from '../helpers/portal-flow.js';
import { startVestibule, type TestVestibule } from '../helpers/test-vestibule.js';

const SUITE = 'FreeRADIUS 3.2 + rlm_rest over the RADIUS API rate limit (test/radius)';
const enabled = freeradiusSuiteEnabled(SUITE);

const NAS_SECRET = 'nas-shared-key-7Hq2Lp9Xv4Rt8Mw3Zk5Yc';
const API_KEY = 'radius-gw-api-key-Jd83Kq20Zm57Wx41Fv';
const LIMIT = 2;

/**
 * The real FreeRADIUS with the shipped site and policy: a 429 from Vestibule is an answer
 * rlm_rest reads no attributes from, so there is no verdict and the policy rejects. A
 * device that would be accepted is rejected while its FreeRADIUS is over the limit:
 * failing closed, never an Access-Accept without Vestibule's word.
 */
describe(SUITE, { skip: !enabled }, () => {
  let dir: string;
  let vestibule: TestVestibule;
  let radius: ShippedFreeradius;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vestibule-radius-limit-'));
    const gatewaysFile = join(dir, 'gateways.json');
    const gateway = {
      id: 'campus-radius',
      name: 'Campus switches via FreeRADIUS',
      dialect: 'radius',
      apiKeys: [API_KEY],
      scopes: ['radius'],
      radius: {
        nas: [{ address: '127.0.0.1', secret: NAS_SECRET }],
        acceptAttributes: [{ name: 'reply:Tunnel-Private-Group-Id', value: '20' }],
        quarantineAttributes: [{ name: 'reply:Cisco-AVPair', value: 'url-redirect={portalUrl}' }],
        unknown: 'reject',
        noncompliant: 'quarantine',
        failClosed: 'reject',
      },
    };
    writeFileSync(gatewaysFile, JSON.stringify({ gateways: [gateway] }));
    vestibule = await startVestibule({ GATEWAYS_FILE: gatewaysFile, RATE_LIMIT_RADIUS_API: String(LIMIT), RATE_LIMIT_WINDOW_SECONDS: '600' });
    radius = await startShippedFreeradius({ vestibuleUrl: vestibule.url, apiKey: API_KEY, nasSecret: NAS_SECRET });
  });

  after(async () => {
    await radius?.stop();
    await vestibule?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`a compliant device: Access-Accept ${LIMIT} times, then Access-Reject with "no verdict" while over RATE_LIMIT_RADIUS_API`, async () => {
    const mac = DEVICES.aliceIphone.mac.replace(/:/g, '-');
    const bare = mac.replace(/-/g, '').toLowerCase();
    const mab = () =>
      radclient(radius.authPort, NAS_SECRET, {
        'User-Name': bare,
        'User-Password': bare,
        'Calling-Station-Id': mac,
        'Service-Type': 'Call-Check',
        'NAS-Port-Type': 'Ethernet',
        'NAS-IP-Address': '127.0.0.1',
      });
    const values = (answer: Awaited<ReturnType<typeof mab>>, name: string) => answer.attributes.filter((a) => a.name === name).map((a) => a.value);
    for (let i = 0; i < LIMIT; i += 1) {
      const accepted = await mab();
      assert.equal(accepted.code, 'Access-Accept', accepted.raw);
      assert.deepEqual(values(accepted, 'Tunnel-Private-Group-Id'), ['20']);
    }
    for (let i = 0; i < 2; i += 1) {
      const limited = await mab();
      assert.equal(limited.code, 'Access-Reject', `${limited.raw}\n${radius.radiusd.log().slice(-3000)}`);
      assert.deepEqual(values(limited, 'Reply-Message'), ['vestibule: no verdict (unreachable, timeout or error)']);
      assert.deepEqual(values(limited, 'Tunnel-Private-Group-Id'), [], 'nothing of an accept');
      assert.deepEqual(values(limited, 'REST-HTTP-Body'), [], 'rlm_rest bookkeeping stays off the wire');
    }
    // What rlm_rest made of it: the 429, and the module result `invalid` (no attributes read).
    assert.match(radius.radiusd.log(), /vestibule:\s+Status : 429 \(Too Many Requests\)/);
    assert.match(radius.radiusd.log(), /\[vestibule\] = invalid/);
  });
});
