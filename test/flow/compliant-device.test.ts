import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { poll } from '../helpers/gateway-client.js';
import { connectAndSignIn, DEVICES, refreshTarget } from '../helpers/portal-flow.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

describe('a compliant device, end to end', () => {
  let vestibule: TestVestibule;
  before(async () => {
    vestibule = await startVestibule();
  });
  after(() => vestibule.stop());

  it('signs in, shows the allowed page, returns to the gateway with a token the gateway polls as allow', async () => {
    const { result } = await connectAndSignIn(vestibule.url, { mac: DEVICES.aliceIphone.mac, ip: '10.1.2.3', sid: 'wlc-session-42' });
    assert.equal(result.status, 200);
    assert.match(result.body, /You’re approved/);
    assert.match(result.body, /Alice Example/);
    const target = refreshTarget(result);
    assert.ok(target, 'the allowed page sends the browser back to the gateway');
    assert.equal(target.origin + target.pathname, 'http://10.0.0.1:2050/vestibule/return');
    assert.equal(target.searchParams.get('gw'), 'hq', 'the configured query is kept');
    assert.equal(target.searchParams.get('sid'), 'wlc-session-42');
    const token = target.searchParams.get('state')!;
    assert.match(token, /^[A-Za-z0-9_-]{32}$/);
    assert.ok(result.body.includes(`href="${target.href.replace(/&/g, '&amp;')}"`), 'a Continue link goes to the same place');

    const polled = await poll(vestibule.url, TEST_GATEWAYS.hq, token);
    assert.equal(polled.status, 200);
    assert.equal(polled.headers.get('cache-control'), 'no-store');
    assert.equal(polled.headers.get('etag'), `"${polled.body.version}"`);
    assert.equal(polled.body.decision, 'allow');
    assert.equal(polled.body.status, 'allowed');
    assert.equal(polled.body.gateway, 'hq-wlc');
    assert.equal(polled.body.sid, 'wlc-session-42');
    assert.deepEqual(polled.body.client, { mac: 'A4B1C2D3E4F5', ip: '10.1.2.3' });
    assert.deepEqual(polled.body.device, { id: DEVICES.aliceIphone.id, complianceState: 'compliant', managed: true });
    assert.deepEqual(polled.body.user, { id: '2b1c4a52-5d0e-4c3a-9f1e-7a6b5c4d3e21', name: 'Alice Example' });
    assert.deepEqual(polled.body.reasons, []);

    const notModified = await poll(vestibule.url, TEST_GATEWAYS.hq, token, { etag: polled.headers.get('etag')! });
    assert.equal(notModified.status, 304);
  });
});
