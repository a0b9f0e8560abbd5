import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { EvaluationProgress } from '../../src/core/compliance/types.js';
import { graphDevice } from '../helpers/fake-graph/device-builder.js';
import { DEMO_DEVICES, DEMO_IDS, DEMO_POLICY_STATES } from '../helpers/fake-graph/demo-devices.js';
import { startFixture, type Fixture } from './provider-fixture.js';

let fx: Fixture;
afterEach(() => fx.close());

/** Evaluates without a sync (the rate limit is held), which reads the current state. */
async function currentEvaluation(id: string): Promise<EvaluationProgress & { done: true }> {
  await fx.stores.atomic.claim(`intune:sync:${id}`, 'test', 300_000);
  const ticket = await fx.provider.beginEvaluation(id);
  const progress = await fx.provider.pollEvaluation(ticket, { deadline: fx.clock.t + 1000 });
  assert.ok(progress.done);
  return progress;
}

test('failing settings map to reason codes with their current value; unmapped ones name setting and policy', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES, policyStates: DEMO_POLICY_STATES } });
  const { evaluation } = await currentEvaluation(DEMO_IDS.aliceLaptop);
  assert.equal(evaluation.complianceState, 'noncompliant');
  assert.deepEqual(evaluation.reasons, [
    {
      code: 'OS_TOO_OLD',
      setting: 'Windows10CompliancePolicy.osMinimumVersion',
      settingName: 'Minimum OS version',
      policyName: 'Windows 10/11 baseline',
      currentValue: '10.0.19044.1288',
    },
    {
      code: 'ENCRYPTION_REQUIRED',
      setting: 'Windows10CompliancePolicy.storageRequireEncryption',
      settingName: 'Encryption of data storage on device',
      policyName: 'Windows 10/11 baseline',
      currentValue: 'false',
    },
    // Untrusted text passes through unescaped: the templates encode it exactly once.
    {
      code: 'SETTING_NONCOMPLIANT',
      setting: 'Windows10CompliancePolicy.contosoAssetTagPresent',
      settingName: 'Asset tag <script>',
      policyName: 'Contoso <b>extras</b>',
      currentValue: 'missing',
    },
  ]);
  assert.equal(fx.fake.count('GET', `/v1.0/deviceManagement/managedDevices/${DEMO_IDS.aliceLaptop}/deviceCompliancePolicyStates`), 1);
});

test('a device in its grace period carries the deadline alongside its failing settings', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES, policyStates: DEMO_POLICY_STATES } });
  const { evaluation } = await currentEvaluation(DEMO_IDS.aliceMacbook);
  const deadline = fx.fake.devices.get(DEMO_IDS.aliceMacbook)?.complianceGracePeriodExpirationDateTime;
  assert.equal(evaluation.complianceState, 'inGracePeriod');
  assert.equal(evaluation.graceDeadline, deadline);
  assert.deepEqual(
    evaluation.reasons.map((r) => r.code),
    ['IN_GRACE_PERIOD', 'FIREWALL_OFF'],
  );
  assert.equal(evaluation.reasons[0]?.deadline, deadline);
});

test('an unknown (newly enrolled) device reports STATE_UNKNOWN and no setting lookups', async () => {
  fx = await startFixture({ fake: { devices: DEMO_DEVICES } });
  const { evaluation } = await currentEvaluation(DEMO_IDS.aliceAndroid);
  assert.equal(evaluation.complianceState, 'unknown');
  assert.deepEqual(evaluation.reasons, [{ code: 'STATE_UNKNOWN' }]);
  assert.equal(fx.fake.count('GET', /deviceCompliancePolicyStates$/), 0);
});

test('error, conflict, configManager and pending retirement map to their device-level codes', async () => {
  const ids = [
    'a0000000-0000-4000-8000-000000000001',
    'a0000000-0000-4000-8000-000000000002',
    'a0000000-0000-4000-8000-000000000003',
    'a0000000-0000-4000-8000-000000000004',
  ] as const;
  fx = await startFixture({
    fake: {
      devices: [
        graphDevice({ id: ids[0], complianceState: 'error' }),
        graphDevice({ id: ids[1], complianceState: 'conflict' }),
        graphDevice({ id: ids[2], complianceState: 'configManager' }),
        graphDevice({ id: ids[3], complianceState: 'compliant', managementState: 'retirePending' }),
      ],
    },
  });
  const codes = [];
  for (const id of ids) codes.push((await currentEvaluation(id)).evaluation.reasons.map((r) => r.code));
  assert.deepEqual(codes, [['COMPLIANCE_ERROR'], ['COMPLIANCE_ERROR'], ['CONFIGMGR_NONCOMPLIANT'], ['DEVICE_RETIRING']]);
  assert.equal((await currentEvaluation(ids[1])).evaluation.complianceState, 'conflict');
});
