import type { Reason } from '../../core/compliance/types.js';
import type { Operation } from './operation-budget.js';
import { VERSION_PROPERTY, type PolicyVersionBounds } from './policy-version-reader.js';
import type { SettingFinding } from './reason-mapper.js';

/** Reads one policy's version bounds; undefined when they cannot be known now (see PolicyVersionReader). */
export type ReadPolicyBounds = (policyId: string, op: Operation) => Promise<PolicyVersionBounds | undefined>;

/** The policy property a failing OS version setting names (`Windows10CompliancePolicy.osMinimumVersion` → `osminimumversion`). */
function versionProperty(finding: SettingFinding): string | undefined {
  const { code, setting } = finding.reason;
  if ((code !== 'OS_TOO_OLD' && code !== 'OS_TOO_NEW') || !setting) return undefined;
  const property = setting.slice(setting.lastIndexOf('.') + 1).toLowerCase();
  return VERSION_PROPERTY.test(property) ? property : undefined;
}

/**
 * The findings' reasons, where one is about the OS version and its policy states the bound,
 * with `required` filled in (`atLeast` a minimum, `atMost` a maximum): the failing setting names the policy property to read
 * (a minimum or a maximum), the setting state's current value is the device's version.
 * Graph's setting states carry only the current value; the required one lives in the
 * policy, so policies are read here — only for such reasons, never on a compliant check.
 */
export async function withRequiredVersions(findings: SettingFinding[], read: ReadPolicyBounds, op: Operation): Promise<Reason[]> {
  const reasons: Reason[] = [];
  for (const finding of findings) {
    const property = versionProperty(finding);
    const bound = property && finding.policyId ? (await read(finding.policyId, op))?.[property] : undefined;
    if (!property || bound === undefined) {
      reasons.push(finding.reason);
      continue;
    }
    reasons.push({ ...finding.reason, required: { comparison: property.includes('minimum') ? 'atLeast' : 'atMost', value: bound } });
  }
  return reasons;
}
