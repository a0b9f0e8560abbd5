import type { Logger } from 'pino';
import type { z } from 'zod';
import type { AccessSession } from '../../core/sessions/access-session.js';
import type { AtomicStore, Stores } from '../../core/store/types.js';
import type { ClientAssertion } from '../client-assertion.js';
import type { Gateway } from '../gateway.js';

/**
 * The contract of a gateway dialect: how one family of gateways (our signed `native`
 * redirect, openNDS FAS, FreeRADIUS rlm_rest, …) hands a client to Vestibule and how
 * Vestibule hands an allowed client back. One folder per dialect under
 * src/gateway/dialects/, registered by name in ./index.ts; docs/gateway-integration.md
 * explains the contract for people writing one.
 *
 * A dialect only parses, verifies what can be verified, and releases. It never creates
 * access sessions itself (gateway-intake.ts does, the same way for every dialect), never
 * sees express, and refuses by throwing DomainErrors (src/core/errors.ts): the HTTP layer
 * decides the status and the words.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds dialects of different settings types
export interface Dialect<Settings = any, Raw = any> {
  /** The `dialect` value in GATEWAYS_FILE, and the key of the dialect's own settings object in a gateway's entry. */
  readonly name: string;
  readonly settings: DialectSettings<Settings, Raw>;
  /**
   * Reads and verifies the browser's arrival at `GET /g/{id}` or `/g/{id}/` (the gateway
   * redirected it here). Resolves to what the gateway asserts about the client; throws a
   * RefusedError / InvalidInputError for anything not authentic or malformed. Must write
   * nothing to the store before the request is known to be authentic; anything it writes
   * afterwards (a spent nonce) must be a claim that cannot grant access by itself.
   */
  intake(request: IntakeRequest, gateway: Gateway<Settings>, services: DialectServices): Promise<IntakeAccepted>;
  /**
   * Optional back channel on the same path: `POST /g/{id}/` from the gateway itself
   * (openNDS's authmon polls here). Resolves to the exact reply the gateway expects.
   * Absent: the path answers POST with 405.
   */
  backChannel?(request: IntakeRequest, gateway: Gateway<Settings>, services: DialectServices): Promise<BackChannelReply>;
  /**
   * Hands an allowed session back to its gateway. Called by the portal each time it shows
   * the allowed page (so on any instance, possibly more than once per session: it must be
   * idempotent; a side effect such as a queued record or a CoA is done once, guarded by a
   * claim in the store). For a session whose decision is not `allow` it must do nothing
   * and resolve to `{ kind: 'none' }`.
   */
  release(session: AccessSession, gateway: Gateway<Settings>, services: DialectServices): Promise<Release>;
}

/**
 * The dialect's settings inside a gateway's entry in GATEWAYS_FILE: the object under the
 * key named like the dialect (`"opennds": { … }`). PROTOCOL.md's gateways file is a fixed
 * contract, so a dialect may also own keys at the entry's top level (`native` owns
 * `secrets` and `returnUrl` there, exactly as before dialects existed).
 */
export interface DialectSettings<Settings, Raw> {
  /** Validates the raw settings object (for `topLevelKeys` dialects: an object of just those keys). */
  readonly schema: z.ZodType<Raw>;
  /** Keys of the entry's top level the dialect owns; none unless the wire contract says so. */
  readonly topLevelKeys?: readonly string[];
  /**
   * Turns the validated object into the settings the dialect runs with: resolves secrets
   * through `context.secret` (env: references, strength, never shared by two gateways),
   * builds URLs. Reports problems through `context.problem`; throwing ConfigError is fine too.
   */
  prepare(raw: Raw, context: SettingsContext): Settings;
}

/** What loading a gateway offers a dialect's `prepare`. */
export interface SettingsContext {
  /** Where the entry is, for messages: `gateways[0] (hq-wlc)`. */
  readonly where: string;
  readonly devMode: boolean;
  readonly publicUrl: URL;
  /**
   * Resolves an `env:NAME` reference and checks the value like a signing secret (at least
   * 32 bytes, not repetitive, no placeholder outside development, not used by another
   * gateway). `field` is its path inside the entry, e.g. `secrets[0]` or `opennds.faskey`.
   */
  secret(value: string, field: string): string;
  /** Records a problem with this entry; the start stops after every entry was read. */
  problem(message: string): void;
}

/**
 * One HTTP request on the intake path, described as plain data (no express). The HTTP
 * layer bounds the sizes before a dialect sees them.
 */
export interface IntakeRequest {
  /** Upper case: `GET` for intake, `POST` for the back channel. */
  method: string;
  /** The request path, e.g. `/g/hq-wlc` or `/g/cafe-nds/`. */
  path: string;
  /** The query string exactly as sent, without `?`, not decoded ('' when none): signatures are over what was sent. */
  rawQuery: string;
  /** An application/x-www-form-urlencoded body as sent (POST only), else undefined. */
  formBody: string | undefined;
  /** The TCP peer's address (not X-Forwarded-For), for dialects that allowlist a gateway. */
  remoteAddress: string | undefined;
}

/** What a dialect accepted: the client as the gateway describes it, and how far that is proven. */
export interface IntakeAccepted {
  assertion: ClientAssertion;
  /**
   * True when the MAC is covered by a signature or MAC the gateway made (native HMAC,
   * openNDS level 2/3 AES with the faskey): a client cannot have chosen it. False when it
   * is only a hint anyone could have edited (openNDS level 1): recorded on the session as
   * `client.macVerified`.
   */
  macVerified: boolean;
}

/** The exact answer a gateway's back-channel call gets. */
export interface BackChannelReply {
  status: number;
  contentType: string;
  body: string;
}

/**
 * How an allowed session goes back to the gateway:
 * - `redirect`: the browser is sent to `url` after the result is on screen (native
 *   returnUrl, openNDS levels 1/2 auth URL). The URL is built from configuration, never
 *   from the request.
 * - `notified`: the gateway learns of it without the browser (a queue the gateway polls,
 *   a CoA sent to the NAS); the page just says the person is connected.
 * - `none`: nothing to do (the gateway polls the sessions API, or the decision is not allow).
 */
export type Release = { kind: 'redirect'; url: string } | { kind: 'notified' } | { kind: 'none' };

/** What Vestibule lends every dialect call. */
export interface DialectServices {
  /** Claims, versioned records and indexes shared by every instance (nonces, queues, once-only markers). */
  atomic: AtomicStore;
  /** Key-value namespaces with TTLs; a dialect names its own (e.g. `opennds-queue`). */
  stores: Pick<Stores, 'namespace'>;
  /** SIGNATURE_MAX_SKEW_SECONDS: how far a gateway's timestamp may be from our clock. */
  signatureMaxSkewSeconds: number;
  /** PUBLIC_URL: for links a dialect hands to a gateway. */
  publicUrl: URL;
  now(): number;
  /**
   * The server log, for what only the dialect knows (why an intake was refused, what a
   * gateway's back channel asked, a CoA's result): audit lines, never secrets, never
   * shown to the client. Optional: tests may omit it.
   */
  logger?: Logger;
}
