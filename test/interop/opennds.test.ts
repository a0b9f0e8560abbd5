import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ALICE } from '../helpers/portal-flow.js';
import { flipCiphertextByte, labCertificates, openNdsLabEnabled, readText, storedSessions, workDir } from './opennds/lab.js';
import { startLabVestibule } from './opennds/lab-vestibule.js';
import { NsBrowser, startRelay, tryGet, type NsPage } from './opennds/ns-browser.js';
import { LAB_GATEWAY_NAME_SENT, startOpenNds } from './opennds/opennds-gateway.js';
import { run, startProcess, type LabProcess } from './opennds/processes.js';
import { ADDRESSES, CLIENTS, Topology, type ClientName } from './opennds/topology.js';

/**
 * The real openNDS 9.10 (Debian) in network namespaces, pointed at the real Vestibule as
 * its FAS (LAB.md part A): a phone's browser in a client namespace asks for an outside
 * page, is intercepted, signs in, and either reaches the outside (compliant) or stays
 * captive with its page saying why (non-compliant). Level 2 releases through the gateway's
 * auth URL, level 3 through authmon polling Vestibule over HTTPS.
 */
const SUITE = 'openNDS interop (test/interop/opennds.test.ts)';
const enabled = openNdsLabEnabled(SUITE);
const OUTSIDE = `http://${ADDRESSES.outside}/some/page?x=1`;
const GATEWAY_ID = 'cafe-nds';
const FAS_PATH = `/g/${GATEWAY_ID}/`;

