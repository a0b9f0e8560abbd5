import { ConflictingStateError, MissingError } from '../errors.js';
import { isRandomizedMac } from '../device/mac-address.js';
import type { AccessSession, SessionStatus } from '../sessions/access-session.js';
import type { AccessSessionRepository } from '../sessions/access-session-repository.js';
import { InvalidTransitionError } from '../sessions/transitions.js';
import type { Namespace } from '../store/types.js';
import { decide } from './decide.js';
import { userlessAllowed, type UserlessPolicy } from './userless-policy.js';
import { applyKnownStateRule } from '../compliance/known-state-rule.js';
import type { ComplianceProvider, DeviceRef, Evaluation, ManagedDevice } from '../compliance/types.js';
import type { DeviceCheckBudget } from './device-check-budget.js';

const LAST_KNOWN_TTL_MS = 90 * 86_400_000;

export interface SignedInUser {
  /** The `oid` claim (Entra object id); the dev IdP issues the same claim. */
  id: string;
  name: string;
  /** The ID token's `groups` claim (group object IDs), when the IdP sends one. */
  groups?: readonly string[];
}

/**
 * What the client certificate (forwarded by a trusted TLS proxy) said about the device:
 * a device ID, or a refusal with the reason (untrusted issuer, expired, two device IDs, …).
 * A certificate that names no device is no claim at all (undefined).
 */
export type CertificateClaim = { kind: 'device'; deviceId: string } | { kind: 'refused'; reason: string };

export interface EvaluateAccessDeps {
  provider: ComplianceProvider;
  sessions: AccessSessionRepository;
  lastKnown: Namespace<Evaluation>;
  evaluationDeadlineMs: number;
  graceAllows: boolean;
  /** Shared cool-down and single-flight of backend reads per device; without it every visit asks the backend. */
  budget?: DeviceCheckBudget;
  /** Called once per decision, for metrics and the decision log; `session` is the stored result. */
  onDecision?: (status: 'allowed' | 'blocked', outcome: string, session: AccessSession) => void;
  /** Who may use a device without a primary user; deny when not given. */
  userless?: UserlessPolicy;
  now?: () => number;
}

type Change = (session: AccessSession) => AccessSession | undefined;

