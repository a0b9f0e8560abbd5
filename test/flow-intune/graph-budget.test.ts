import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_IDS } from '../helpers/fake-graph/demo-devices.js';
import { findForm } from '../helpers/html-form.js';
import { gatewayPoll, GRAPH_MACS, pushAndSignIn, startIntunePortal, untilSettled } from '../helpers/intune-portal.js';
import { TEST_GATEWAYS } from '../helpers/test-vestibule.js';

const LAPTOP = `/v1.0/deviceManagement/managedDevices/${DEMO_IDS.aliceLaptop}`;
const graphCallsOf = (calls: ReadonlyArray<{ path: string }>) => calls.filter((c) => c.path.startsWith('/v1.0/')).length;

describe('intune: a Graph budget no user can break', () => {
  it('1,000 presses of Check again (25 at a time) cost at most a handful of Graph calls, every answer is a page, and the decision holds', async (t) => {
    // The portal rate limit is raised here so that every press reaches the evaluation: the Graph budget alone must hold.
    const portal = await startIntunePortal({ fake: { syncDelayMs: 20 }, env: { RATE_LIMIT_PORTAL: '100000', DEVICE_CHECK_COOLDOWN_SECONDS: '600' } });
    t.after(() => portal.stop());
    const { browser, handle, token, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceLaptop });
    const blocked = await untilSettled(browser, handle, result);
    assert.match(blocked.body, /Turn on encryption/);
    const form = findForm(blocked.body, /\/check$/)!;
    const before = graphCallsOf(portal.fake.calls);

    const PRESSES = 1000;
    const BATCH = 25;
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    for (let pressed = 0; pressed < PRESSES; pressed += BATCH) {
      // A press is answered 303 to its page (post/redirect/get) or a 429 page; after each batch the page itself is read.
      const presses = await Promise.all(Array.from({ length: BATCH }, () => browser.post(form.action, form.hidden, { follow: false })));
      for (const press of presses) count(press.status);
      const page = await browser.get(`/p/${handle}`);
      assert.equal(page.status, 200, `the page after ${pressed + BATCH} presses`);
      assert.match(page.body, /Turn on encryption/);
    }
    assert.equal(
      [...statuses.values()].reduce((a, b) => a + b, 0),
      PRESSES,
    );
    for (const status of statuses.keys()) assert.ok(status === 303 || status === 429, `a press was answered ${status}: ${JSON.stringify([...statuses])}`);
    const spent = graphCallsOf(portal.fake.calls) - before;
    t.diagnostic(`Graph calls for ${PRESSES} presses: ${spent}; answers ${JSON.stringify([...statuses])}`);
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
