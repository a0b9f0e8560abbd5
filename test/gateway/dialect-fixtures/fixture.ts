import type { AccessSession } from '../../../src/core/sessions/access-session.js';
import type { AccessSessionRepository } from '../../../src/core/sessions/access-session-repository.js';
import type { BackChannelReply, DialectServices, IntakeRequest, Release } from '../../../src/gateway/dialects/dialect.js';
import type { Gateway } from '../../../src/gateway/gateway.js';

/**
 * What each gateway dialect gives the contract suite (test/gateway/dialect-contract.test.ts):
 * a gateways-file entry, a valid intake made the way its gateway makes one, tampered ones,
 * and what a correct release of an allowed session looks like.
 */
export interface DialectFixture {
  /** A complete GATEWAYS_FILE entry for this dialect (id, name, dialect, its settings, apiKeys, scopes). */
  entry: Record<string, unknown>;
  /** Environment for `env:` references in the entry. */
  env?: NodeJS.ProcessEnv;
  /**
   * A request the gateway would send at `now` (ms), for a client with `client.mac`.
   * Absent for a dialect with no browser intake (radius: its sessions come from the
   * RADIUS API); such a dialect gives `sessionWithoutIntake` instead.
   */
  validIntake?(gateway: Gateway, now: number): IntakeRequest;
  /** What the session made from `validIntake` must record about the client. */
  client?: { mac: string | null; ip: string | null; macVerified: boolean };
  /** For dialects without intake: a pending session made the way the dialect's own entry point makes one. */
  sessionWithoutIntake?(context: { sessions: AccessSessionRepository; services: DialectServices; gateway: Gateway }): Promise<AccessSession>;
  /** Requests a forger, a replayer or a broken gateway could send: every one must be refused. */
  tamperedIntakes(gateway: Gateway, now: number): Array<{ what: string; request: IntakeRequest }>;
  /** Checks what `release` gave for an allowed session made from `validIntake`. */
  checkRelease(release: Release, session: AccessSession, gateway: Gateway): void;
  /** For dialects with a back channel: a call the gateway makes, and a check of the reply. */
  backChannel?: { request(gateway: Gateway, now: number): IntakeRequest; check(reply: BackChannelReply): void };
}
