import type { Outcome, SessionStatus } from '../sessions/access-session.js';
import type { Evaluation, Reason } from '../compliance/types.js';

export interface Verdict {
  status: Extract<SessionStatus, 'allowed' | 'blocked'>;
  outcome: Outcome;
  reasons: Reason[];
}

/**
 * Decision policy: only `compliant` (and `inGracePeriod` when the setting allows it) is
 * an allow. Every other state blocks, always with at least one reason to explain why.
 */
export function decide(evaluation: Evaluation, options: { graceAllows: boolean }): Verdict {
  const { complianceState: state, reasons } = evaluation;
  // A remembered verdict explains a block; it never opens the network (fail closed).
  if (evaluation.recalled && (state === 'compliant' || state === 'inGracePeriod')) {
    return { status: 'blocked', outcome: 'unknownState', reasons: [{ code: 'STATE_UNKNOWN' }] };
  }
  // A device leaving management (retire/wipe) is never let in, even while Intune still calls it compliant.
  if (reasons.some((reason) => reason.code === 'DEVICE_RETIRING')) return { status: 'blocked', outcome: 'noncompliant', reasons };
  if (state === 'compliant') return { status: 'allowed', outcome: 'compliant', reasons: [] };
  if (state === 'inGracePeriod') {
    return { status: options.graceAllows ? 'allowed' : 'blocked', outcome: options.graceAllows ? 'gracePeriod' : 'noncompliant', reasons };
  }
  if (state === 'unknown') return { status: 'blocked', outcome: 'unknownState', reasons: withFallback(reasons, 'STATE_UNKNOWN') };
  if (state === 'configManager') return { status: 'blocked', outcome: 'noncompliant', reasons: withFallback(reasons, 'CONFIGMGR_NONCOMPLIANT') };
  if (state === 'error' || state === 'conflict') return { status: 'blocked', outcome: 'noncompliant', reasons: withFallback(reasons, 'COMPLIANCE_ERROR') };
  return { status: 'blocked', outcome: 'noncompliant', reasons: withFallback(reasons, 'COMPLIANCE_ERROR') };
}

function withFallback(reasons: Reason[], code: Reason['code']): Reason[] {
  return reasons.length > 0 ? reasons : [{ code }];
}