/** A change that applies only while the session is still `evaluating`; otherwise someone else finished first. */
const whileEvaluating =
  (change: (s: AccessSession) => AccessSession): Change =>
  (s) =>
    s.status === 'evaluating' ? change(s) : undefined;

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

  async advance(token: string, user: SignedInUser, options: { recheck: boolean; certificate?: CertificateClaim }): Promise<AccessSession> {
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
      if (startFrom) session = await this.start(session.token, startFrom, user, options.certificate);
      if (session.status === 'evaluating' && session.evaluation) session = await this.continue(session);
      return session;
    } catch (error) {
      if (error instanceof InvalidTransitionError) return this.load(token);
      await this.deps.sessions.update(token, (s) => (s.status === 'evaluating' ? { ...s, status: 'pending', evaluation: null } : undefined));
      throw error;
    }
  }

  private async start(token: string, from: SessionStatus, user: SignedInUser, certificate: CertificateClaim | undefined): Promise<AccessSession> {
    // Claim the evaluation: of several concurrent visits, one moves the session out of `from`.
    const claim = await this.deps.sessions.update(token, (s) =>
      s.status === from ? { ...s, status: 'evaluating', user: { id: user.id, name: user.name }, evaluation: null } : undefined,
    );
    if (!claim.changed) return claim.session;
    const session = claim.session;

    const block = (outcome: NonNullable<AccessSession['outcome']>, reasons: AccessSession['reasons'], device: AccessSession['device'] = null) =>
      this.write(
        token,
        'blocked',
        outcome,
        whileEvaluating((s) => ({
          ...s,
          status: 'blocked',
          outcome,
          reasons,
          device,
          evaluation: null,
          stale: false,
          graceDeadline: null,
          expiresAt: this.deps.sessions.decisionExpiry(s),
        })),
      );

    // A refused certificate ends the attempt with a decision the gateway can read, never a session left pending.
    // The outcome says what happened in the reader's language; why the certificate was refused is logged where it is read.
    if (certificate?.kind === 'refused') {
      return block('certificateInvalid', [{ code: 'COMPLIANCE_ERROR' }]);
    }
    const certificateDeviceId = certificate?.deviceId;
    if (certificateDeviceId && session.assertedDeviceId && certificateDeviceId !== session.assertedDeviceId) {
      return block('certificateMismatch', [{ code: 'COMPLIANCE_ERROR' }]);
    }
    const ref = deviceRef(session, certificateDeviceId);
    const find = () => this.deps.provider.findDevice(ref);
    const lookup = this.deps.budget ? await this.deps.budget.lookup(ref, find) : await find();
    if (lookup.kind === 'notFound') {
      return ref.by === 'mac' && isRandomizedMac(ref.mac)
        ? block('randomizedMac', [{ code: 'RANDOMIZED_MAC' }])
        : block('notEnrolled', [{ code: 'NOT_ENROLLED' }]);
    }
    if (lookup.kind === 'ambiguous') return block('ambiguousDevice', [{ code: 'DEVICE_AMBIGUOUS' }]);
    const device = lookup.device;
    if (device.userId === '') {
      // Shared/kiosk enrolment: nobody owns it, so an explicit policy decides, never "someone else's".
      if (!userlessAllowed(this.deps.userless ?? { allow: 'none' }, user.groups)) return block('userless', [{ code: 'NO_PRIMARY_USER' }], summary(device));
    } else if (device.userId !== user.id) {
      // Show nothing about another person's device beyond the fact that it is not theirs.
      return block('notYours', [{ code: 'NOT_YOURS' }], { ...summary(device), name: '' });
    }
    // Inside the cool-down a press answers from the device's last result: no backend call at all.
    const recent = await this.deps.budget?.recent(device.id);
    if (recent) {
      return this.finish(token, recent.evaluation, whileEvaluating, (s) => ({ ...s, device: summary(device) }));
    }
    const ticket = await this.deps.provider.beginEvaluation(device.id);
    const deadline = this.now() + this.deps.evaluationDeadlineMs;
    const started = await this.deps.sessions.update(
      token,
      whileEvaluating((s) => ({ ...s, device: summary(device), evaluation: { ticket, deadline } })),
    );
    return started.session;
  }

  private async continue(session: AccessSession): Promise<AccessSession> {
    const { ticket, deadline } = session.evaluation!;
    const sameTicket =
      (change: (s: AccessSession) => AccessSession): Change =>
      (s) =>
        s.status === 'evaluating' && s.evaluation?.ticket.startedAt === ticket.startedAt ? change(s) : undefined;
    // Another visit of this device read it after this ticket started: its result is this one's too.
    const shared = await this.deps.budget?.recent(ticket.deviceId);
    if (shared && shared.readAt >= Date.parse(ticket.startedAt)) return this.finish(session.token, shared.evaluation, sameTicket);

    const poll = () => this.deps.provider.pollEvaluation(ticket, { deadline });
    const read = this.deps.budget ? await this.deps.budget.exclusive(ticket.deviceId, session.token, poll) : { ran: true as const, value: await poll() };
    // Someone else is reading this device right now: stay "checking"; the next visit takes their result.
    if (!read.ran) return session;
    const progress = read.value;
    if (!progress.done) return session;
    const previous = await this.deps.lastKnown.get(ticket.deviceId);
    const evaluation = applyKnownStateRule(previous, progress.evaluation);
    if (evaluation.complianceState !== 'unknown' && !evaluation.stale) {
      await this.deps.lastKnown.set(ticket.deviceId, evaluation, LAST_KNOWN_TTL_MS);
    }
    await this.deps.budget?.remember(evaluation);
    return this.finish(session.token, evaluation, sameTicket);
  }

  /** Decides from `evaluation` and writes the decision if `guard` still accepts the session. */
  private finish(
    token: string,
    evaluation: Evaluation,
    guard: (change: (s: AccessSession) => AccessSession) => Change,
    extra: (s: AccessSession) => AccessSession = (s) => s,
  ): Promise<AccessSession> {
    const verdict = decide(evaluation, { graceAllows: this.deps.graceAllows });
    return this.write(
      token,
      verdict.status,
      verdict.outcome,
      guard((current) => {
        const s = extra(current);
        return {
          ...s,
          status: verdict.status,
          outcome: verdict.outcome,
          reasons: verdict.reasons,
          graceDeadline: evaluation.graceDeadline ?? null,
          stale: evaluation.stale,
          device: s.device ? { ...s.device, complianceState: evaluation.complianceState } : s.device,
          evaluation: null,
          expiresAt: this.deps.sessions.decisionExpiry(s),
        };
      }),
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
