import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { Evaluation, Reason } from '../../src/core/compliance/types.js';
import { graphDevice, policyState, settingState } from '../helpers/fake-graph/device-builder.js';
import { DEMO_DEVICES, DEMO_IDS, DEMO_POLICY_STATES } from '../helpers/fake-graph/demo-devices.js';
import { DEMO_POLICIES, DEMO_POLICY_IDS } from '../helpers/fake-graph/demo-policies.js';
import type { FakeGraphOptions } from '../helpers/fake-graph/fake-graph-server.js';
import { startFixture, type Fixture } from './provider-fixture.js';

/**
 * Issue 11, defect 11: an OS version reason says what the policy requires, not only what the
 * device runs. Graph's setting state has the current value; the bound is read from the policy
 * (GET /deviceCompliancePolicies/{id}), once per policy and tenant for a while.
 */
let fx: Fixture;
afterEach(() => fx.close());

const POLICIES = /^\/v1\.0\/deviceManagement\/deviceCompliancePolicies\//;
const IPHONE_OLD = 'c0000000-0000-4000-8000-000000000001';
const IPHONE_NEW = 'c0000000-0000-4000-8000-000000000002';
const LAPTOP_TWO = 'c0000000-0000-4000-8000-000000000003';
const ENCRYPTION_ONLY = 'c0000000-0000-4000-8000-000000000004';

const iosState = (setting: string, current: string) =>
  policyState(DEMO_POLICY_IDS.iOS, 'iOS baseline', 'nonCompliant', [settingState(`IosCompliancePolicy.${setting}`, 'OS version', 'nonCompliant', current)]);
const windowsState = (current: string, extra: unknown[] = []) =>
  policyState(DEMO_POLICY_IDS.windows, 'Windows 10/11 baseline', 'nonCompliant', [
    settingState('Windows10CompliancePolicy.osMinimumVersion', 'Minimum OS version', 'nonCompliant', current),
    ...extra,
  ]);

/** The demo tenant plus two iPhones (too old, too new), a second old laptop and one with encryption off only. */
function tenant(extra: Partial<FakeGraphOptions> = {}): FakeGraphOptions {
  const iphone = { operatingSystem: 'iOS', complianceState: 'noncompliant' };
  return {
    devices: [
      ...DEMO_DEVICES,
      graphDevice({ id: IPHONE_OLD, ...iphone, osVersion: '16.7.8' }),
      graphDevice({ id: IPHONE_NEW, ...iphone, osVersion: '26.0' }),
      graphDevice({ id: LAPTOP_TWO, complianceState: 'noncompliant', osVersion: '10.0.19045.4291' }),
      graphDevice({ id: ENCRYPTION_ONLY, complianceState: 'noncompliant' }),
    ],
    policyStates: {
      ...DEMO_POLICY_STATES,
      [IPHONE_OLD]: [iosState('osMinimumVersion', '16.7.8')],
      [IPHONE_NEW]: [iosState('osMaximumVersion', '26.0')],
      [LAPTOP_TWO]: [windowsState('10.0.19045.4291')],
      [ENCRYPTION_ONLY]: [
        policyState(DEMO_POLICY_IDS.windows, 'Windows 10/11 baseline', 'nonCompliant', [
          settingState('Windows10CompliancePolicy.storageRequireEncryption', 'Encryption', 'nonCompliant', 'false'),
        ]),
      ],
    },
    policies: DEMO_POLICIES,
    ...extra,
  };
}

/** Evaluates without a sync (the rate limit is held), which reads the current state. */
async function evaluate(id: string, provider = fx.provider): Promise<Evaluation> {
  await fx.stores.atomic.claim(`intune:sync:${id}`, 'test', 300_000);
  const progress = await provider.pollEvaluation(await provider.beginEvaluation(id), { deadline: fx.clock.t + 1000 });
  assert.ok(progress.done);
  return progress.evaluation;
}

const osReason = (evaluation: Evaluation): Reason | undefined => evaluation.reasons.find((r) => r.code === 'OS_TOO_OLD' || r.code === 'OS_TOO_NEW');

test('a Windows device below the minimum gets its current and the required version', async () => {
  fx = await startFixture({ fake: tenant() });
  const reason = osReason(await evaluate(DEMO_IDS.aliceLaptop));
  assert.deepEqual(reason, {
    code: 'OS_TOO_OLD',
    setting: 'Windows10CompliancePolicy.osMinimumVersion',
    settingName: 'Minimum OS version',
    policyName: 'Windows 10/11 baseline',
    currentValue: '10.0.19044.1288',
    required: { comparison: 'atLeast', value: '10.0.22631.2861' },
  });
  assert.equal(fx.fake.count('GET', `/v1.0/deviceManagement/deviceCompliancePolicies/${DEMO_POLICY_IDS.windows}`), 1);
});

