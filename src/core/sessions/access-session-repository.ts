import { ConflictingStateError } from '../errors.js';
import type { AtomicStore, ChangeFeed } from '../store/types.js';
import { withTimeout } from '../store/with-timeout.js';
import type { AccessSession } from './access-session.js';
import { looksLikeSecret, newSecret } from './secrets.js';
import { canMove, InvalidTransitionError } from './transitions.js';

/** How long a session stays readable (as `expired`) after it expires, so pollers see the end. */
const RETENTION_AFTER_EXPIRY_MS = 10 * 60_000;

export type NewSession = Omit<
  AccessSession,
  'token' | 'handle' | 'status' | 'outcome' | 'device' | 'reasons' | 'graceDeadline' | 'stale' | 'user' | 'evaluation' | 'createdAt' | 'updatedAt' | 'expiresAt'
>;

export interface Stored {
  session: AccessSession;
  version: number;
}

/**
 * Access sessions live as versioned records keyed by token, plus a handle → token claim.
 * Every write is a compare-and-set against the version read, and every successful write
 * publishes the new version so long-polls wake up.
 */
export class AccessSessionRepository {
  constructor(
    private readonly atomic: AtomicStore,
    private readonly changes: ChangeFeed,
    private readonly options: { pendingTtlMs: number; decisionTtlMs: number; now?: () => number },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  async create(input: NewSession): Promise<Stored> {
    const now = this.now();
    const token = newSecret();
    let handle = newSecret();
    while (handle === token) handle = newSecret();
    const expiresAt = now + this.options.pendingTtlMs;
    const session: AccessSession = {
      ...input,
      token,
      handle,
      status: 'pending',
      outcome: null,
      device: null,
      reasons: [],
      graceDeadline: null,
      stale: false,
      user: null,
      evaluation: null,
      createdAt: new Date(now).toISOString(),
      updatedAt: new Date(now).toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
    };
    // The handle outlives any version of the session: pending time plus a full decision.
    const handleTtl = this.storageTtl(this.latestExpiry(session));
    // Both records in one write: one transaction (SQLite) or round trip (Redis) per new session.
    const created = await this.atomic.compareAndSetAll([
      { key: `handle:${handle}`, expectedVersion: 0, value: token, ttlMs: handleTtl },
      { key: `session:${token}`, expectedVersion: 0, value: session, ttlMs: this.storageTtl(expiresAt) },
    ]);
    if (!created) throw new Error('handle or token collision');
    await this.notify(token, 1);
    return { session, version: 1 };
  }

  async byToken(token: string): Promise<Stored | undefined> {
    if (!looksLikeSecret(token)) return undefined;
    const record = await this.atomic.read<AccessSession>(`session:${token}`);
    return record ? { session: record.value, version: record.version } : undefined;
  }

  async byHandle(handle: string): Promise<Stored | undefined> {
    if (!looksLikeSecret(handle)) return undefined;
    const record = await this.atomic.read<string>(`handle:${handle}`);
    return record ? this.byToken(record.value) : undefined;
  }

  /**
   * When a decision made now expires: a full decision lifetime, but never past the
   * session's latest possible end, so re-checks cannot keep a session alive forever.
   */
  decisionExpiry(session: AccessSession): string {
    return new Date(Math.min(this.now() + this.options.decisionTtlMs, this.latestExpiry(session))).toISOString();
  }

  /**
   * Applies `change` to the current record and writes it if nobody wrote in between;
   * otherwise re-reads and tries again. `change` returns undefined to write nothing (the
   * record is not in the state the caller expected); `changed` says which happened.
   */
  async update(token: string, change: (current: AccessSession) => AccessSession | undefined): Promise<Stored & { changed: boolean }> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = await this.byToken(token);
      if (!current) throw new ConflictingStateError('session_gone');
      const next = change(current.session);
      if (!next) return { ...current, changed: false };
      if (!canMove(current.session.status, next.status)) throw new InvalidTransitionError(current.session.status, next.status);
      const updated: AccessSession = { ...next, updatedAt: new Date(this.now()).toISOString() };
      if (await this.atomic.compareAndSet(`session:${token}`, current.version, updated, this.storageTtl(Date.parse(updated.expiresAt)))) {
        await this.notify(token, current.version + 1);
        return { session: updated, version: current.version + 1, changed: true };
      }
    }
    throw new ConflictingStateError('session_busy');
  }

  /**
   * Writes `expired` into a session whose `expiresAt` has passed (a pending session that
   * nobody finished, or an allowed/blocked decision at the end of its lifetime). Nothing
   * else writes at that moment, so without this the stored version, and with it the
   * gateway's ETag, would stay the same while the answer changed from pending/allow to
   * deny. The write also publishes the new version, which wakes long-polls on every
   * instance. Returns the record as it now stands; a record that vanished meanwhile is
   * returned unchanged (it reads as expired anyway).
   */
  async expireIfDue(stored: Stored): Promise<Stored> {
    const due = (s: AccessSession) => s.status !== 'expired' && Date.parse(s.expiresAt) <= this.now();
    if (!due(stored.session)) return stored;
    try {
      return await this.update(stored.session.token, (s) => (due(s) ? { ...s, status: 'expired', evaluation: null } : undefined));
    } catch (error) {
      if (error instanceof ConflictingStateError && error.code === 'session_gone') return stored;
      throw error;
    }
  }

  /**
   * Wakes long-polls. Best effort and bounded: the write already happened, and a missed
   * notification only delays a long-poll until its own timeout (pollers re-read the record).
   */
  private async notify(token: string, version: number): Promise<void> {
    await withTimeout(this.changes.publish(topicOf(token), version), 1000, 'change notification').catch(() => {});
  }

  private latestExpiry(session: AccessSession): number {
    return Date.parse(session.createdAt) + this.options.pendingTtlMs + this.options.decisionTtlMs;
  }

  private storageTtl(expiresAt: number): number {
    return Math.max(1, expiresAt - this.now() + RETENTION_AFTER_EXPIRY_MS);
  }
}

export const topicOf = (token: string) => `session:${token}`;
