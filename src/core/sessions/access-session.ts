import type { ComplianceState, EvaluationTicket, Reason } from '../compliance/types.js';

/** Where an access session is in its life. See `transitions.ts` for the allowed moves. */
export type SessionStatus = 'pending' | 'evaluating' | 'allowed' | 'blocked' | 'expired';
export type Decision = 'pending' | 'allow' | 'deny';

/**
 * Which result page explains the outcome. Kept apart from `status` because several
 * outcomes share `blocked` but need different pages (not enrolled vs not yours).
 */
export type Outcome =
  | 'compliant'
  | 'gracePeriod'
  | 'noncompliant'
  | 'unknownState'
  | 'notEnrolled'
  | 'randomizedMac'
  | 'notYours'
  | 'ambiguousDevice'
  | 'certificateMismatch'
  | 'certificateInvalid'
  | 'userless';

/** One attempt of one client device to get through one gateway. */
export interface AccessSession {
  /** Gateway-facing secret: the gateway polls with it. Never logged. */
  token: string;
  /** Browser-facing secret: the /p/{handle} address. Never equal to the token. */
  handle: string;
  gatewayId: string;
  /** The gateway's own session reference, echoed back. */
  sid: string | null;
  /** The page the user first asked for: shown as text, never used as a redirect target. */
  originalUrl: string | null;
  via: 'redirect' | 'pushed';
  /**
   * What the gateway asserted about the client. Never taken from the user. `macVerified`:
   * the MAC is covered by the gateway's signature (or came over its authenticated back
   * channel); false when the dialect could only take it as a hint (e.g. openNDS FAS level 1).
   */
  client: { mac: string | null; ip: string | null; macVerified: boolean };
  assertedDeviceId: string | null;
  status: SessionStatus;
  outcome: Outcome | null;
  device: { id: string; name: string; platform: string; complianceState: ComplianceState; managed: boolean } | null;
  reasons: Reason[];
  graceDeadline: string | null;
  /** True when the shown state is the last known one because a fresh evaluation could not decide. */
  stale: boolean;
  user: { id: string; name: string } | null;
  /** An evaluation in flight, so any instance can continue it. */
  evaluation: { ticket: EvaluationTicket; deadline: number } | null;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

/** `allow` only when the status is `allowed`; a decision is never derived from anything else. */
export function decisionOf(session: Pick<AccessSession, 'status'>): Decision {
  if (session.status === 'allowed') return 'allow';
  if (session.status === 'blocked' || session.status === 'expired') return 'deny';
  return 'pending';
}

/** A session past its `expiresAt` reads as expired whatever it said before. */
export function effectiveStatus(session: AccessSession, now: number): SessionStatus {
  return Date.parse(session.expiresAt) <= now ? 'expired' : session.status;
}
