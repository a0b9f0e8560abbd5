import type { InventoryDevice } from './inventory-schema.js';
import type { PolicyFile } from './policy-schema.js';

const DAY_MS = 86_400_000;

/**
 * The first moment after `now` (ms since the epoch) at which evaluateDevice() can answer
 * differently for this device without any write to it; Infinity when no such moment
 * exists. Only two inputs of the evaluation depend on the clock (evaluate-device.ts):
 *
 * - the check-in turns stale once `now - lastSync > checkinValidityDays` days, i.e. at
 *   lastSync + validity + 1 ms;
 * - a grace deadline stops covering non-compliance once `deadline > now` no longer holds,
 *   i.e. at the deadline itself.
 *
 * Policy rules look only at the device's facts, never at the clock (policy-rules.ts). If a
 * clock-dependent rule is ever added, it must add its moment here, or the non-compliance
 * index (noncompliance-index.ts) misses the change.
 */
export function nextEvaluationChange(device: InventoryDevice, policy: PolicyFile, now: number): number {
  let next = Infinity;
  if (device.lastSyncDateTime !== null) {
    const staleAt = Date.parse(device.lastSyncDateTime) + policy.checkinValidityDays * DAY_MS + 1;
    if (staleAt > now) next = staleAt;
  }
  const grace = device.complianceGracePeriodExpirationDateTime;
  if (grace !== null) {
    const deadline = Date.parse(grace);
    if (deadline > now && deadline < next) next = deadline;
  }
  return next;
}