test('iOS: below the minimum names the minimum, above the maximum names the maximum', async () => {
  fx = await startFixture({ fake: tenant() });
  assert.deepEqual(osReason(await evaluate(IPHONE_OLD))?.required, { comparison: 'atLeast', value: '17.0' });
  const tooNew = osReason(await evaluate(IPHONE_NEW));
  assert.equal(tooNew?.code, 'OS_TOO_NEW');
  assert.deepEqual(tooNew?.required, { comparison: 'atMost', value: '18.5' });
  assert.equal(fx.fake.count('GET', POLICIES), 1, 'both iPhones share one policy read');
});

test('one policy read serves every device and every instance until the cache time has passed', async () => {
  fx = await startFixture({ fake: tenant() });
  await evaluate(DEMO_IDS.aliceLaptop);
  const second = await evaluate(LAPTOP_TWO, fx.anotherInstance());
  assert.deepEqual(osReason(second)?.required, { comparison: 'atLeast', value: '10.0.22631.2861' });
  assert.equal(fx.fake.count('GET', POLICIES), 1, 'the second device, on another instance, used the stored policy');

  // The admin raises the minimum; it shows once the cached copy has expired (10 minutes).
  fx.fake.policies.get(DEMO_POLICY_IDS.windows)!.osMinimumVersion = '10.0.26100.1742';
  fx.clock.advance(600_001);
  assert.deepEqual(osReason(await evaluate(LAPTOP_TWO))?.required, { comparison: 'atLeast', value: '10.0.26100.1742' });
  assert.equal(fx.fake.count('GET', POLICIES), 2);
});

test('no policy is read when no OS version reason needs it', async () => {
  fx = await startFixture({ fake: tenant() });
  await evaluate(ENCRYPTION_ONLY);
  await evaluate(DEMO_IDS.aliceIphone); // compliant
  await evaluate(DEMO_IDS.aliceMacbook); // grace period, firewall only
  assert.equal(fx.fake.count('GET', POLICIES), 0);
});

test('without DeviceManagementConfiguration.Read.All (403) the reason keeps the current version, the visit succeeds, one warning', async () => {
  fx = await startFixture({ fake: tenant({ missingPermissions: ['DeviceManagementConfiguration.Read.All'] }) });
  const first = await evaluate(DEMO_IDS.aliceLaptop);
  assert.equal(first.complianceState, 'noncompliant');
  assert.deepEqual(
    first.reasons.map((r) => r.code),
    ['OS_TOO_OLD', 'ENCRYPTION_REQUIRED', 'SETTING_NONCOMPLIANT'],
  );
  const reason = osReason(first);
  assert.equal(reason?.currentValue, '10.0.19044.1288');
  assert.equal(reason?.required, undefined);

  const second = await evaluate(LAPTOP_TWO);
  assert.equal(osReason(second)?.required, undefined);
  assert.equal(fx.fake.count('GET', POLICIES), 1, 'the refusal is remembered: no second request');
  const warnings = fx.logs.filter((line) => line.includes('DeviceManagementConfiguration.Read.All'));
  assert.equal(warnings.length, 1, 'logged once');
});

test('a throttled or failing policy read leaves the current version only and never fails the visit', async () => {
  fx = await startFixture({ fake: tenant() });
  fx.fake.inject(POLICIES, { kind: 'status', status: 503 });
  const failed = await evaluate(DEMO_IDS.aliceLaptop);
  assert.equal(osReason(failed)?.currentValue, '10.0.19044.1288');
  assert.equal(osReason(failed)?.required, undefined);
  const attempts = fx.fake.count('GET', POLICIES);
  assert.ok(attempts >= 1);
  // For a minute nobody tries again: the next visit does not wait on the same failure.
  await evaluate(LAPTOP_TWO);
  assert.equal(fx.fake.count('GET', POLICIES), attempts);
  assert.equal(fx.logs.filter((line) => line.includes('could not read a compliance policy')).length, 1);

  // Throttled (429 with Retry-After): the policy is not waited for, the tenant's wait is remembered.
  fx.fake.clearFaults();
  fx.clock.advance(60_001);
  fx.fake.inject(POLICIES, { kind: 'status', status: 429, retryAfter: '120' });
  const throttled = await evaluate(IPHONE_OLD);
  assert.equal(fx.fake.count('GET', POLICIES), attempts + 1, 'asked once, not retried for two minutes');
  assert.deepEqual(osReason(throttled), {
    code: 'OS_TOO_OLD',
    setting: 'IosCompliancePolicy.osMinimumVersion',
    settingName: 'OS version',
    policyName: 'iOS baseline',
    currentValue: '16.7.8',
  });
});
