import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { IseClient } from '../helpers/ise-client.js';
import { DEVICES } from '../helpers/portal-flow.js';
import { startVestibule, type TestVestibule } from '../helpers/test-vestibule.js';

const KEYS = {
  hq: 'hq-partner-key-Zx81Vb62Nm43Kl24Jh05Gf96Ds77',
  branch: 'branch-partner-key-Qw19Er28Ty37Ui46Op55As64',
  ise: 'ise-partner-key-Rt83Yu72Io61Pa50Sd49Fg38',
  otherIse: 'ise-other-key-Mn47Bv36Cx25Zl14Kj03Hg92',
  radius: 'radius-partner-key-Jd83Kq20Zm57Wx41Fv26',
  otherRadius: 'radius-other-key-Pq72Ls19Xc64Vb38Nm15',
};
const LIMITS = { RATE_LIMIT_WINDOW_SECONDS: '60', RATE_LIMIT_COMPLIANCE_API: '4', RATE_LIMIT_ISE_API: '3', RATE_LIMIT_RADIUS_API: '3' };

/** Two compliance clients, two ISE deployments, one FreeRADIUS gateway with two keys. */
function writeGateways(dir: string): string {
  const native = (id: string, key: string, scopes: string[]) => ({
    id,
    name: id,
    dialect: 'native',
    secrets: [`${id}-signing-secret-9f8e7d6c5b4a39281706f5e4d3c2b1a0`],
    apiKeys: [key],
    returnUrl: 'https://gateway.example/return',
    scopes,
  });
  const gateways = [
    native('hq-wlc', KEYS.hq, ['sessions', 'compliance']),
    native('branch-vpn', KEYS.branch, ['compliance']),
    native('hq-ise', KEYS.ise, ['ise']),
    native('lab-ise', KEYS.otherIse, ['ise']),
    {
      id: 'campus',
      name: 'Campus switches',
      dialect: 'radius',
      apiKeys: [KEYS.radius, KEYS.otherRadius],
      scopes: ['radius'],
      radius: {
        nas: [{ address: '192.0.2.10', secret: 'nas-shared-key-7Hq2Lp9Xv4Rt8Mw3Zk5Yc' }],
        quarantineAttributes: [{ name: 'reply:Cisco-AVPair', value: 'url-redirect={portalUrl}' }],
      },
    },
  ];
  const path = join(dir, 'gateways.json');
  writeFileSync(path, JSON.stringify({ gateways }));
  return path;
}

function assertRetryAfter(response: Response, what: string) {
  const retryAfter = Number(response.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `${what}: Retry-After ${response.headers.get('retry-after')}`);
}

