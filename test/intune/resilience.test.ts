import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, test } from 'node:test';
import { ProviderUnavailableError } from '../../src/core/compliance/errors.js';
import { DEMO_DEVICES, DEMO_IDS } from '../helpers/fake-graph/demo-devices.js';
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

test('a Retry-After longer than the budget fails fast with the hint instead of waiting', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  fx.fake.inject(PATH, { kind: 'status', status: 429, retryAfter: '120' });
  const started = performance.now();
  const error = await fx.provider.findDevice(byId).catch((e: unknown) => e);
  assert.ok(error instanceof ProviderUnavailableError);
  assert.equal(error.options.retryAfterSeconds, 120);
  // Failing would mean waiting out the 6 s budget; the bound leaves room for a loaded machine.
  assert.ok(performance.now() - started < 4000);
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

test('a black-holed Graph gives ProviderUnavailableError within the total budget', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES }, provider: { requestTimeoutMs: 300, totalBudgetMs: 1200 } });
  fx.fake.inject(/^\/v1\.0\//, { kind: 'blackHole' });
  const started = performance.now();
  await assert.rejects(fx.provider.findDevice(byId), ProviderUnavailableError);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 1200 + 3000, `took ${elapsed} ms (budget 1200 ms; slack for a loaded machine)`);
  assert.ok(fx.fake.count('GET', PATH) >= 2, 'timed-out attempts are retried inside the budget');
});

test('a black-holed token endpoint is bounded by the budget too', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES }, provider: { requestTimeoutMs: 5000, totalBudgetMs: 500 } });
  fx.fake.inject(/\/token$/, { kind: 'blackHole' });
  const started = performance.now();
  await assert.rejects(fx.provider.findDevice(byId), ProviderUnavailableError);
  // The 5 s request timeout is what an unbounded wait would hit; the 500 ms budget must end it well before.
  assert.ok(performance.now() - started < 3500);
});

test('the caller aborting stops the request at once', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  fx.fake.inject(/^\/v1\.0\//, { kind: 'blackHole' });
  const started = performance.now();
  await assert.rejects(fx.provider.findDevice(byId, { signal: AbortSignal.timeout(100) }), ProviderUnavailableError);
  // Not aborting would run into the 2 s request timeout and its retries.
  assert.ok(performance.now() - started < 1500);
});

test('concurrent requests never exceed maxConcurrency in flight', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES }, provider: { maxConcurrency: 2, requestTimeoutMs: 300, totalBudgetMs: 600 } });
  await fx.provider.health(); // obtain the token first so only device reads are counted
  fx.fake.inject(/^\/v1\.0\/deviceManagement\/managedDevices\/[^/]+$/, { kind: 'blackHole' });
  const deviceReads = () => fx.fake.count('GET', /^\/v1\.0\/deviceManagement\/managedDevices\/[^/]+$/);
  const all = Promise.allSettled(DEMO_DEVICES.map((d) => fx.provider.findDevice({ by: 'id', id: d.id })));
  // Wait for the two slots to fill (an event, not a fixed sleep), then check no third read got in.
  for (let i = 0; i < 200 && deviceReads() < 2; i += 1) await sleep(10);
  assert.equal(deviceReads(), 2, 'the other three wait for a slot');
  const results = await all;
  assert.ok(results.every((r) => r.status === 'rejected' && r.reason instanceof ProviderUnavailableError));
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
