import type { ComplianceState } from '../../core/compliance/types.js';
import type { ReasonCode } from '../../core/compliance/reason-codes.js';
import { decisionOf, effectiveStatus, type AccessSession } from '../../core/sessions/access-session.js';

type WireComplianceState = 'compliant' | 'noncompliant' | 'inGracePeriod' | 'unknown' | 'error';

/** The polling contract has five states; conflict reads as error, a ConfigMgr verdict as noncompliant. */
function wireState(state: ComplianceState): WireComplianceState {
  if (state === 'conflict') return 'error';
  if (state === 'configManager') return 'noncompliant';
  return state;
}

/** The session as a gateway sees it (PROTOCOL.md §4). Built field by field: nothing internal leaks. */
export function sessionView(session: AccessSession, version: number, options: { now: number; titleOf: (code: ReasonCode) => string }) {
  const status = effectiveStatus(session, options.now);
  return {
    token: session.token,
    gateway: session.gatewayId,
    sid: session.sid,
    status,
    decision: decisionOf({ status }),
    // macVerified appears only when false (openNDS level 1): the MAC is a hint nobody vouched for.
    client: { mac: session.client.mac, ip: session.client.ip, ...(session.client.macVerified === false ? { macVerified: false } : {}) },
    device: session.device ? { id: session.device.id, complianceState: wireState(session.device.complianceState), managed: session.device.managed } : null,
    reasons: session.reasons.map((reason) => ({ code: reason.code, title: options.titleOf(reason.code) })),
    user: session.user ? { id: session.user.id, name: session.user.name } : null,
    version,
    updatedAt: session.updatedAt,
    expiresAt: session.expiresAt,
  };
}
