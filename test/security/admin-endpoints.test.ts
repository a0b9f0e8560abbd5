import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startVestibule, type TestVestibule } from '../helpers/test-vestibule.js';

const TOKEN = 'metrics-token-for-tests-0123456789abcdefXYZ';

describe('/metrics and the detail of /readyz are for operators only', () => {
  describe('no METRICS_TOKEN, no ADMIN_PORT', () => {
    let v: TestVestibule;
    before(async () => {
      v = await startVestibule();
    });
    after(() => v.stop());

    it('guests on the portal port get no /metrics and only the status of /readyz; /healthz stays public', async () => {
      const metrics = await fetch(`${v.url}/metrics`);
      assert.equal(metrics.status, 404);
      assert.doesNotMatch(await metrics.text(), /vestibule_|process_cpu/);
      const ready = await fetch(`${v.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready' });
      const health = await fetch(`${v.url}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok' });
      assert.equal(v.admin, undefined, 'no admin listener unless ADMIN_PORT is set');
    });
  });

  describe('METRICS_TOKEN', () => {
    let v: TestVestibule;
    before(async () => {
      v = await startVestibule({ METRICS_TOKEN: TOKEN });
    });
    after(() => v.stop());

    it('without the bearer token: 401 on /metrics, status only on /readyz; with it: both in full', async () => {
      for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${TOKEN}`]) {
        const refused = await fetch(`${v.url}/metrics`, { headers: authorization ? { authorization } : {} });
        assert.equal(refused.status, 401, String(authorization));
        assert.equal(refused.headers.get('www-authenticate'), 'Bearer');
        assert.deepEqual(await (await fetch(`${v.url}/readyz`, { headers: authorization ? { authorization } : {} })).json(), { status: 'ready' });
      }
      const metrics = await fetch(`${v.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(metrics.status, 200);
      assert.match(await metrics.text(), /vestibule_http_request_duration_seconds/);
      const ready = await fetch(`${v.url}/readyz`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.deepEqual(await ready.json(), { status: 'ready', checks: { store: 'ok', compliance: 'ok' } });
    });

    it('a short METRICS_TOKEN is refused at start', async () => {
      await assert.rejects(startVestibule({ METRICS_TOKEN: 'short' }), /METRICS_TOKEN: must be at least 32 characters/);
    });
  });

  describe('ADMIN_PORT', () => {
    let v: TestVestibule;
    let adminUrl: string;
    const admin = createServer();
    before(async () => {
      v = await startVestibule({ ADMIN_PORT: '0' });
      admin.on('request', v.admin!);
      await new Promise<void>((resolve) => admin.listen(0, '127.0.0.1', resolve));
      adminUrl = `http://127.0.0.1:${(admin.address() as AddressInfo).port}`;
    });
    after(async () => {
      admin.close();
      await v.stop();
    });

    it('the admin listener serves /metrics and the detailed /readyz; the portal port does not', async () => {
      const metrics = await fetch(`${adminUrl}/metrics`);
      assert.equal(metrics.status, 200);
      // The admin listener shares the app's registry: it sees the portal's traffic.
      await fetch(`${v.url}/healthz`);
      assert.match(await (await fetch(`${adminUrl}/metrics`)).text(), /vestibule_http_request_duration_seconds_count/);
      assert.deepEqual(await (await fetch(`${adminUrl}/readyz`)).json(), { status: 'ready', checks: { store: 'ok', compliance: 'ok' } });
      assert.equal((await fetch(`${v.url}/metrics`)).status, 404);
      assert.deepEqual(await (await fetch(`${v.url}/readyz`)).json(), { status: 'ready' });
    });
  });
});
