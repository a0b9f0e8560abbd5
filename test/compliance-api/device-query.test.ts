import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { buildDevice, createProviderDouble } from '../helpers/compliance-provider-double.js';
import { bearer, buildApp, KEYS } from './build-app.js';

const phone = buildDevice({ wiFiMacAddress: 'A4B1C2D3E4F5', ethernetMacAddress: '0A1B2C3D4E5F', complianceState: 'noncompliant' });
const laptop = buildDevice({ wiFiMacAddress: '001122334455', operatingSystem: 'Windows' });
const twin = buildDevice({ ethernetMacAddress: '001122334455' });
const devices = [phone, laptop, twin];
const url = (query: string, version = '2.0') => `/api/compliance/${version}/devices?${query}`;

function problemOf(res: request.Response) {
  assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
  return res.body as { type: string; status: number; detail: string };
}

describe('device-specific queries', () => {
  const { app } = buildApp({ devices });

  it('finds a device by Intune device ID in any case', async () => {
    const res = await request(app)
      .get(url(`intuneDeviceId=${phone.id.toUpperCase()}`))
      .set(bearer(KEYS.ise))
      .expect(200);
    assert.deepEqual(res.body, { value: [{ complianceState: 'noncompliant', managedByIntune: true, macAddress: 'A4B1C2D3E4F5', intuneDeviceId: phone.id }] });
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('finds a device by MAC in every notation', async () => {
    const notations = [
      'A4:B1:C2:D3:E4:F5',
      'a4:b1:c2:d3:e4:f5',
      'A4-B1-C2-D3-E4-F5',
      'a4-b1-c2-d3-e4-f5',
      'a4b1.c2d3.e4f5',
      'A4B1.C2D3.E4F5',
      'A4B1C2D3E4F5',
      'a4b1c2d3e4f5',
      'a4B1c2D3e4F5',
    ];
    for (const mac of notations) {
      const res = await request(app)
        .get(url(`macAddress=${encodeURIComponent(mac)}`))
        .set(bearer(KEYS.ise))
        .expect(200);
      assert.equal(res.body.value[0].intuneDeviceId, phone.id, mac);
    }
  });

  it('finds a device by its Ethernet MAC too, and reports the MAC that was asked about', async () => {
    const res = await request(app).get(url('macAddress=0a:1b:2c:3d:4e:5f')).set(bearer(KEYS.ise)).expect(200);
    assert.equal(res.body.value[0].intuneDeviceId, phone.id);
    assert.equal(res.body.value[0].macAddress, '0A1B2C3D4E5F');
  });

  it('reports a MAC shared by two devices as ambiguous instead of picking one', async () => {
    const res = await request(app).get(url('macAddress=00:11:22:33:44:55')).set(bearer(KEYS.ise)).expect(409);
    const problem = problemOf(res);
    assert.equal(problem.type, 'urn:vestibule:problem:ambiguous_mac');
    assert.match(problem.detail, /ambiguous: 2 enrolled devices/);
    assert.equal(JSON.stringify(res.body).includes(laptop.id), false);
  });

  it('answers an unknown device with managedByIntune false and nothing else', async () => {
    for (const query of ['macAddress=DE:AD:BE:EF:00:01', 'intuneDeviceId=5f0e1d2c-3b4a-4978-8796-a5b4c3d2e1f0']) {
      for (const version of ['1.0', '1.1', '1.3', '2.0']) {
        const res = await request(app).get(url(query, version)).set(bearer(KEYS.ise)).expect(200);
        assert.deepEqual(res.body, { value: [{ managedByIntune: false }] });
      }
    }
  });

  it('rejects malformed GUIDs with a 400 naming intuneDeviceId', async () => {
    for (const guid of ['', 'not-a-guid', `${phone.id}0`, phone.id.replace(/-/g, ''), `{${phone.id}}`, `${phone.id.slice(0, 35)}g`, 'x'.repeat(300)]) {
      const res = await request(app)
        .get(url(`intuneDeviceId=${encodeURIComponent(guid)}`))
        .set(bearer(KEYS.ise))
        .expect(400);
      assert.match(problemOf(res).detail, /"intuneDeviceId"/, guid);
    }
  });

  it('rejects malformed MACs with a 400 naming macAddress', async () => {
    for (const mac of ['', 'A4:B1:C2:D3:E4', 'A4:B1-C2:D3:E4:F5', 'G4B1C2D3E4F5', 'A4B1C2D3E4F5A', 'a4b1.c2d3e4f5', ' A4B1C2D3E4F5']) {
      const res = await request(app)
        .get(url(`macAddress=${encodeURIComponent(mac)}`))
        .set(bearer(KEYS.ise))
        .expect(400);
      assert.match(problemOf(res).detail, /"macAddress"/, mac);
    }
  });

  it('rejects unknown versions', async () => {
    for (const version of ['1.2', '3.0', 'v1', '1', '1.00', '2.0.0', 'latest']) {
      const res = await request(app)
        .get(url(`intuneDeviceId=${phone.id}`, version))
        .set(bearer(KEYS.ise))
        .expect(400);
      assert.equal(problemOf(res).type, 'urn:vestibule:problem:unsupported_version', version);
    }
  });

  it('rejects unknown, duplicated and conflicting parameters', async () => {
    const cases: Array<[string, RegExp]> = [
      [`intuneDeviceId=${phone.id}&foo=bar`, /Unknown query parameter "foo"/],
      [`intuneDeviceId=${phone.id}&intuneDeviceId=${laptop.id}`, /"intuneDeviceId" is given more than once/],
      [`intuneDeviceId=${phone.id}&macAddress=A4B1C2D3E4F5`, /exactly one of/],
      ['', /exactly one of/],
      [`intuneDeviceId=${phone.id}&pageSize=5`, /"pageSize" applies only/],
      [`__proto__=x&intuneDeviceId=${phone.id}`, /Unknown query parameter "__proto__"/],
      ['complianceState=compliant', /"complianceState" supports only "noncompliant"/],
    ];
    for (const [query, detail] of cases) {
      const res = await request(app).get(url(query)).set(bearer(KEYS.ise)).expect(400);
      assert.match(problemOf(res).detail, detail, query);
    }
  });

  it('requires a bearer key with the compliance scope', async () => {
    const missing = await request(app)
      .get(url(`intuneDeviceId=${phone.id}`))
      .expect(401);
    assert.equal(missing.headers['www-authenticate'], 'Bearer');
    assert.equal(missing.headers['cache-control'], 'no-store');
    await request(app)
      .get(url(`intuneDeviceId=${phone.id}`))
      .set(bearer('wrong-key-0123456789abcdefghijklmnop'))
      .expect(401);
    await request(app)
      .get(url(`intuneDeviceId=${phone.id}`))
      .set('Authorization', `Basic ${KEYS.ise}`)
      .expect(401);
    const scoped = await request(app)
      .get(url(`intuneDeviceId=${phone.id}`))
      .set(bearer(KEYS.sessionsOnly))
      .expect(403);
    assert.equal(problemOf(scoped).type, 'urn:vestibule:problem:scope_missing');
  });

  it('answers other methods with 405', async () => {
    const res = await request(app)
      .post(url(`intuneDeviceId=${phone.id}`))
      .set(bearer(KEYS.ise))
      .expect(405);
    assert.equal(res.headers.allow, 'GET, HEAD');
  });

  it('is never throttled', async () => {
    const { app: throttled, clock } = buildApp({ devices });
    await request(throttled).get(url('complianceState=noncompliant')).set(bearer(KEYS.ise)).expect(200);
    clock.advance(2 * 3600);
    await request(throttled).get(url('complianceState=noncompliant')).set(bearer(KEYS.ise)).expect(503);
    for (let i = 0; i < 50; i++) {
      await request(throttled)
        .get(url(`intuneDeviceId=${phone.id}`))
        .set(bearer(KEYS.ise))
        .expect(200);
    }
  });

  it('answers 503 when the backend is down, never a guess', async () => {
    const { app: down } = buildApp({ provider: createProviderDouble({ devices, down: true }) });
    const res = await request(down).get(url('macAddress=A4B1C2D3E4F5')).set(bearer(KEYS.ise)).expect(503);
    assert.equal(problemOf(res).type, 'urn:vestibule:problem:provider_unavailable');
    assert.equal(res.headers['retry-after'], '7');
  });
});
