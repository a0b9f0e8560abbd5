import { ConflictingStateError, MissingError } from '../errors.js';
import { isRandomizedMac } from '../device/mac-address.js';
import type { AccessSession, SessionStatus } from '../sessions/access-session.js';
import type { AccessSessionRepository } from '../sessions/access-session-repository.js';
import { InvalidTransitionError } from '../sessions/transitions.js';
import type { Namespace } from '../store/types.js';
import { decide } from './decide.js';
import { applyKnownStateRule } from '../compliance/known-state-rule.js';
import type { ComplianceProvider, DeviceRef, Evaluation, ManagedDevice } from '../compliance/types.js';

const LAST_KNOWN_TTL_MS = 90 * 86_400_000;

export interface SignedInUser {
  /** The `oid` claim (Entra object id); the dev IdP issues the same claim. */
  id: string;
  name: string;
}

export interface EvaluateAccessDeps {
  provider: ComplianceProvider;
  sessions: AccessSessionRepository;
  lastKnown: Namespace<Evaluation>;
  evaluationDeadlineMs: number;
  graceAllows: boolean;
  /** Called once per decision, for metrics and the decision log; `session` is the stored result. */
  onDecision?: (status: 'allowed' | 'blocked', outcome: string, session: AccessSession) => void;
  now?: () => number;
}

type Change = (session: AccessSession) => AccessSession | undefined;

/** A change that applies only while the session is still `evaluating`; otherwise someone else finished first. */
const whileEvaluating = (change: (s: AccessSession) => AccessSession): Change => (s) => (s.status === 'evaluating' ? change(s) : undefined);

/**
 * The story of one portal visit, after sign-in: find the device the *gateway* named,
 * check it belongs to the user, have the backend re-evaluate it, and decide. Each call
 * moves the session as far as it can; an evaluation still running at the backend is left
 * in the session so the next visit, on any instance, continues it. Concurrent visits are
 * safe: only one claims the evaluation, and every later write applies only to the state
 * it expects. Provider or store errors propagate with the session put back to `pending`:
 * never `allowed`.
 */
export class AccessEvaluation {
  private readonly now: () => number;

  constructor(private readonly deps: EvaluateAccessDeps) {
    this.now = deps.now ?? Date.now;
  }

  async advance(token: string, user: SignedInUser, options: { recheck: boolean; certificateDeviceId?: string }): Promise<AccessSession> {
    let session = await this.load(token);
    // Another account may take over only a session that was refused as "not yours": nothing
    // was granted, and signing in with the owner's account is exactly the fix we suggest.
    const switching = session.user !== null && session.user.id !== user.id;
    if (switching && session.outcome !== 'notYours') {
      throw new ConflictingStateError('session_other_user');
    }
    const startFrom: SessionStatus | undefined =
      session.status === 'pending' ? 'pending' : (options.recheck || switching) && session.status === 'blocked' ? 'blocked' : undefined;
    try {
      if (startFrom) session = await this.start(session.token, startFrom, user, options.certificateDeviceId);
      if (session.status === 'evaluating' && session.evaluation) session = await this.continue(session);
      return session;
    } catch (error) {
      if (error instanceof InvalidTransitionError) return this.load(token);
      await this.deps.sessions.update(token, (s) => (s.status === 'evaluating' ? { ...s, status: 'pending', evaluation: null } : undefined));
      throw error;
    }
  }