describe('rate limits on the partner APIs: Cisco ISE, the legacy NAC API, RADIUS', () => {
  let v: TestVestibule;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vestibule-partner-limits-'));
    v = await startVestibule({ ...LIMITS, GATEWAYS_FILE: writeGateways(dir) });
  });
  after(async () => {
    await v.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ISE: the 4th request of one Basic credential is a plain-text 429 with Retry-After (mdminfo and device queries share it); another ISE is served', async () => {
    const ise = new IseClient(v.url, 'hq-ise', KEYS.ise);
    const mac = DEVICES.aliceIphone.mac.replace(/:/g, '');
    assert.equal((await ise.mdmInfo(3)).status, 200);
    assert.equal((await ise.get(`/ise/hq-ise/v3/devices/?paging=0&querycriteria=macaddress&value=${mac}&filter=all`)).status, 200);
    assert.equal((await ise.mdmInfo(2)).status, 200);
    const authorization = `Basic ${Buffer.from(`hq-ise:${KEYS.ise}`).toString('base64')}`;
    for (const path of ['/ciscoise/mdminfo/?ise_api_version=3', `/ise/hq-ise/v3/devices/?paging=0&querycriteria=macaddress&value=${mac}&filter=all`]) {
      const refused = await fetch(new URL(path, v.url), { headers: { authorization, accept: 'application/xml' } });
      assert.equal(refused.status, 429, path);
      assert.match(refused.headers.get('content-type') ?? '', /^text\/plain/, 'like every ISE error: short plain text, never a page');
      assert.equal(await refused.text(), 'Too many requests. Wait a moment, then try again.\n');
      assertRetryAfter(refused, path);
      assert.equal(refused.headers.get('cache-control'), 'no-store');
    }
    const other = await new IseClient(v.url, 'lab-ise', KEYS.otherIse).mdmInfo(3);
    assert.equal(other.status, 200, 'another ISE credential has its own budget');
    // Mounted at the root, the ISE limit stays on ISE's paths: the same header elsewhere is not refused.
    const elsewhere = await fetch(new URL('/fix/hq-wlc', v.url), { headers: { authorization } });
    assert.notEqual(elsewhere.status, 429);
  });

  it('legacy NAC API: shares the compliance API budget of its key and answers 429 as a problem document, without an Accept header', async () => {
    const compliance = () =>
      fetch(new URL(`/api/compliance/2.0/devices?macAddress=${encodeURIComponent(DEVICES.aliceIphone.mac)}`, v.url), {
        headers: { authorization: `Bearer ${KEYS.hq}` },
      });
    // The Forescout app sends 12 lower-case hex digits and no Accept header.
    const legacy = (key: string) =>
      fetch(new URL('/nac/StatelessNACService/devices/?querycriteria=macaddress&value=a4b1c2d3e4f5&api-version=1.1', v.url), {
        headers: { authorization: `Bearer ${key}` },
      });
    assert.equal((await compliance()).status, 200);
    assert.equal((await compliance()).status, 200);
    assert.equal((await legacy(KEYS.hq)).status, 200);
    assert.equal((await legacy(KEYS.hq)).status, 200);
    const refused = await legacy(KEYS.hq);
    assert.equal(refused.status, 429, 'the 5th compliance read of this key, whichever API');
    assert.match(refused.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assertRetryAfter(refused, 'legacy NAC API');
    const problem = await refused.json();
    assert.equal(problem.status, 429);
    assert.equal(problem.type, 'urn:vestibule:problem:rate_limited');
    assert.equal((await compliance()).status, 429, 'and the compliance API of the same key');
    assert.equal((await legacy(KEYS.branch)).status, 200, 'another key is served');
  });

  it('RADIUS: the 4th authorize of one key is a 429 problem carrying no verdict (FreeRADIUS fails closed); another key is served', async () => {
    const authorize = (key: string) =>
      fetch(new URL('/api/radius/v1/authorize', v.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          'Calling-Station-Id': { type: 'string', value: [DEVICES.aliceIphone.mac.replace(/:/g, '-')] },
          'NAS-IP-Address': { type: 'ipaddr', value: ['192.0.2.10'] },
        }),
      });
    for (let i = 0; i < 3; i += 1) {
      const answer = await authorize(KEYS.radius);
      assert.equal(answer.status, 200, `authorize ${i + 1}`);
      assert.deepEqual((await answer.json())['control:Vestibule-Verdict'].value, ['accept'], 'a compliant device is accepted');
    }
    const refused = await authorize(KEYS.radius);
    assert.equal(refused.status, 429);
    assert.match(refused.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assertRetryAfter(refused, 'RADIUS');
    const body = await refused.json();
    assert.equal(body.type, 'urn:vestibule:problem:rate_limited');
    // rlm_rest decodes attributes only from 2xx (and 401) answers; nothing here could read as one anyway.
    assert.ok(!Object.keys(body).some((name) => name.includes(':')), `no rlm_rest attribute in ${JSON.stringify(body)}`);
    const other = await authorize(KEYS.otherRadius);
    assert.equal(other.status, 200, 'another key is served');
    assert.deepEqual((await other.json())['control:Vestibule-Verdict'].value, ['accept']);
  });
});
