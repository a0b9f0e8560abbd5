import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser } from '../helpers/browser.js';
import {
  eapolAnswer,
  eapolTest,
  freeradiusSuiteEnabled,
  issueDeviceCertificate,
  radclient,
  startShippedFreeradius,
  type ShippedFreeradius,
} from '../helpers/freeradius.js';
import { reportDemoDevice } from '../helpers/inventory-feed.js';
import { ALICE, DEVICES, signIn } from '../helpers/portal-flow.js';
import { TestNas } from '../helpers/test-nas.js';
import { startVestibule, type TestVestibule } from '../helpers/test-vestibule.js';
import { waitFor } from '../helpers/wait-for.js';

const SUITE = 'FreeRADIUS 3.2 + rlm_rest interop (test/radius)';
const enabled = freeradiusSuiteEnabled(SUITE);

const NAS_SECRET = 'nas-shared-key-7Hq2Lp9Xv4Rt8Mw3Zk5Yc';
const API_KEY = 'radius-gw-api-key-Jd83Kq20Zm57Wx41Fv';
const INVENTORY_KEY = 'inventory-key-for-tests-4f7a9c2e1b3d5f6a8c0e';
// /metrics on the public port is for operators only: it needs this bearer token.
const METRICS_TOKEN = 'radius-metrics-token-0123456789abcdefghijk';
const SID_URI = 'tag:microsoft.com,2022-09-14:sid:S-1-5-21-1004336348-1177238915-682003330-512';
const UNKNOWN_MAC = '02-00-5E-10-00-99';

const gatewaysDir = mkdtempSync(join(tmpdir(), 'vestibule-radius-gw-'));

