import type { ManagedDevice, Reason } from '../../core/compliance/types.js';
import { isUnderManagement } from '../../core/compliance/management-state.js';
import { normaliseGuid } from '../../core/device/guid.js';
import { codeForSetting } from './setting-codes.js';

/** Device-level reasons that follow from complianceState and managementState alone. */
export function stateReasons(device: ManagedDevice): Reason[] {
  const reasons: Reason[] = [];
  switch (device.complianceState) {
    case 'inGracePeriod':
      reasons.push({ code: 'IN_GRACE_PERIOD', deadline: device.complianceGracePeriodExpirationDateTime ?? undefined });
      break;
    case 'error':
    case 'conflict':
      // Which of the two is for the helpdesk (the device record shows it), not words for the person.
      reasons.push({ code: 'COMPLIANCE_ERROR' });
      break;
    case 'configManager':
      reasons.push({ code: 'CONFIGMGR_NONCOMPLIANT' });
      break;
    case 'unknown':
      reasons.push({ code: 'STATE_UNKNOWN' });
      break;
    default:
      break;
  }
  if (!isUnderManagement(device.managementState)) reasons.push({ code: 'DEVICE_RETIRING' });
  return reasons.map(compact);
}

/** Drops undefined fields so reasons serialise and compare cleanly. */
function compact(reason: Reason): Reason {
  return Object.fromEntries(Object.entries(reason).filter(([, value]) => value !== undefined)) as unknown as Reason;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** States worth explaining: the setting blocks the device or could not be evaluated. */
const FAILING = new Set(['noncompliant', 'error']);

/** A setting reason and the policy that stated it (to look up what the policy requires). */
export interface SettingFinding {
  reason: Reason;
  /** `deviceCompliancePolicyState.id`, which is the policy's id, when it is a GUID. */
  policyId?: string;
}

/**
 * deviceCompliancePolicyState[] (with their inline settingStates) → setting reasons, each
 * with the policy that stated it. Text from Graph (setting, policy names, values) is passed
 * through untouched: it is untrusted and the templates encode it, so escaping here would
 * double-encode.
 */
export function settingFindings(policyStates: unknown[]): SettingFinding[] {
  const findings: SettingFinding[] = [];
  const seen = new Set<string>();
  for (const rawPolicy of policyStates) {
    const policy = (rawPolicy ?? {}) as Record<string, unknown>;
    const policyName = optionalText(policy.displayName);
    // Only a GUID ever goes into a Graph path; anything else just names no policy to read.
    const policyId = typeof policy.id === 'string' ? normaliseGuid(policy.id) : undefined;
    const found = (reason: Reason) => findings.push(policyId ? { reason: compact(reason), policyId } : { reason: compact(reason) });
    const settings = Array.isArray(policy.settingStates) ? policy.settingStates : [];
    let failing = 0;
    for (const rawSetting of settings) {
      const s = (rawSetting ?? {}) as Record<string, unknown>;
      const state = typeof s.state === 'string' ? s.state.toLowerCase() : '';
      if (!FAILING.has(state)) continue;
      failing += 1;
      const setting = optionalText(s.setting);
      const code = (setting && codeForSetting(setting)) || 'SETTING_NONCOMPLIANT';
      const key = `${code}|${setting ?? ''}|${policyName ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found({
        code,
        setting,
        settingName: optionalText(s.settingName),
        policyName,
        currentValue: optionalText(s.currentValue),
        detail: optionalText(s.errorDescription),
      });
    }
    // A failing policy that names no failing setting still deserves a section of its own.
    const policyState = typeof policy.state === 'string' ? policy.state.toLowerCase() : '';
    if (failing === 0 && FAILING.has(policyState)) found({ code: 'SETTING_NONCOMPLIANT', policyName });
  }
  return findings;
}