  private async start(token: string, from: SessionStatus, user: SignedInUser, certificateDeviceId: string | undefined): Promise<AccessSession> {
    // Claim the evaluation: of several concurrent visits, one moves the session out of `from`.
    const claim = await this.deps.sessions.update(token, (s) => (s.status === from ? { ...s, status: 'evaluating', user, evaluation: null } : undefined));
    if (!claim.changed) return claim.session;
    const session = claim.session;

    const block = (outcome: NonNullable<AccessSession['outcome']>, reasons: AccessSession['reasons'], device: AccessSession['device'] = null) =>
      this.write(token, 'blocked', outcome, whileEvaluating((s) => ({ ...s, status: 'blocked', outcome, reasons, device, evaluation: null, stale: false, graceDeadline: null, expiresAt: this.deps.sessions.decisionExpiry(s) })));

    if (certificateDeviceId && session.assertedDeviceId && certificateDeviceId !== session.assertedDeviceId) {
      return block('certificateMismatch', [{ code: 'COMPLIANCE_ERROR', detail: 'certificate and gateway name different devices' }]);
    }
    const ref = deviceRef(session, certificateDeviceId);
    const lookup = await this.deps.provider.findDevice(ref);
    if (lookup.kind === 'notFound') {
      return ref.by === 'mac' && isRandomizedMac(ref.mac) ? block('randomizedMac', [{ code: 'RANDOMIZED_MAC' }]) : block('notEnrolled', [{ code: 'NOT_ENROLLED' }]);
    }
    if (lookup.kind === 'ambiguous') return block('ambiguousDevice', [{ code: 'DEVICE_AMBIGUOUS' }]);
    const device = lookup.device;
    if (device.userId === '' || device.userId !== user.id) {
      // Show nothing about another person's device beyond the fact that it is not theirs.
      return block('notYours', [{ code: 'NOT_YOURS' }], { ...summary(device), name: '' });
    }
    const ticket = await this.deps.provider.beginEvaluation(device.id);
    const deadline = this.now() + this.deps.evaluationDeadlineMs;
    const started = await this.deps.sessions.update(token, whileEvaluating((s) => ({ ...s, device: summary(device), evaluation: { ticket, deadline } })));
    return started.session;
  }

  private async continue(session: AccessSession): Promise<AccessSession> {
    const { ticket, deadline } = session.evaluation!;
    const progress = await this.deps.provider.pollEvaluation(ticket, { deadline });
    if (!progress.done) return session;
    const previous = await this.deps.lastKnown.get(ticket.deviceId);
    const evaluation = applyKnownStateRule(previous, progress.evaluation);
    if (evaluation.complianceState !== 'unknown' && !evaluation.stale) {
      await this.deps.lastKnown.set(ticket.deviceId, evaluation, LAST_KNOWN_TTL_MS);
    }
    const verdict = decide(evaluation, { graceAllows: this.deps.graceAllows });
    const sameTicket = (s: AccessSession) => s.status === 'evaluating' && s.evaluation?.ticket.startedAt === ticket.startedAt;
    return this.write(session.token, verdict.status, verdict.outcome, (s) =>
      sameTicket(s)
        ? {
            ...s,
            status: verdict.status,
            outcome: verdict.outcome,
            reasons: verdict.reasons,
            graceDeadline: evaluation.graceDeadline ?? null,
            stale: evaluation.stale,
            device: s.device ? { ...s.device, complianceState: evaluation.complianceState } : s.device,
            evaluation: null,
            expiresAt: this.deps.sessions.decisionExpiry(s),
          }
        : undefined,
    );
  }

  /** Writes a decision and counts it once it is stored. */
  private async write(token: string, status: 'allowed' | 'blocked', outcome: string, change: Change): Promise<AccessSession> {
    const result = await this.deps.sessions.update(token, change);
    if (result.changed) this.deps.onDecision?.(status, outcome, result.session);
    return result.session;
  }

  private async load(token: string): Promise<AccessSession> {
    const stored = await this.deps.sessions.byToken(token);
    if (!stored) throw new MissingError('link_expired');
    return stored.session;
  }
}

/** Identity from the gateway (or its TLS proxy) only: a certificate device id outranks the asserted id, which outranks the MAC. */
function deviceRef(session: AccessSession, certificateDeviceId: string | undefined): DeviceRef {
  const id = certificateDeviceId ?? session.assertedDeviceId;
  if (id) return { by: 'id', id };
  return { by: 'mac', mac: session.client.mac! };
}

function summary(device: ManagedDevice): NonNullable<AccessSession['device']> {
  return { id: device.id, name: device.deviceName, platform: device.operatingSystem, complianceState: device.complianceState, managed: true };
}
