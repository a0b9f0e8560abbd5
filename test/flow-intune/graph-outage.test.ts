import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INTUNE_TUNING } from '../../src/providers/intune/create-intune-provider.js';
import { DEMO_IDS } from '../helpers/fake-graph/demo-devices.js';
import type { Page } from '../helpers/browser.js';
import { gatewayPoll, GRAPH_MACS, isChecking, pushAndSignIn, startIntunePortal, untilSettled, type IntunePortal } from '../helpers/intune-portal.js';

const GRAPH = /^\/v1\.0\//;
const IPHONE = `/v1.0/deviceManagement/managedDevices/${DEMO_IDS.aliceIphone}`;

/** The portal's "try again" page: 503, Retry-After, a retry link to the same portal URL, no caching. */
function assertTryAgain(page: Page, handle: string): void {
  assert.equal(page.status, 503);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(page.headers.get('cache-control'), 'no-store');
  assert.match(page.headers.get('retry-after') ?? '', /^\d+$/);
  assert.match(page.body, /<h1>Please try again soon<\/h1>/);
  assert.match(page.body, /We can’t check your device right now\. Try again in a minute\./);
  assert.ok(page.body.includes(`<a class="button" href="/p/${handle}">Try again</a>`));
  assert.doesNotMatch(page.body, /You’re approved|http-equiv="refresh"/);
}

/** One good visit first (token, MAC index): the outage then hits a running service. */
async function warmUp(portal: IntunePortal): Promise<void> {
  const warm = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceIphone });
  assert.match((await untilSettled(warm.browser, warm.handle, warm.result)).body, /You’re approved/);
}

