import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyKnownStateRule } from '../../src/core/compliance/known-state-rule.js';
import { decide } from '../../src/core/visit/decide.js';
import { evaluateDevice } from '../../src/providers/local/evaluate-device.js';
import { inventoryDeviceSchema } from '../../src/providers/local/inventory-schema.js';
import { policyFileSchema } from '../../src/providers/local/policy-schema.js';
import { compareVersions } from '../../src/providers/local/version-compare.js';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const policy = policyFileSchema.parse({
  checkinValidityDays: 30,
  policies: [
    {
      id: 'ios',
      displayName: 'iOS baseline',
      platform: 'iOS',
      settings: { osMinimumVersion: '17.0', passcodeRequired: true, storageRequireEncryption: true, securityBlockJailbrokenDevices: true },
    },
  ],
});
const device = (overrides: Record<string, unknown> = {}) =>
  inventoryDeviceSchema.parse({
    id: '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0',
    userId: 'u1',
    operatingSystem: 'iOS',
    osVersion: '17.4.1',
    lastSyncDateTime: '2026-11-27T08:00:00Z',
    facts: { passcodeSet: true, encrypted: true, jailBroken: false },
    ...overrides,
  });
const codes = (e: { reasons: Array<{ code: string }> }) => e.reasons.map((r) => r.code);

describe('the local policy engine', () => {
  it('finds a device that meets every setting compliant', () => {
    const result = evaluateDevice(device(), policy, NOW);
    assert.equal(result.complianceState, 'compliant');
    assert.deepEqual(result.reasons, []);
  });

  it('reports each violated setting with the current value and the requirement as facts, not English', () => {
    const result = evaluateDevice(device({ osVersion: '16.7.2', facts: { passcodeSet: false, encrypted: true, jailBroken: true } }), policy, NOW);
    assert.equal(result.complianceState, 'noncompliant');
    assert.deepEqual(codes(result), ['OS_TOO_OLD', 'PASSCODE_REQUIRED', 'JAILBROKEN_ROOTED']);
    assert.equal(result.reasons[0]!.currentValue, '16.7.2');
    assert.deepEqual(result.reasons[0]!.required, { comparison: 'atLeast', value: '17.0' });
    assert.equal(result.reasons[0]!.policyName, 'iOS baseline');
  });

  it('fails a setting whose fact the device never reported (cannot vouch for it)', () => {
    const result = evaluateDevice(device({ facts: { passcodeSet: true, jailBroken: false } }), policy, NOW);
    assert.deepEqual(codes(result), ['ENCRYPTION_REQUIRED']);
    // No "unknown" (an English word) as a value: the problem sentence says the storage isn't encrypted.
    assert.equal(result.reasons[0]!.currentValue, undefined);
    assert.equal(result.reasons[0]!.required, undefined);
  });

  it('calls a device that never checked in unknown', () => {
    assert.equal(evaluateDevice(device({ lastSyncDateTime: null }), policy, NOW).complianceState, 'unknown');
  });

  it('flags a check-in older than the validity period as STALE_CHECKIN', () => {
    assert.deepEqual(codes(evaluateDevice(device({ lastSyncDateTime: '2026-10-01T00:00:00Z' }), policy, NOW)), ['STALE_CHECKIN']);
  });

  it('turns non-compliance into a grace period while the deadline is ahead, and back after it', () => {
    const grace = device({
      facts: { passcodeSet: false, encrypted: true, jailBroken: false },
      complianceGracePeriodExpirationDateTime: '2026-12-01T00:00:00Z',
    });
    const during = evaluateDevice(grace, policy, NOW);
    assert.equal(during.complianceState, 'inGracePeriod');
    assert.equal(during.graceDeadline, '2026-12-01T00:00:00Z');
    assert.deepEqual(codes(during), ['IN_GRACE_PERIOD', 'PASSCODE_REQUIRED']);
    assert.equal(evaluateDevice(grace, policy, Date.parse('2026-12-02T00:00:00Z')).complianceState, 'noncompliant');
  });

  it('marks a platform no policy covers NO_POLICY by default, and a device without a user ENROLLED_USER_MISSING', () => {
    assert.deepEqual(codes(evaluateDevice(device({ operatingSystem: 'macOS', osVersion: '14.1' }), policy, NOW)), ['NO_POLICY']);
    assert.deepEqual(codes(evaluateDevice(device({ userId: '' }), policy, NOW)), ['ENROLLED_USER_MISSING']);
  });

  it('compares versions numerically', () => {
    assert.equal(compareVersions('17.10', '17.9'), 1);
    assert.equal(compareVersions('17', '17.0.0'), 0);
    assert.equal(compareVersions('10.0.19045', '10.0.22631'), -1);
  });
});

describe('decisions and the known-state rule', () => {
  const evaluation = (complianceState: string, reasons: Array<{ code: string }> = []) =>
    ({ deviceId: 'd', complianceState, reasons, evaluatedAt: '2026-11-27T12:00:00Z', stale: false }) as never;

  it('allows only compliant, and a grace period when the setting says so', () => {
    assert.equal(decide(evaluation('compliant'), { graceAllows: true }).status, 'allowed');
    assert.equal(decide(evaluation('inGracePeriod'), { graceAllows: true }).status, 'allowed');
    assert.equal(decide(evaluation('inGracePeriod'), { graceAllows: false }).status, 'blocked');
    for (const state of ['noncompliant', 'unknown', 'error', 'conflict', 'configManager']) {
      const verdict = decide(evaluation(state), { graceAllows: true });
      assert.equal(verdict.status, 'blocked', state);
      assert.ok(verdict.reasons.length > 0, `${state} is explained`);
    }
  });

  it('never moves a known device back to unknown: the last known state is kept, marked stale', () => {
    const known = evaluation('noncompliant', [{ code: 'OS_TOO_OLD' }]);
    const kept = applyKnownStateRule(known, evaluation('unknown'));
    assert.equal(kept.complianceState, 'noncompliant');
    assert.equal(kept.stale, true);
    assert.equal(applyKnownStateRule(undefined, evaluation('unknown')).complianceState, 'unknown');
    assert.equal(applyKnownStateRule(known, evaluation('compliant')).complianceState, 'compliant');
  });

  it('never allows on a remembered verdict: a device last seen compliant that now cannot be judged is blocked', () => {
    const recalled = applyKnownStateRule(evaluation('compliant'), evaluation('unknown'));
    assert.equal(recalled.recalled, true);
    const verdict = decide(recalled, { graceAllows: true });
    assert.equal(verdict.status, 'blocked');
    assert.deepEqual(
      verdict.reasons.map((r) => r.code),
      ['STATE_UNKNOWN'],
    );
    const graceRecalled = applyKnownStateRule(evaluation('inGracePeriod'), evaluation('unknown'));
    assert.equal(decide(graceRecalled, { graceAllows: true }).status, 'blocked');
  });

  it('still allows a fresh compliant answer that the backend marked stale (Intune: sync not finished by the deadline)', () => {
    assert.equal(decide({ ...(evaluation('compliant') as object), stale: true } as never, { graceAllows: true }).status, 'allowed');
  });
});
