import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { radiusApi } from '../../src/api/radius/radius-api.js';
import { ProviderUnavailableError } from '../../src/core/compliance/errors.js';
import type { ComplianceProvider, DeviceRef, LookupResult } from '../../src/core/compliance/types.js';
import { AccessSessionRepository } from '../../src/core/sessions/access-session-repository.js';
import { RadiusSessions, type RadiusContext } from '../../src/gateway/dialects/radius/radius-sessions.js';
import { loadGateways } from '../../src/gateway/gateway-registry.js';
import { errorHandler } from '../../src/http/error-handler.js';
import { openMemoryStores } from '../../src/store/memory-stores.js';
import { buildDevice } from '../helpers/compliance-provider-double.js';

const RADIUS_KEY = 'radius-gw-api-key-Jd83Kq20Zm57Wx41Fv';
const NATIVE_KEY = 'native-gw-api-key-Pq72Ls19Xc64Vb38Nm';
const PUBLIC_URL = new URL('https://vestibule.example.test');
const GUID = '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0';
const OTHER_GUID = '5d6e7f80-91a2-4b3c-8d4e-5f60718293a4';

const dir = mkdtempSync(join(tmpdir(), 'vestibule-radius-api-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function gatewaysFile(radius: Record<string, unknown> = {}): string {
  const path = join(dir, `gateways-${++files}.json`);
  const gateways = [
    {
      id: 'campus',
      name: 'Campus',
      dialect: 'radius',
      apiKeys: [RADIUS_KEY],
      scopes: ['radius'],
      radius: {
        nas: [{ address: '192.0.2.10', secret: 'nas-shared-key-7Hq2Lp9Xv4Rt8Mw3Zk5Yc' }],
        acceptAttributes: [{ name: 'reply:Aruba-User-Role', value: 'employee' }],
        quarantineAttributes: [
          { name: 'reply:Cisco-AVPair', value: 'url-redirect-acl=REDIRECT' },
          { name: 'reply:Cisco-AVPair', value: 'url-redirect={portalUrl}' },
        ],
        ...radius,
      },
    },
    {
      id: 'native-gw',
      name: 'Native',
      dialect: 'native',
      secrets: ['native-signing-value-0a1b2c3d4e5f60718293a4b5'],
      apiKeys: [NATIVE_KEY],
      scopes: ['sessions', 'radius'],
    },
  ];
  writeFileSync(path, JSON.stringify({ gateways }));
  return path;
}

/** The endpoint on its own, with a provider whose answer each test sets. */
function harness(radius: Record<string, unknown> = {}) {
  const stores = openMemoryStores();
  let answer: (ref: DeviceRef) => Promise<LookupResult> = async () => ({ kind: 'notFound' });
  const lookups: DeviceRef[] = [];
  const provider = { name: 'local', findDevice: (ref: DeviceRef) => (lookups.push(ref), answer(ref)) } as unknown as ComplianceProvider;
  const sessions = new AccessSessionRepository(stores.atomic, stores.changes, { pendingTtlMs: 600_000, decisionTtlMs: 600_000 });
  const radiusSessions = new RadiusSessions({
    sessions,
    index: stores.namespace<string>('radius-device-session'),
    contexts: stores.namespace<RadiusContext>('radius-context'),
    ttlMs: 1_200_000,
  });
  const registry = loadGateways(gatewaysFile(radius), { devMode: false, env: {}, publicUrl: PUBLIC_URL });
  const logger = pino({ level: 'silent' });
  const app = express();
  app.use('/api/radius', radiusApi({ registry, provider, radiusSessions, publicUrl: PUBLIC_URL, graceAllows: false, logger }));
  app.use(errorHandler(logger));
  return { app, stores, sessions, radiusSessions, lookups, setAnswer: (fn: typeof answer) => (answer = fn) };
}

/** An rlm_rest `body = 'json'` request body. */
function rlmRest(attributes: Record<string, string | string[]>) {
  return Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { type: 'string', value: ([] as string[]).concat(value) }]));
}