describe('intune: Graph outages during a portal visit fail closed and recover', { concurrency: true }, () => {
  it('Graph answering 503 everywhere: the visit ends on the try-again page after a bounded number of retries, the gateway sees pending, and a retry after recovery works', async (t) => {
    const portal = await startIntunePortal({ fake: { syncDelayMs: 20 } });
    t.after(() => portal.stop());
    await warmUp(portal);
    portal.fake.inject(GRAPH, { kind: 'status', status: 503 });

    const before = portal.fake.calls.length;
    const { browser, handle, token, result, signInMs } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceLaptop });
    assertTryAgain(result, handle);
    t.diagnostic(`try-again page after ${Math.round(signInMs)} ms`);
    const failedCalls = portal.fake.calls.slice(before).filter((c) => GRAPH.test(c.path)).length;
    assert.ok(failedCalls >= 2 && failedCalls <= 12, `retried a bounded number of times (${failedCalls})`);
    const pending = await gatewayPoll(portal.vestibule.url, token);
    assert.equal(pending.status, 'pending');
    assert.equal(pending.decision, 'pending');
    assert.equal(pending.device, null);
    assert.equal((await portal.session(handle)).evaluation, null);

    portal.fake.clearFaults();
    const page = await untilSettled(browser, handle, await browser.get(`/p/${handle}`));
    assert.equal(page.status, 200);
    assert.match(page.body, /Your device can’t join the network yet/);
    assert.match(page.body, /Turn on encryption/);
    const polled = await gatewayPoll(portal.vestibule.url, token);
    assert.equal(polled.status, 'blocked');
    assert.equal(polled.decision, 'deny');
  });

  it('Graph answering 503 on a cold start (MAC index never built): a retry right after Graph recovers works', async (t) => {
    const portal = await startIntunePortal({ fake: { syncDelayMs: 20 } });
    t.after(() => portal.stop());
    portal.fake.inject(GRAPH, { kind: 'status', status: 503 });
    const { browser, handle, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceIphone });
    assertTryAgain(result, handle);

    portal.fake.clearFaults();
    const callsBefore = portal.fake.calls.length;
    const retried = await browser.get(`/p/${handle}`);
    assert.ok(portal.fake.calls.length > callsBefore, 'the retry asks Graph again');
    assert.equal(retried.status, 200);
    assert.match((await untilSettled(browser, handle, retried)).body, /You’re approved/);
  });

  it('Graph failing after the sync started (while checking): try-again page, session back to pending (never allow), then a retry finishes it', async (t) => {
    const portal = await startIntunePortal({ fake: { syncDelayMs: null } });
    t.after(() => portal.stop());
    const { browser, handle, token, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceIphone });
    assert.ok(isChecking(result));
    assert.equal((await gatewayPoll(portal.vestibule.url, token)).status, 'evaluating');

    // Graph throttles with "retry now" hints until the budget of attempts is used up.
    portal.fake.inject(GRAPH, { kind: 'status', status: 503, retryAfter: '0' });
    const before = portal.fake.calls.length;
    const failed = await browser.get(`/p/${handle}`);
    assertTryAgain(failed, handle);
    const failedCalls = portal.fake.calls.slice(before).filter((c) => GRAPH.test(c.path)).length;
    assert.ok(failedCalls >= 2 && failedCalls <= 12, `retried a bounded number of times (${failedCalls})`);
    const pending = await gatewayPoll(portal.vestibule.url, token);
    assert.equal(pending.status, 'pending', 'evaluating falls back to pending, not to a decision');
    assert.equal(pending.decision, 'pending');

    portal.fake.clearFaults();
    portal.fake.devices.get(DEMO_IDS.aliceIphone)!.lastSyncDateTime = new Date(Date.now() + 1000).toISOString();
    const page = await untilSettled(browser, handle, await browser.get(`/p/${handle}`));
    assert.match(page.body, /You’re approved/);
    assert.equal((await gatewayPoll(portal.vestibule.url, token)).decision, 'allow');
    assert.equal(portal.fake.count('POST', `${IPHONE}/syncDevice`), 1, 'the retry inside the interval did not sync again');
  });

  it('a black-holed Graph (accepts, never answers): the visit still ends with the try-again page, cut off by the time budget, pending, and recovers without restart', async (t) => {
    const portal = await startIntunePortal({ fake: { syncDelayMs: 20 } });
    t.after(() => portal.stop());
    await warmUp(portal);
    portal.fake.inject(GRAPH, { kind: 'blackHole' });
    const before = portal.fake.calls.length;
    const { browser, handle, token, result, signInMs } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceLaptop });
    // Graph never answers, so only a time bound can end the visit; which one shows in the attempts:
    // the total budget leaves room for ceil(budget / request timeout) of them, the request timeout
    // alone would have allowed every retry (a busy machine only ever leaves room for fewer).
    assertTryAgain(result, handle);
    const attempts = portal.fake.calls.slice(before).filter((c) => GRAPH.test(c.path)).length;
    t.diagnostic(`try-again page after ${Math.round(signInMs)} ms and ${attempts} black-holed attempts`);
    const budgetAllows = Math.ceil(INTUNE_TUNING.totalBudgetMs / INTUNE_TUNING.requestTimeoutMs);
    assert.ok(attempts >= 1 && attempts <= budgetAllows, `${attempts} black-holed attempts, the budget allows ${budgetAllows}`);
    assert.equal((await gatewayPoll(portal.vestibule.url, token)).decision, 'pending');

    portal.fake.clearFaults();
    const page = await untilSettled(browser, handle, await browser.get(`/p/${handle}`));
    assert.match(page.body, /Turn on encryption/);
    assert.equal((await gatewayPoll(portal.vestibule.url, token)).decision, 'deny');
  });

  it('429 with Retry-After: the portal waits as told, then carries on; a single 429 costs one retry, not a failure', async (t) => {
    const portal = await startIntunePortal({ fake: { syncDelayMs: 20 } });
    t.after(() => portal.stop());
    portal.fake.inject(`${IPHONE}/syncDevice`, { kind: 'status', status: 429, retryAfter: '1' }, { method: 'POST', times: 1 });

    const { browser, handle, token, result, signInMs } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceIphone });
    assert.equal(result.status, 200);
    const syncs = portal.fake.calls.filter((c) => c.method === 'POST' && c.path === `${IPHONE}/syncDevice`);
    assert.equal(syncs.length, 2, 'the throttled sync was sent once more');
    const gap = syncs[1]!.at - syncs[0]!.at;
    // Only a lower bound: a busy machine makes the gap longer, never shorter.
    assert.ok(gap >= 950, `retried after Retry-After (gap ${gap} ms)`);
    assert.ok(signInMs >= 1000);
    const page = await untilSettled(browser, handle, result);
    assert.match(page.body, /You’re approved/);
    assert.equal((await gatewayPoll(portal.vestibule.url, token)).decision, 'allow');
  });

  // A throttled syncDevice alone is decided from a fresh read (test/flow-intune/throttled-sync.test.ts);
  // a throttled device read leaves nothing to decide from.
  it('429 with a Retry-After longer than the time bound on the device read: no waiting past the bound, no hammering, try-again page, pending', async (t) => {
    const portal = await startIntunePortal({ fake: { syncDelayMs: 20 } });
    t.after(() => portal.stop());
    portal.fake.inject(IPHONE, { kind: 'status', status: 429, retryAfter: '120' }, { method: 'GET' });

    const { handle, token, result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceIphone });
    assertTryAgain(result, handle);
    assert.equal(portal.fake.count('GET', IPHONE), 1, 'no retry inside the Retry-After period');
    assert.equal((await gatewayPoll(portal.vestibule.url, token)).decision, 'pending');
  });

  it('429 with a long Retry-After on the device read is passed on to the browser as the try-again page’s Retry-After', async (t) => {
    const portal = await startIntunePortal({ fake: { syncDelayMs: 20 } });
    t.after(() => portal.stop());
    portal.fake.inject(IPHONE, { kind: 'status', status: 429, retryAfter: '120' }, { method: 'GET' });
    const { result } = await pushAndSignIn(portal.vestibule.url, { mac: GRAPH_MACS.aliceIphone });
    assert.equal(result.status, 503);
    assert.ok(Number(result.headers.get('retry-after')) >= 120, `Retry-After ${result.headers.get('retry-after')}`);
  });
});
