import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser } from '../helpers/browser.js';
import { signIn } from '../helpers/portal-flow.js';
import { startVestibule, type TestVestibule } from '../helpers/test-vestibule.js';

describe('the development demo pages', () => {
  let vestibule: TestVestibule;
  before(async () => {
    vestibule = await startVestibule({ GATEWAYS_FILE: './config/demo/gateways.json' });
  });
  after(() => vestibule.stop());

  it('connects any device typed as a MAC, and the pretend gateway shows the polled decision', async () => {
    const browser = new Browser(vestibule.url);
    const demo = await browser.get('/demo');
    assert.match(demo.body, /MAC address or Intune device ID/);
    const landing = await browser.submit(demo, { identity: 'a4-b1-c2-d3-e4-f5' }, /\/demo\/connect-device$/);
    const result = await signIn(browser, landing, { username: 'alice', password: 'vestibule-demo' });
    assert.match(result.body, /You’re approved/);
    const target = /<meta http-equiv="refresh" content="\d+;url=([^"]+)">/.exec(result.body)![1]!.replace(/&amp;/g, '&');
    const gateway = await browser.get(new URL(target).pathname + new URL(target).search);
    assert.match(gateway.body, /data-decision="allow"/);
  });

  it('refuses something that is neither a MAC nor a device ID', async () => {
    const browser = new Browser(vestibule.url);
    const page = await browser.post('/demo/connect-device', { identity: 'not-a-device' });
    assert.equal(page.status, 400);
  });

  it('does not exist in production, and neither does the development IdP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vestibule-prod-'));
    const gateways = join(dir, 'gateways.json');
    writeFileSync(
      gateways,
      JSON.stringify({
        gateways: [
          { id: 'hq-wlc', name: 'HQ', dialect: 'native', secrets: ['Zr8#kP2m!Lq9vX4tW7yB3nC6dF1gH5jK'], apiKeys: ['Ak83jd7Hq2Lm5Nz9Pw4Rt6Vx1Yb0Cs3D'] },
        ],
      }),
    );
    const production = await startVestibule({
      NODE_ENV: 'production',
      STORE_URL: `sqlite://${join(dir, 'prod.sqlite')}`,
      SESSION_SECRET: 'Q7v!pL2#xR9@mN4$kT6^wB1&zY3*cF5%-production-test',
      GATEWAYS_FILE: gateways,
      // Discovery is lazy: nothing is fetched from this issuer unless someone signs in.
      OIDC_ISSUER: 'https://login.invalid/tenant/v2.0',
      OIDC_CLIENT_ID: 'client',
      OIDC_CLIENT_SECRET: 'client-secret',
      LOCAL_INVENTORY_FILE: './config/demo/inventory.json',
      LOCAL_POLICY_FILE: './config/demo/policy.json',
    });
    try {
      for (const path of [
        '/demo',
        '/demo/gateway/return?state=x',
        '/dev-idp/.well-known/openid-configuration',
        '/api/v1/inventory/devices/0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0',
      ]) {
        const response = await fetch(new URL(path, production.url), { headers: { accept: 'text/html' } });
        assert.equal(response.status, 404, path);
      }
      assert.equal((await fetch(new URL('/healthz', production.url))).status, 200, 'the production app itself is up');
    } finally {
      await production.stop();
    }
  });
});
