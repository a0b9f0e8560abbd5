import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ProviderUnavailableError } from '../../src/core/compliance/errors.js';
import { DEMO_DEVICES, DEMO_IDS } from '../helpers/fake-graph/demo-devices.js';
import { waitFor } from '../helpers/wait-for.js';
import { startFixture, type Fixture } from './provider-fixture.js';

let fx: Fixture;
afterEach(() => fx.close());
const PATH = `/v1.0/deviceManagement/managedDevices/${DEMO_IDS.aliceIphone}`;
const byId = { by: 'id', id: DEMO_IDS.aliceIphone } as const;

function gaps(path: string): number[] {
  const times = fx.fake.calls.filter((c) => c.path === path).map((c) => c.at);
  return times.slice(1).map((t, i) => t - (times[i] ?? t));
}

test('a 429 with Retry-After is retried no sooner than Graph asked', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  fx.fake.inject(PATH, { kind: 'status', status: 429, retryAfter: '1' }, { times: 1 });
  const result = await fx.provider.findDevice(byId);
  assert.equal(result.kind, 'found');
  assert.equal(fx.fake.count('GET', PATH), 2);
  assert.ok((gaps(PATH)[0] ?? 0) >= 950, `retried after ${gaps(PATH)[0]} ms`);
});

test('a Retry-After longer than the budget fails fast with the hint instead of waiting', { timeout: 60_000 }, async () => {
  // Waiting as told (20 min) or until the budget is spent (10 min) would outlast the test's timeout by far.
  fx = await startFixture({ fake: { devices: DEMO_DEVICES }, provider: { totalBudgetMs: 600_000 } });
  fx.fake.inject(PATH, { kind: 'status', status: 429, retryAfter: '1200' });
  const error = await fx.provider.findDevice(byId).catch((e: unknown) => e);
  assert.ok(error instanceof ProviderUnavailableError);
  assert.equal(error.options.retryAfterSeconds, 1200);
  assert.equal(fx.fake.count('GET', PATH), 1);
});

test('503s without Retry-After are retried with back-off until Graph recovers', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES }, provider: { retryBaseDelayMs: 100 } });
  fx.fake.inject(PATH, { kind: 'status', status: 503 }, { times: 3 });
  const result = await fx.provider.findDevice(byId);
  assert.ok(result.kind === 'found' && result.device.id === DEMO_IDS.aliceIphone);
  assert.equal(fx.fake.count('GET', PATH), 4);
  assert.ok(fx.logs.filter((l) => l.includes('retrying Graph request')).length === 3);
});

test('a Graph that keeps failing ends in ProviderUnavailableError, never a guess', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  fx.fake.inject(/^\/v1\.0\//, { kind: 'status', status: 500 });
  await assert.rejects(fx.provider.findDevice(byId), ProviderUnavailableError);
  await assert.rejects(fx.provider.beginEvaluation(DEMO_IDS.aliceIphone), ProviderUnavailableError);
  assert.ok(fx.fake.count('GET', PATH) <= 6, 'attempts are bounded');
});

// The bounds below are driven by a Graph that never answers, with every other bound far away:
// only the bound under test can end the call, so a busy machine changes how long it takes,
// never the verdict. The tests' own timeouts turn a missing bound into a failure, not a hang.

test('a black-holed Graph gives ProviderUnavailableError once the total budget is spent, with request timeouts far away', { timeout: 60_000 }, async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES }, provider: { requestTimeoutMs: 600_000, totalBudgetMs: 1000 } });
  fx.fake.inject(/^\/v1\.0\//, { kind: 'blackHole' });
  await assert.rejects(fx.provider.findDevice(byId), ProviderUnavailableError);
  assert.ok(fx.fake.count('GET', PATH) >= 1, 'Graph was asked, and never answered');
});

