import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ProviderUnavailableError } from '../../src/core/compliance/errors.js';
import { DEMO_DEVICES, DEMO_IDS } from '../helpers/fake-graph/demo-devices.js';
import { startFixture, type Fixture } from './provider-fixture.js';

const TOKEN_PATH = /\/oauth2\/v2\.0\/token$/;
let fx: Fixture;
afterEach(() => fx.close());

test('one client-credentials token serves many Graph calls until shortly before it expires', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone });
  await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.bobLaptop });
  assert.equal(fx.fake.count('POST', TOKEN_PATH), 1);
  const tokenCall = fx.fake.calls.find((c) => TOKEN_PATH.test(c.path));
  assert.equal(tokenCall?.path, `/${fx.fake.tenantId}/oauth2/v2.0/token`);
  fx.clock.advance(3599_000 - 299_000); // inside the 5-minute renewal margin
  await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone });
  assert.equal(fx.fake.count('POST', TOKEN_PATH), 2);
});

test('a Graph 401 renews the token once and the request then succeeds', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone });
  fx.fake.markTokensStale();
  const result = await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone });
  assert.equal(result.kind, 'found');
  assert.equal(fx.fake.count('POST', TOKEN_PATH), 2);
  assert.equal(fx.fake.count('GET', `/v1.0/deviceManagement/managedDevices/${DEMO_IDS.aliceIphone}`), 3);
});

test('a second 401 after renewing is an outage, not a retry loop', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  fx.fake.inject(/^\/v1\.0\//, { kind: 'status', status: 401 });
  await assert.rejects(fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone }), ProviderUnavailableError);
  assert.equal(fx.fake.count('POST', TOKEN_PATH), 2);
  assert.equal(fx.fake.count('GET', /^\/v1\.0\//), 2);
});

test('a refused client secret fails closed and neither the secret nor a token reaches the logs', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES }, provider: { clientSecret: 'wrong-secret-value' } });
  await assert.rejects(fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone }), ProviderUnavailableError);
  assert.equal(fx.fake.count('GET', /^\/v1\.0\//), 0);
  const logged = fx.logs.join('\n');
  assert.ok(logged.includes('token request refused'));
  assert.ok(!logged.includes('wrong-secret-value'));
});

test('successful calls never log the bearer token or the secret', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  fx.fake.markTokensStale();
  await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone });
  fx.fake.markTokensStale();
  await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone });
  const logged = fx.logs.join('\n');
  assert.ok(!logged.includes('fake-graph-'), 'token value in logs');
  assert.ok(!logged.includes(fx.fake.clientSecret));
});

test('health reports ok with a token and a cheap Graph call, and reports failure without throwing', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  assert.deepEqual(await fx.provider.health(), { ok: true });
  const probe = fx.fake.calls.find((c) => c.path === '/v1.0/deviceManagement/managedDevices');
  assert.equal(probe?.query.get('$top'), '1');
  fx.fake.inject(/^\/v1\.0\//, { kind: 'status', status: 403 });
  const health = await fx.provider.health();
  assert.equal(health.ok, false);
  assert.match(health.detail ?? '', /403/);
});

test('a token endpoint that fails once with 503 is retried inside the budget', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  fx.fake.inject(TOKEN_PATH, { kind: 'status', status: 503 }, { times: 1 });
  const result = await fx.provider.findDevice({ by: 'id', id: DEMO_IDS.aliceIphone });
  assert.equal(result.kind, 'found');
  assert.equal(fx.fake.count('POST', TOKEN_PATH), 2);
});
