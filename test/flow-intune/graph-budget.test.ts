import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_IDS } from '../helpers/fake-graph/demo-devices.js';
import { findForm } from '../helpers/html-form.js';
import { gatewayPoll, GRAPH_MACS, pushAndSignIn, startIntunePortal, untilSettled } from '../helpers/intune-portal.js';
import { TEST_GATEWAYS } from '../helpers/test-vestibule.js';

const LAPTOP = `/v1.0/deviceManagement/managedDevices/${DEMO_IDS.aliceLaptop}`;
const graphCallsOf = (calls: ReadonlyArray<{ path: string }>) => calls.filter((c) => c.path.startsWith('/v1.0/')).length;

describe('intune: a Graph budget no user can break', () => {
  it('400 presses of Check again (10 at a time) cost at most a handful of Graph calls, and the decision holds', async (t) => {
    // The portal rate limit is raised here so that the presses reach the evaluation; the cool-down alone must hold.
    const portal = await startIntunePortal({ fake: { syncDelayMs: 20 }, env: { RATE_LIMIT_PORTAL: '100000', DEVICE_CHECK_COOLDOWN_SECONDS: '600' } });
    t.after(() => portal.stop());
    const { browser, handle, token, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceLaptop });
    const blocked = await untilSettled(browser, handle, result);
    assert.match(blocked.body, /Turn on encryption/);
    const form = findForm(blocked.body, /\/check$/)!;
    const before = graphCallsOf(portal.fake.calls);

    let next = 0;
    const statuses = new Map<number, number>();
    const worker = async () => {
      while (next < 400) {
        next += 1;
        const press = await browser.post(form.action, form.hidden, { follow: false });
        statuses.set(press.status, (statuses.get(press.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    assert.deepEqual([...statuses], [[303, 400]], 'every press was answered (post/redirect/get)');
    const spent = graphCallsOf(portal.fake.calls) - before;
    t.diagnostic(`Graph calls for 400 presses: ${spent}`);
    assert.ok(spent <= 5, `${spent} Graph calls`);
    assert.equal(portal.fake.count('POST', `${LAPTOP}/syncDevice`), 1, 'one sync in all');
    const polled = await gatewayPoll(portal.vestibule.url, token);
    assert.equal(polled.decision, 'deny');
    assert.equal(polled.status, 'blocked');
  });

  it('another session of the same device inside the cool-down is answered from the shared result', async (t) => {
    const portal = await startIntunePortal({ fake: { syncDelayMs: 20 }, env: { DEVICE_CHECK_COOLDOWN_SECONDS: '600' } });
    t.after(() => portal.stop());
    const first = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceLaptop });
    await untilSettled(first.browser, first.handle, first.result);
    const before = graphCallsOf(portal.fake.calls);
    const second = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceLaptop });
    const page = await untilSettled(second.browser, second.handle, second.result);
    assert.match(page.body, /Turn on encryption/);
    assert.equal(graphCallsOf(portal.fake.calls) - before, 0, 'no Graph call for the second session');
    assert.equal((await gatewayPoll(portal.vestibule.url, second.token)).decision, 'deny');
  });

  it("Graph's Retry-After on a device read is remembered: the same query a moment later does not go to Graph, and says how long to wait", async (t) => {
    const portal = await startIntunePortal();
    t.after(() => portal.stop());
    portal.fake.inject(LAPTOP, { kind: 'status', status: 429, retryAfter: '41' }, { method: 'GET', times: 1 });
    const query = () =>
      fetch(new URL(`/api/compliance/2.0/devices?intuneDeviceId=${DEMO_IDS.aliceLaptop}`, portal.vestibule.url), {
        headers: { authorization: `Bearer ${TEST_GATEWAYS.hq.apiKey}` },
      });
    const first = await query();
    assert.equal(first.status, 503);
    assert.equal(first.headers.get('retry-after'), '41');
    const reads = graphCallsOf(portal.fake.calls);
    const second = await query();
    assert.equal(second.status, 503);
    const wait = Number(second.headers.get('retry-after'));
    assert.ok(wait >= 35 && wait <= 41, `Retry-After ${wait}: the time left, not a fresh guess`);
    assert.equal(graphCallsOf(portal.fake.calls), reads, 'no request to Graph while it asked us to wait');
  });
});