test('an attempt that times out is retried inside the budget', { timeout: 60_000 }, async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES }, provider: { requestTimeoutMs: 1000 } });
  await fx.provider.health(); // the token first, so the short request timeout is only tried on the device read
  fx.fake.inject(PATH, { kind: 'blackHole' }, { times: 1 });
  const result = await fx.provider.findDevice(byId);
  // The first read never answers: an answer means a retry after its timeout (a busy machine may need more than one).
  assert.ok(result.kind === 'found' && result.device.id === DEMO_IDS.aliceIphone);
  assert.ok(fx.fake.count('GET', PATH) >= 2, 'the black-holed attempt and a retry');
  assert.ok(
    fx.logs.some((l) => l.includes('intune: Graph request failed')),
    'the timed-out attempt is logged',
  );
});

test('a black-holed token endpoint is bounded by the budget too', { timeout: 60_000 }, async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES }, provider: { requestTimeoutMs: 600_000, totalBudgetMs: 500 } });
  fx.fake.inject(/\/token$/, { kind: 'blackHole' });
  await assert.rejects(fx.provider.findDevice(byId), ProviderUnavailableError);
  assert.equal(fx.fake.count('GET', PATH), 0, 'no Graph request without a token');
});

test('the caller aborting stops the request at once', { timeout: 60_000 }, async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES }, provider: { requestTimeoutMs: 600_000, totalBudgetMs: 600_000 } });
  fx.fake.inject(/^\/v1\.0\//, { kind: 'blackHole' });
  const caller = new AbortController();
  const found = fx.provider.findDevice(byId, { signal: caller.signal });
  await waitFor(() => fx.fake.count('GET', PATH) === 1, { what: 'the device read to reach Graph' });
  caller.abort();
  await assert.rejects(found, ProviderUnavailableError);
  assert.equal(fx.fake.count('GET', PATH), 1, 'no retry after the caller gave up');
});

test('concurrent requests never exceed maxConcurrency in flight', { timeout: 60_000 }, async () => {
  // Counts what is really in flight at the HTTP client, where the limit applies.
  const DEVICE_READ = /\/v1\.0\/deviceManagement\/managedDevices\/[^/?]+$/;
  let inFlight = 0;
  let mostInFlight = 0;
  const counting: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!DEVICE_READ.test(new URL(url).pathname)) return globalThis.fetch(input, init);
    mostInFlight = Math.max(mostInFlight, (inFlight += 1));
    try {
      const response = await globalThis.fetch(input, init);
      await response.clone().arrayBuffer();
      return response;
    } finally {
      inFlight -= 1;
    }
  };
  // Each black-holed read holds its slot for 5 s, so two start together long before either ends.
  fx = await startFixture({ fake: { devices: DEMO_DEVICES }, provider: { fetch: counting, maxConcurrency: 2, requestTimeoutMs: 5000, totalBudgetMs: 6000 } });
  await fx.provider.health(); // obtain the token first: token requests take no slot
  fx.fake.inject(DEVICE_READ, { kind: 'blackHole' });
  const results = await Promise.allSettled(DEMO_DEVICES.map((d) => fx.provider.findDevice({ by: 'id', id: d.id })));
  assert.ok(results.every((r) => r.status === 'rejected' && r.reason instanceof ProviderUnavailableError));
  assert.equal(mostInFlight, 2, 'both slots were used, and never a third request');
});

test('a nextLink to another origin is refused rather than sent our token', async () => {
  const realFetch = globalThis.fetch;
  // Rewrites the first page's nextLink to a look-alike host, as a hostile proxy could.
  const rewriting: typeof fetch = async (input, init) => {
    const response = await realFetch(input, init);
    if (!(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).includes('$filter')) return response;
    const body = (await response.json()) as Record<string, unknown>;
    body['@odata.nextLink'] = `http://localhost:1/v1.0/deviceManagement/managedDevices?$skiptoken=1`;
    return Response.json(body);
  };
  fx = await startFixture({ fake: { devices: DEMO_DEVICES, pageSize: 1 }, provider: { fetch: rewriting } });
  await assert.rejects(async () => {
    for await (const device of fx.provider.listNoncompliant()) void device;
  }, ProviderUnavailableError);
  assert.equal(fx.fake.calls.filter((c) => c.query.has('$skiptoken')).length, 0);
});