function gatewaysFile(coaPort: number): string {
  const path = join(gatewaysDir, 'gateways.json');
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

const values = (answer: { attributes: Array<{ name: string; value: string }> }, name: string) =>
  answer.attributes.filter((a) => a.name === name).map((a) => a.value);

describe(SUITE, { skip: !enabled }, () => {
  let vestibule: TestVestibule;
  let nas: TestNas;
  let radius: ShippedFreeradius;

  const mab = (callingStationId: string) => {
    const bare = callingStationId.replace(/[^0-9a-f]/gi, '').toLowerCase();
    return radclient(radius.authPort, NAS_SECRET, {
      'User-Name': bare,
      'User-Password': bare,
      'Calling-Station-Id': callingStationId,
      'Service-Type': 'Call-Check',
      'NAS-Port-Type': 'Ethernet',
      'NAS-IP-Address': '127.0.0.1',
      'NAS-Port': '50101',
    });
  };

  before(async () => {
    nas = await TestNas.start(NAS_SECRET);
    vestibule = await startVestibule({
      GATEWAYS_FILE: gatewaysFile(nas.port),
      INVENTORY_API_KEY: INVENTORY_KEY,
      TEST_RADIUS_API_KEY: API_KEY,
      TEST_NAS_SECRET: NAS_SECRET,
      METRICS_TOKEN,
    });
    radius = await startShippedFreeradius({ vestibuleUrl: vestibule.url, apiKey: API_KEY, nasSecret: NAS_SECRET });
  });

  after(async () => {
    await radius?.stop();
    await vestibule?.stop();
    await nas?.close();
    rmSync(gatewaysDir, { recursive: true, force: true });
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
  it('MAB, non-compliant device: Access-Accept with url-redirect-acl and a url-redirect to a working portal page, one session per device', async () => {
    const answer = await mab('3C-22-FB-10-20-30');
    assert.equal(answer.code, 'Access-Accept', answer.raw);
    const pairs = values(answer, 'Cisco-AVPair');
    assert.equal(pairs[0], 'url-redirect-acl=VESTIBULE-REDIRECT', answer.raw);
    const redirect = /^url-redirect=(.+)$/.exec(pairs[1] ?? '')?.[1];
    assert.ok(redirect, answer.raw);
    assert.match(redirect, new RegExp(`^${vestibule.url}/p/[A-Za-z0-9_-]{32}$`));
    assert.deepEqual(values(answer, 'Tunnel-Private-Group-Id'), [], 'no production VLAN in quarantine');
    const landing = await new Browser(vestibule.url).get(redirect);
    assert.equal(landing.status, 200);
    assert.match(landing.body, /Sign in/);
    const again = await mab('3c22.fb10.2030');
    assert.deepEqual(values(again, 'Cisco-AVPair'), pairs, 'a re-sent Access-Request (other notation) reuses the open portal session');
  });

  it('MAB, unknown device: the configured answer (reject), saying why', async () => {
    const answer = await mab(UNKNOWN_MAC);
    assert.equal(answer.code, 'Access-Reject', answer.raw);
    assert.deepEqual(values(answer, 'Reply-Message'), ['vestibule: reject (not_enrolled)']);
    assert.deepEqual(values(answer, 'Cisco-AVPair'), []);
  });

  it('MAB without a usable Calling-Station-Id: reject', async () => {
    const answer = await radclient(radius.authPort, NAS_SECRET, {
      'User-Name': 'x',
      'User-Password': 'x',
      'Calling-Station-Id': 'not-a-mac',
      'NAS-IP-Address': '127.0.0.1',
    });
    assert.equal(answer.code, 'Access-Reject', answer.raw);
    assert.deepEqual(values(answer, 'Reply-Message'), ['vestibule: reject (no_identity)']);
  });

  it('EAP-TLS with eapol_test: the certificate SAN names the device (IntuneDeviceId + SID URI); compliant → accept, non-compliant → quarantine, no device id and unknown MAC → reject', async () => {
    const ca = join(radius.raddb.certs, 'device-ca.pem');
    const run = (name: string, uris: string[], mac: string) => {
      const { cert, key } = issueDeviceCertificate(radius.raddb, name, uris);
      return eapolTest({ port: radius.authPort, secret: NAS_SECRET, dir: radius.raddb.dir, caCert: ca, cert, key, identity: `host/${name}`, mac });
    };
    // The MAC is an unknown one each time: only the certificate can make these pass.
    const compliant = await run('iphone', [`IntuneDeviceId://${DEVICES.aliceIphone.id}`, SID_URI], '02:00:5e:10:00:01');
    assert.ok(compliant.accepted, compliant.output.slice(-3000));
    const accepted = eapolAnswer(compliant.output);
    assert.equal(accepted.code, 'Access-Accept');
    assert.deepEqual(accepted.replyMessages, ['vestibule: accept (compliant)']);
    assert.ok(accepted.attributeTypes.includes(81), 'Tunnel-Private-Group-Id from the accept set');
    assert.deepEqual(accepted.ciscoAvPairs, []);

    // SAN order and GUID case do not matter; the iPad has never reported a state, so it is blocked.
    const quarantined = await run('ipad', [SID_URI, `IntuneDeviceId://${DEVICES.aliceIpad.id.toUpperCase()}`], '02:00:5e:10:00:02');
    assert.ok(quarantined.accepted, 'quarantine is an Access-Accept');
    const fenced = eapolAnswer(quarantined.output);
    assert.deepEqual(fenced.replyMessages, ['vestibule: quarantine (unknown)']);
    assert.equal(fenced.ciscoAvPairs[0], 'url-redirect-acl=VESTIBULE-REDIRECT');
    assert.match(fenced.ciscoAvPairs[1] ?? '', new RegExp(`^url-redirect=${vestibule.url}/p/[A-Za-z0-9_-]{32}$`));
    assert.ok(!fenced.attributeTypes.includes(81), 'no production VLAN in quarantine');

    const anonymous = await run('no-device-id', [SID_URI], '02:00:5e:10:00:03');
    assert.equal(anonymous.accepted, false, anonymous.output.slice(-3000));
    const refused = eapolAnswer(anonymous.output);
    assert.equal(refused.code, 'Access-Reject');
    assert.deepEqual(refused.replyMessages, ['vestibule: reject (not_enrolled)'], 'no device id in the certificate: the unknown MAC decides');
  });

  it('the loop: quarantine → redirect → sign in → fix via the ingest API → Check again → CoA-Request at the NAS (valid authenticators) → next Access-Request accepted', async () => {
    const first = await mab('3C-22-FB-10-20-30');
    const redirect = /^url-redirect=(.+)$/.exec(values(first, 'Cisco-AVPair')[1] ?? '')![1]!;
    const browser = new Browser(vestibule.url);
    const landing = await browser.get(redirect);
    const result = await signIn(browser, landing, ALICE);
    assert.equal(result.status, 200);
    assert.match(result.body, /Your device can’t join the network yet/);

    await reportDemoDevice(vestibule.url, INVENTORY_KEY, DEVICES.aliceLaptop.id, { bitLockerEnabled: true, firewallEnabled: true });
    const before = nas.received.length;
    const recheck = await browser.submit(result, {}, /\/check$/);
    assert.equal(recheck.status, 200);
    assert.match(recheck.body, /You’re approved/);

    const [coa] = (await nas.waitFor(before + 1)).slice(before);
    assert.equal(coa!.code, 'CoA-Request');
    assert.equal(coa!.requestAuthenticatorValid, true, 'Request Authenticator checks out with the shared secret');
    assert.equal(coa!.messageAuthenticatorValid, true, 'Message-Authenticator present and valid');
    assert.deepEqual(coa!.ciscoAvPairs, ['subscriber:command=reauthenticate']);
    assert.equal(coa!.attributes['Calling-Station-Id'], '3C-22-FB-10-20-30', 'the MAC as the switch wrote it');
    assert.equal(coa!.attributes['NAS-IP-Address'], '127.0.0.1');
    assert.equal(coa!.attributes['User-Name'], '3c22fb102030');

    await waitFor(async () => /vestibule_radius_coa_total\{kind="reauthenticate",result="ack"\} 1/.test(await metricsText(vestibule.url)), {
      what: 'the CoA ack in /metrics',
    });
    const next = await mab('3C-22-FB-10-20-30');
    assert.equal(next.code, 'Access-Accept', next.raw);
    assert.deepEqual(values(next, 'Cisco-AVPair'), []);
    assert.deepEqual(values(next, 'Tunnel-Private-Group-Id'), ['20']);
  });

  it('a NAS that never answers: the portal answers at once, the CoA is retransmitted (same packet) with back-off, then recorded as no_answer', async () => {
    nas.answer = 'silence';
    try {
      const first = await mab('F0-D1-A9-B8-C7-D6');
      const redirect = /^url-redirect=(.+)$/.exec(values(first, 'Cisco-AVPair')[1] ?? '')![1]!;
      const browser = new Browser(vestibule.url);
      const result = await signIn(browser, await browser.get(redirect), ALICE);
      await reportDemoDevice(vestibule.url, INVENTORY_KEY, DEVICES.aliceIpad.id, { passcodeSet: true, encrypted: true, jailBroken: false });
      const before = nas.received.length;
      const recheck = await browser.submit(result, {}, /\/check$/);
      assert.match(recheck.body, /You’re approved/, 'the allow does not wait for the NAS');
      const copies = (await nas.waitFor(before + 3)).slice(before);
      assert.equal(new Set(copies.map((c) => c.raw.toString('hex'))).size, 1, 'retransmissions are the same packet (same Identifier)');
      await waitFor(async () => /vestibule_radius_coa_total\{kind="reauthenticate",result="no_answer"\} 1/.test(await metricsText(vestibule.url)), {
        what: 'the CoA no_answer in /metrics',
      });
      assert.equal(nas.received.length, before + 3, 'attempts are bounded');
    } finally {
      nas.answer = 'ack';
    }
  });

  it('Vestibule stopped: not an accept (rlm_rest fails, the shipped policy rejects)', async () => {
    await vestibule.stop();
    const answer = await mab('A4-B1-C2-D3-E4-F5');
    assert.equal(answer.code, 'Access-Reject', answer.raw);
    assert.deepEqual(values(answer, 'Reply-Message'), ['vestibule: no verdict (unreachable, timeout or error)']);
  });
});

/** The Prometheus text from /metrics, read as an operator (METRICS_TOKEN bearer, docs/operations.md); throws unless 200. */
async function metricsText(base: string): Promise<string> {
  const response = await fetch(new URL('/metrics', base), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  assert.equal(response.status, 200, 'the operator can read /metrics with the token');
  return response.text();
}
