import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { DEMO_DEVICES, DEMO_IDS, DEMO_POLICY_STATES } from '../helpers/fake-graph/demo-devices.js';
import type { EvaluationTicket } from '../../src/core/compliance/types.js';
import { waitFor } from '../helpers/wait-for.js';
import { startFixture, type Fixture } from './provider-fixture.js';

let fx: Fixture;
afterEach(() => fx.close());
const SYNC = (id: string) => `/v1.0/deviceManagement/managedDevices/${id}/syncDevice`;

/** The device checks in now, on Intune's (wall) clock, once that is past the ticket's start (the provider's manual clock). */
async function landSyncAfter(startedAt: string, deviceId: string): Promise<void> {
  await waitFor(() => Date.now() > Date.parse(startedAt), { what: 'the wall clock to pass the ticket' });
  fx.fake.landSync(deviceId);
}

test('beginEvaluation sends one syncDevice; a re-check inside the interval sends none and reports it', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  const first = await fx.provider.beginEvaluation(DEMO_IDS.aliceIphone);
  assert.equal(first.syncRequested, true);
  assert.equal(first.deviceId, DEMO_IDS.aliceIphone);
  assert.equal(first.startedAt, new Date(fx.clock.t).toISOString());
  fx.clock.advance(60_000);
  const second = await fx.provider.beginEvaluation(DEMO_IDS.aliceIphone);
  assert.equal(second.syncRequested, false);
  assert.equal(fx.fake.count('POST', SYNC(DEMO_IDS.aliceIphone)), 1);
  const progress = await fx.provider.pollEvaluation(second, { deadline: fx.clock.t + 20_000 });
  assert.ok(progress.done, 'no sync sent: the current state is the answer');
  assert.equal(progress.evaluation.stale, false);
  fx.clock.advance(240_001);
  assert.equal((await fx.provider.beginEvaluation(DEMO_IDS.aliceIphone)).syncRequested, true);
  assert.equal(fx.fake.count('POST', SYNC(DEMO_IDS.aliceIphone)), 2);
});

test('the sync rate limit is shared by instances using the same store', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  const other = fx.anotherInstance();
  assert.equal((await fx.provider.beginEvaluation(DEMO_IDS.bobLaptop)).syncRequested, true);
  assert.equal((await other.beginEvaluation(DEMO_IDS.bobLaptop)).syncRequested, false);
  assert.equal(fx.fake.count('POST', SYNC(DEMO_IDS.bobLaptop)), 1);
});

test('polling stays pending until lastSyncDateTime moves past the ticket, then reports the new state', async () => {
  // The sync lands when the test says so: a busy machine cannot make it land before the first poll.
  fx = await startFixture({ fake: { devices: DEMO_DEVICES, syncDelayMs: null } });
  fx.fake.afterSync.set(DEMO_IDS.aliceAndroid, { complianceState: 'compliant' });
  const ticket = await fx.provider.beginEvaluation(DEMO_IDS.aliceAndroid);
  const deadline = fx.clock.t + 20_000;
  assert.deepEqual(await fx.provider.pollEvaluation(ticket, { deadline }), { done: false });
  await landSyncAfter(ticket.startedAt, DEMO_IDS.aliceAndroid);
  const progress = await fx.provider.pollEvaluation(ticket, { deadline });
  assert.ok(progress.done);
  assert.equal(progress.evaluation.complianceState, 'compliant');
  assert.equal(progress.evaluation.stale, false);
  assert.deepEqual(progress.evaluation.reasons, []);
  assert.ok(Date.parse(progress.evaluation.evaluatedAt) > Date.parse(ticket.startedAt));
});

test('past the deadline without a new sync, the last known state is returned as stale', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES, policyStates: DEMO_POLICY_STATES, syncDelayMs: null } });
  const ticket = await fx.provider.beginEvaluation(DEMO_IDS.aliceLaptop);
  const deadline = fx.clock.t + 20_000;
  assert.deepEqual(await fx.provider.pollEvaluation(ticket, { deadline }), { done: false });
  fx.clock.advance(20_000);
  const progress = await fx.provider.pollEvaluation(ticket, { deadline });
  assert.ok(progress.done);
  assert.equal(progress.evaluation.stale, true);
  assert.equal(progress.evaluation.complianceState, 'noncompliant');
  assert.equal(progress.evaluation.evaluatedAt, '2024-06-01T08:00:00Z');
  assert.ok(progress.evaluation.reasons.some((r) => r.code === 'OS_TOO_OLD'));
});

test('any instance can continue a ticket another one started', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES, syncDelayMs: null } });
  // The ticket travels through the access session as JSON.
  const ticket = JSON.parse(JSON.stringify(await fx.anotherInstance().beginEvaluation(DEMO_IDS.aliceIphone))) as EvaluationTicket;
  const deadline = fx.clock.t + 20_000;
  assert.deepEqual(await fx.provider.pollEvaluation(ticket, { deadline }), { done: false });
  await landSyncAfter(ticket.startedAt, DEMO_IDS.aliceIphone);
  const progress = await fx.provider.pollEvaluation(ticket, { deadline });
  assert.ok(progress.done);
  assert.equal(progress.evaluation.deviceId, DEMO_IDS.aliceIphone);
  assert.equal(progress.evaluation.stale, false);
});
