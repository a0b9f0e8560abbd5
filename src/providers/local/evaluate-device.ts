import type { Evaluation, ManagedDevice, Reason } from '../../core/compliance/types.js';
import type { InventoryDevice } from './inventory-schema.js';
import type { PolicyFile } from './policy-schema.js';
import { violations } from './policy-rules.js';
import { isUnderManagement } from '../../core/compliance/management-state.js';

const DAY_MS = 86_400_000;

/**
 * The local policy engine: a pure function of the device's facts, the policies and the
 * clock. Mirrors Intune's order: never checked in → unknown; device-level checks
 * (retiring, user, check-in, policy assigned); then every setting of every policy for
 * the platform; a grace deadline in the future turns non-compliance into a grace period.
 */
export function evaluateDevice(device: InventoryDevice, policy: PolicyFile, now: number): Evaluation {
  const evaluatedAt = new Date(now).toISOString();
  const base = { deviceId: device.id, evaluatedAt, stale: false };
  if (device.lastSyncDateTime === null) {
    return { ...base, complianceState: 'unknown', reasons: [{ code: 'STATE_UNKNOWN' }] };
  }
  const reasons: Reason[] = [];
  // managementState ("retirePending") is an identifier, not words for people: the reason's text says it.
  if (!isUnderManagement(device.managementState)) reasons.push({ code: 'DEVICE_RETIRING' });
  if (policy.requireUserExistence && device.userId === '') reasons.push({ code: 'ENROLLED_USER_MISSING' });
  const lastSync = Date.parse(device.lastSyncDateTime);
  if (now - lastSync > policy.checkinValidityDays * DAY_MS) {
    reasons.push({
      code: 'STALE_CHECKIN',
      lastCheckIn: device.lastSyncDateTime,
      required: { comparison: 'atMost', count: policy.checkinValidityDays, unit: 'days' },
    });
  }
  const applicable = policy.policies.filter((p) => p.platform === device.operatingSystem);
  if (applicable.length === 0 && policy.devicesWithoutPolicy === 'noncompliant') reasons.push({ code: 'NO_POLICY' });
  for (const p of applicable) reasons.push(...violations(device, p.settings, p.displayName));

  if (reasons.length === 0) return { ...base, complianceState: 'compliant', reasons };
  const grace = device.complianceGracePeriodExpirationDateTime;
  if (grace !== null && Date.parse(grace) > now && isUnderManagement(device.managementState)) {
    return { ...base, complianceState: 'inGracePeriod', graceDeadline: grace, reasons: [{ code: 'IN_GRACE_PERIOD', deadline: grace }, ...reasons] };
  }
  return { ...base, complianceState: 'noncompliant', reasons };
}

/** The inventory record as the provider contract's ManagedDevice, with its evaluated state. */
export function toManagedDevice(device: InventoryDevice, evaluation: Evaluation): ManagedDevice {
  const { facts: _facts, ...rest } = device;
  return { ...rest, complianceState: evaluation.complianceState };
}