describe(SUITE, { skip: !enabled, timeout: 240_000 }, () => {
  const topology = new Topology(`v9${process.pid % 100000}`);
  const work = enabled ? workDir() : '';
  const processes: LabProcess[] = [];
  let browsers = {} as Record<ClientName, NsBrowser>;
  const sockets = {} as Record<ClientName, string>;
  // 48 characters: also proves the "first 32 bytes key the cipher, all of it keys rhid" rule against the real gateway.
  const faskey = randomBytes(24).toString('hex');

  const gatewayEntry = (level: 2 | 3) => ({
    id: GATEWAY_ID,
    name: 'Lab openNDS',
    dialect: 'opennds',
    opennds: { faskey: 'env:LAB_FASKEY', gatewayName: LAB_GATEWAY_NAME_SENT, gatewayAddress: `${ADDRESSES.gatewayLan}:2050`, level, sessionMinutes: 60 },
    apiKeys: [],
    scopes: [],
  });

  async function stopAll(list: LabProcess[]) {
    for (const p of list.splice(0).reverse()) await p.stop();
  }

  before(async () => {
    topology.create();
    const web = startProcess(
      'outside web',
      'ip',
      [
        'netns',
        'exec',
        topology.ns('inet'),
        process.execPath,
        new URL('./opennds/outside-web.mjs', import.meta.url).pathname,
        `${ADDRESSES.outside}:80`,
        `${ADDRESSES.outside}:8000`,
      ],
      { logFile: join(work, 'web.log') },
    );
    processes.push(web);
    await web.waitFor(/web ready[\s\S]*web ready/, 20_000);
    // openNDS reports "offline" until the upstream next hop is in the neighbour table (LAB.md A.2 item 7).
    run('ip', [
      'netns',
      'exec',
      topology.ns('gw'),
      process.execPath,
      '-e',
      `require('node:http').get('http://${ADDRESSES.outside}/', (r) => { r.resume(); r.on('end', () => process.exit(0)); }).on('error', () => process.exit(1))`,
    ]);
    for (const name of Object.keys(CLIENTS) as ClientName[]) {
      const socket = join(work, `${name}.sock`);
      processes.push(await startRelay(topology.ns(CLIENTS[name].ns), socket, join(work, `${name}-relay.log`)));
      sockets[name] = socket;
      browsers[name] = new NsBrowser(socket);
    }
  });

  after(async () => {
    try {
      await stopAll(processes);
    } finally {
      topology.destroy();
      assert.deepEqual(topology.leftovers(), [], 'every namespace of this run is gone');
      if (process.env.KEEP_LAB_LOGS !== '1') rmSync(work, { recursive: true, force: true });
    }
  });

  /** Outside page → openNDS 307 → Vestibule intake → landing page. */
  async function interceptedToLanding(browser: NsBrowser, scheme: 'http' | 'https', port: number): Promise<{ landing: NsPage; fasUrl: string }> {
    const intercepted = await browser.get(OUTSIDE, { follow: false });
    assert.equal(intercepted.status, 307, `openNDS intercepts: ${intercepted.status} ${intercepted.body.slice(0, 200)}`);
    const fasUrl = String(intercepted.headers.location);
    assert.ok(fasUrl.startsWith(`${scheme}://${ADDRESSES.vestibule}:${port}${FAS_PATH}?fas=`), fasUrl);
    assert.match(fasUrl, /&iv=[0-9a-f]{16}$/);
    const landing = await browser.get(fasUrl);
    assert.equal(landing.status, 200, landing.body.slice(0, 300));
    assert.match(landing.url, /\/p\/[A-Za-z0-9_-]{32}$/);
    return { landing, fasUrl };
  }

  /** The dev IdP's form, as a person fills it in. */
  async function signIn(browser: NsBrowser, landing: NsPage): Promise<NsPage> {
    const link = /href="(\/p\/[A-Za-z0-9_-]+\/sign-in)"/.exec(landing.body)?.[1];
    assert.ok(link, 'landing page has a sign-in link');
    const form = await browser.get(new URL(link, landing.url).href);
    assert.equal(form.status, 200);
    assert.match(form.body, /<label for="username">/);
    return browser.submit(form, { username: ALICE.username, password: ALICE.password }, /\/dev-idp\/interaction\//);
  }

  async function reachesOutside(browser: NsBrowser): Promise<boolean> {
    const page = await tryGet(browser, `http://${ADDRESSES.outside}/`);
    return page?.status === 200 && page.body === 'INTERNET-OK\n';
  }

  async function nonCompliantStaysCaptive(scheme: 'http' | 'https', port: number): Promise<void> {
    const browser = browsers.noncompliant;
    const { landing } = await interceptedToLanding(browser, scheme, port);
    const result = await signIn(browser, landing);
    assert.equal(result.status, 200);
    assert.match(result.body, /Your device can’t join the network yet/);
    assert.match(result.body, /BitLocker/, 'the page says what to fix');
    assert.doesNotMatch(result.body, /opennds_auth|tok=/, 'no release link for a blocked device');
    assert.equal(await reachesOutside(browser), false, 'still captive');
    const again = await browser.get(OUTSIDE, { follow: false });
    assert.equal(again.status, 307, 'still intercepted by openNDS');
  }

  it('level 2: compliant device is released through the gateway auth URL; non-compliant stays captive; a flipped ciphertext byte is refused and stores nothing', async () => {
    const port = 8080;
    const vestibule = await startLabVestibule(topology, work, 'l2', { port, gateways: [gatewayEntry(2)], env: { LAB_FASKEY: faskey } });
    const local: LabProcess[] = [vestibule.process];
    try {
      const gateway = startOpenNds(topology, work, { level: 2, faskey, fasPort: port, fasPath: FAS_PATH });
      local.push(gateway);
      await gateway.waitFor(/Client List Refresh is Done/, 60_000);

      await nonCompliantStaysCaptive('http', port);

      // Tampering: the same gateway link with one ciphertext byte flipped, in each block position tried.
      const intercepted = await browsers.noncompliant.get(OUTSIDE, { follow: false });
      const before = storedSessions(vestibule.storeFile);
      const bodies = new Set<string>();
      // First block, a middle block, the block before the last (padding) and the last block: one answer for all (no padding oracle).
      for (const index of [0, 17, -17, -1]) {
        const tampered = flipCiphertextByte(String(intercepted.headers.location), index);
        const refused = await browsers.noncompliant.get(tampered, { follow: false });
        assert.equal(refused.status, 403, `byte ${index}: ${refused.body.slice(0, 200)}`);
        assert.match(refused.body, /<h1>This link has expired<\/h1>\s*<p>Reconnect to the Wi-Fi/);
        bodies.add(refused.body);
      }
      assert.equal(bodies.size, 1, 'every tampered link gets the same answer');
      assert.equal(storedSessions(vestibule.storeFile), before, 'a refused link stores nothing');

      const browser = browsers.compliant;
      assert.equal(await reachesOutside(browser), false, 'captive before sign-in');
      const { landing } = await interceptedToLanding(browser, 'http', port);
      const allowed = await signIn(browser, landing);
      assert.equal(allowed.status, 200);
      assert.match(allowed.body, /You’re approved/);
      const release = /<a class="button" href="([^"]+)"/.exec(allowed.body)?.[1];
      assert.ok(release, 'the allowed page links to the gateway');
      const releaseUrl = new URL(release.replace(/&amp;/g, '&'));
      assert.equal(releaseUrl.origin, `http://${ADDRESSES.gatewayLan}:2050`);
      assert.equal(releaseUrl.pathname, '/opennds_auth/');
      assert.match(releaseUrl.searchParams.get('tok') ?? '', /^[0-9a-f]{64}$/);
      const landed = await browser.get(releaseUrl.href);
      assert.deepEqual(
        landed.hops.slice(0, 2).map((u) => new URL(u).origin),
        [`http://${ADDRESSES.gatewayLan}:2050`, vestibule.url],
      );
      assert.equal(landed.status, 200);
      assert.match(landed.body, /You’re approved/);
      assert.doesNotMatch(landed.body, /http-equiv="refresh"/, 'back from the gateway: no second release');
      assert.equal(await reachesOutside(browser), true, 'the compliant device reaches the outside');
      assert.equal(await reachesOutside(browsers.noncompliant), false, 'the other device is still captive');
    } finally {
      await stopAll(local);
    }
  });

  it('level 3: Vestibule serves HTTPS itself; authmon collects the grant and the compliant device gets through; non-compliant stays captive', async () => {
    const port = 8443;
    const tls = labCertificates(work, ADDRESSES.vestibule);
    browsers = { compliant: new NsBrowser(sockets.compliant, readText(tls.caFile)), noncompliant: new NsBrowser(sockets.noncompliant, readText(tls.caFile)) };
    const vestibule = await startLabVestibule(topology, work, 'l3', { port, gateways: [gatewayEntry(3)], env: { LAB_FASKEY: faskey }, tls });
    const local: LabProcess[] = [vestibule.process];
    try {
      const gateway = startOpenNds(topology, work, { level: 3, faskey, fasPort: port, fasPath: FAS_PATH, caFile: tls.caFile });
      local.push(gateway);
      await gateway.waitFor(/Client List Refresh is Done/, 60_000);
      // authmon clears the queue once at start; queue nothing before its first poll (LAB.md A.2 item 5).
      await vestibule.process.waitFor(/"authmon":"view"/, 60_000);
      assert.match(vestibule.process.output(), /"authmon":"clear"/, 'authmon cleared the queue at start');

      await nonCompliantStaysCaptive('https', port);

      const browser = browsers.compliant;
      assert.equal(await reachesOutside(browser), false, 'captive before sign-in');
      const { landing } = await interceptedToLanding(browser, 'https', port);
      const allowed = await signIn(browser, landing);
      assert.equal(allowed.status, 200);
      assert.match(allowed.body, /You’re approved/);
      assert.match(allowed.body, /Approved — you’ll be connected within a few seconds/);
      assert.doesNotMatch(allowed.body, /opennds_auth|tok=/, 'level 3 has no release link');
      // authmon picks the grant up on its next poll, runs `ndsctl auth`, and acknowledges it.
      await vestibule.process.waitFor(/"authmon":"view","count":1/, 30_000);
      await vestibule.process.waitFor(/"authmon":"ack","count":1/, 30_000);
      assert.equal(await reachesOutside(browser), true, 'the compliant device reaches the outside');
      assert.equal(await reachesOutside(browsers.noncompliant), false, 'the other device is still captive');
      // A reload of the result page does not queue the grant again.
      const reload = await browser.get(allowed.url);
      assert.match(reload.body, /Approved/);
      assert.equal((vestibule.process.output().match(/"authmon":"view","count":1/g) ?? []).length, 1, 'the grant was handed out once');
    } finally {
      await stopAll(local);
    }
  });
});