const post = (app: express.Express, body: unknown, key = RADIUS_KEY) =>
  request(app)
    .post('/api/radius/v1/authorize')
    .set('authorization', `Bearer ${key}`)
    .send(body as object);

describe('POST /api/radius/v1/authorize', () => {
  it('needs a radius-scope key of a radius gateway', async () => {
    const { app } = harness();
    const body = rlmRest({ 'Calling-Station-Id': 'AA-BB-CC-DD-EE-01', 'NAS-IP-Address': '192.0.2.10' });
    assert.equal((await request(app).post('/api/radius/v1/authorize').send(body)).status, 401);
    const native = await post(app, body, NATIVE_KEY);
    assert.equal(native.status, 403);
    assert.equal(native.body.type.endsWith('not_radius_gateway'), true, JSON.stringify(native.body));
  });

  it('refuses what is not rlm_rest JSON, or lacks NAS-IP-Address, with a 400 naming the problem', async () => {
    const { app, lookups } = harness();
    const flat = await post(app, { 'Calling-Station-Id': 'AA-BB-CC-DD-EE-01' });
    assert.equal(flat.status, 400);
    assert.match(flat.body.detail, /Calling-Station-Id must be/);
    const noNas = await post(app, rlmRest({ 'Calling-Station-Id': 'AA-BB-CC-DD-EE-01' }));
    assert.equal(noNas.status, 400);
    assert.match(noNas.body.detail, /NAS-IP-Address/);
    assert.equal(lookups.length, 0, 'nothing was looked up');
  });

  it('compliant MAC → accept with the accept set; the MAC is looked up canonical whatever the notation', async () => {
    const { app, setAnswer, lookups } = harness();
    setAnswer(async () => ({ kind: 'found', device: buildDevice({ complianceState: 'compliant' }) }));
    const response = await post(app, rlmRest({ 'Calling-Station-Id': 'aabb.ccdd.ee01', 'NAS-IP-Address': '192.0.2.10' }));
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, {
      'control:Vestibule-Verdict': { op: ':=', value: ['accept'], do_xlat: false },
      'reply:Reply-Message': { op: ':=', value: ['vestibule: accept (compliant)'], do_xlat: false },
      'reply:Aruba-User-Role': { op: '+=', value: ['employee'], do_xlat: false },
    });
    assert.deepEqual(lookups, [{ by: 'mac', mac: 'AABBCCDDEE01' }]);
  });

  it('non-compliant → quarantine with {portalUrl} filled, one stored portal session per device, its CoA context kept', async () => {
    const { app, setAnswer, sessions, radiusSessions } = harness();
    setAnswer(async () => ({ kind: 'found', device: buildDevice({ complianceState: 'noncompliant' }) }));
    const body = rlmRest({
      'Calling-Station-Id': 'AA-BB-CC-DD-EE-02',
      'NAS-IP-Address': '192.0.2.10',
      'User-Name': 'aabbccddee02',
      'Acct-Session-Id': '0A0B0C0D',
    });
    const first = await post(app, body);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body['control:Vestibule-Verdict'].value, ['quarantine']);
    const [acl, redirect] = first.body['reply:Cisco-AVPair'].value as string[];
    assert.equal(acl, 'url-redirect-acl=REDIRECT');
    const handle = /^url-redirect=https:\/\/vestibule\.example\.test\/p\/([A-Za-z0-9_-]{32})$/.exec(redirect!)?.[1];
    assert.ok(handle, redirect);
    const stored = await sessions.byHandle(handle);
    assert.equal(stored?.session.client.mac, 'AABBCCDDEE02');
    assert.equal(stored?.session.gatewayId, 'campus');
    assert.deepEqual(await radiusSessions.contextOf(stored.session.token), {
      gatewayId: 'campus',
      nasIpAddress: '192.0.2.10',
      callingStationId: 'AA-BB-CC-DD-EE-02',
      userName: 'aabbccddee02',
      acctSessionId: '0A0B0C0D',
    });
    const second = await post(app, body);
    assert.deepEqual(second.body['reply:Cisco-AVPair'].value, first.body['reply:Cisco-AVPair'].value, 'same session while it is open');
  });

  it('the certificate SAN outranks the MAC: IntuneDeviceId:// and ISE ID:…:GUID: forms; two different device ids → reject', async () => {
    const { app, setAnswer, lookups } = harness();
    setAnswer(async () => ({ kind: 'found', device: buildDevice({ complianceState: 'compliant' }) }));
    const san = `URI:IntuneDeviceId://${GUID.toUpperCase()}, URI:tag:microsoft.com,2022-09-14:sid:S-1-5-21-1-2-3-512`;
    const viaIntune = await post(
      app,
      rlmRest({ 'Calling-Station-Id': 'AA-BB-CC-DD-EE-03', 'NAS-IP-Address': '192.0.2.10', 'TLS-Client-Cert-X509v3-Subject-Alternative-Name': san }),
    );
    assert.deepEqual(viaIntune.body['control:Vestibule-Verdict'].value, ['accept']);
    const viaIse = await post(
      app,
      rlmRest({ 'NAS-IP-Address': '192.0.2.10', 'TLS-Client-Cert-X509v3-Subject-Alternative-Name': `URI:ID:Intune:GUID:${OTHER_GUID}` }),
    );
    assert.deepEqual(viaIse.body['control:Vestibule-Verdict'].value, ['accept']);
    assert.deepEqual(lookups, [
      { by: 'id', id: GUID },
      { by: 'id', id: OTHER_GUID },
    ]);
    const two = await post(
      app,
      rlmRest({
        'Calling-Station-Id': 'AA-BB-CC-DD-EE-03',
        'NAS-IP-Address': '192.0.2.10',
        'TLS-Client-Cert-X509v3-Subject-Alternative-Name': `URI:IntuneDeviceId://${GUID}, URI:ID:Intune:GUID:${OTHER_GUID}`,
      }),
    );
    assert.deepEqual(two.body['control:Vestibule-Verdict'].value, ['reject']);
    assert.deepEqual(two.body['reply:Reply-Message'].value, ['vestibule: reject (multiple_device_ids)']);
    assert.equal(lookups.length, 2, 'no lookup for a certificate naming two devices');
  });

  it('provider down → the gateway’s failClosed answer (reject by default, or quarantine), never accept', async () => {
    for (const failClosed of ['reject', 'quarantine'] as const) {
      const { app, setAnswer } = harness({ failClosed });
      setAnswer(async () => {
        throw new ProviderUnavailableError('Graph is down');
      });
      const response = await post(app, rlmRest({ 'Calling-Station-Id': 'AA-BB-CC-DD-EE-04', 'NAS-IP-Address': '192.0.2.10' }));
      assert.equal(response.status, 200);
      assert.deepEqual(response.body['control:Vestibule-Verdict'].value, [failClosed]);
      assert.deepEqual(response.body['reply:Reply-Message'].value, [`vestibule: ${failClosed} (provider_unavailable)`]);
      assert.equal(response.body['reply:Aruba-User-Role'], undefined);
    }
  });
});

describe('gateways file: radius entries', () => {
  const load = (radius: Record<string, unknown>) => () => loadGateways(gatewaysFile(radius), { devMode: false, env: {}, publicUrl: PUBLIC_URL });
  it('refuses a quarantine set without {portalUrl}, a reserved attribute, a short NAS secret, a bad address', () => {
    assert.throws(load({ quarantineAttributes: [{ name: 'reply:Cisco-AVPair', value: 'url-redirect-acl=REDIRECT' }] }), /no value contains \{portalUrl\}/);
    assert.throws(load({ acceptAttributes: [{ name: 'control:Auth-Type', value: 'Accept' }] }), /set by Vestibule itself/);
    assert.throws(load({ nas: [{ address: '192.0.2.10', secret: 'short-Key1' }] }), /shorter than 32 bytes/);
    assert.throws(load({ nas: [{ address: 'switch-1', secret: 'nas-shared-key-7Hq2Lp9Xv4Rt8Mw3Zk5Yc' }] }), /IPv4 or IPv6/);
    assert.throws(load({ failClosed: 'accept' }), /failClosed/);
  });
});
