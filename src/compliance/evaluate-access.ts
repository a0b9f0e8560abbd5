import { ConflictError } from '../errors.js';
import { isRandomizedMac } from '../gateway/mac-address.js';
import type { AccessSession } from '../sessions/access-session.js';
import type { AccessSessionRepository } from '../sessions/access-session-repository.js';
import type { Namespace } from '../store/types.js';
import { decide } from './decide.js';
import { applyKnownStateRule } from './known-state-rule.js';
import type { ComplianceProvider, DeviceRef, Evaluation, ManagedDevice } from './types.js';

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
  /** Called once per decision, for metrics. */
  onDecision?: (status: 'allowed' | 'blocked', outcome: string) => void;
  now?: () => number;
}

/**
 * The story of one portal visit, after sign-in: find the device the *gateway* named,
 * check it belongs to the user, have the backend re-evaluate it, and decide. Each call
 * moves the session as far as it can; an evaluation still running at the backend is left
 * in the session so the next visit, on any instance, continues it. Provider or store
 * errors propagate with the session put back to `pending`: never `allowed`.
 */
export class AccessEvaluation {
  private readonly now: () => number;

  constructor(private readonly deps: EvaluateAccessDeps) {
    this.now = deps.now ?? Date.now;
  }

  async advance(token: string, user: SignedInUser, options: { recheck: boolean; certificateDeviceId?: string }): Promise<AccessSession> {
    let { session } = await this.load(token);
    // Another account may take over only a session that was refused as "not yours": nothing
    // was granted, and signing in with the owner's account is exactly the fix we suggest.
    const switching = session.user !== null && session.user.id !== user.id;
    if (switching && session.outcome !== 'notYours') {
      throw new ConflictError('Someone else already signed in for this connection attempt.', 'session_other_user');
    }
    const starts = session.status === 'pending' || ((options.recheck || switching) && session.status === 'blocked');
    try {
      if (starts) session = await this.start(session, user, options.certificateDeviceId);
      if (session.status === 'evaluating') session = await this.continue(session);
      return session;
    } catch (error) {
      await this.deps.sessions.update(token, (s) => (s.status === 'evaluating' ? { ...s, status: 'pending', evaluation: null } : undefined));
      throw error;
    }
  }

  private async start(session: AccessSession, user: SignedInUser, certificateDeviceId: string | undefined): Promise<AccessSession> {
    const block = (change: Partial<AccessSession> & { outcome: AccessSession['outcome'] }) => {
      this.deps.onDecision?.('blocked', change.outcome ?? 'unknown');
      return this.save(session.token, (s) => ({ ...s, status: 'evaluating', user }), (s) => ({ ...s, ...change, status: 'blocked', user, evaluation: null, expiresAt: this.deps.sessions.decisionExpiry(s) }));
    };

    if (certificateDeviceId && session.assertedDeviceId && certificateDeviceId !== session.assertedDeviceId) {
      return block({ outcome: 'certificateMismatch', reasons: [{ code: 'COMPLIANCE_ERROR', detail: 'certificate and gateway name different devices' }], device: null });
    }
    const ref = deviceRef(session, certificateDeviceId);
    const lookup = await this.deps.provider.findDevice(ref);
    if (lookup.kind === 'notFound') {
      const randomized = ref.by === 'mac' && isRandomizedMac(ref.mac);
      return block(randomized ? { outcome: 'randomizedMac', reasons: [{ code: 'RANDOMIZED_MAC' }], device: null } : { outcome: 'notEnrolled', reasons: [{ code: 'NOT_ENROLLED' }], device: null });
    }
    if (lookup.kind === 'ambiguous') return block({ outcome: 'ambiguousDevice', reasons: [{ code: 'DEVICE_AMBIGUOUS' }], device: null });
    const device = lookup.device;
    if (device.userId === '' || device.userId !== user.id) {
      // Show nothing about another person's device beyond the fact that it is not theirs.
      return block({ outcome: 'notYours', reasons: [{ code: 'NOT_YOURS' }], device: { ...summary(device), name: '' } });
    }
    const ticket = await this.deps.provider.beginEvaluation(device.id);
    const deadline = this.now() + this.deps.evaluationDeadlineMs;
    return this.save(session.token, (s) => ({ ...s, status: 'evaluating', user, device: summary(device), evaluation: { ticket, deadline } }));
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
    this.deps.onDecision?.(verdict.status, verdict.outcome);
    return this.save(session.token, (s) => ({
      ...s,
      status: verdict.status,
      outcome: verdict.outcome,
      reasons: verdict.reasons,
      graceDeadline: evaluation.graceDeadline ?? null,
      stale: evaluation.stale,
      device: s.device ? { ...s.device, complianceState: evaluation.complianceState } : s.device,
      evaluation: null,
      expiresAt: this.deps.sessions.decisionExpiry(s),
    }));
  }

  /** Applies one or more changes in order, each its own versioned write (so `pending → evaluating → blocked`). */
  private async save(token: string, ...changes: Array<(s: AccessSession) => AccessSession>): Promise<AccessSession> {
    let session: AccessSession | undefined;
    for (const change of changes) session = (await this.deps.sessions.update(token, change)).session;
    return session!;
  }

  private async load(token: string) {
    const stored = await this.deps.sessions.byToken(token);
    if (!stored) throw new Error('access session vanished during evaluation');
    return stored;
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
