/**
 * Domain errors: what went wrong, said as a stable `code` (e.g. `link_expired`,
 * `session_other_user`) and a `kind`. The core never decides how a failure is shown:
 * the HTTP layer (src/http/domain-errors.ts) maps the kind to a status and the code to
 * the user's language through the UI catalogue. That is why core throw sites carry no
 * sentence at all.
 *
 * Adapters (gateway dialects, signed-query parsing) may add a `detail`: a short
 * developer-facing explanation for the gateway's integrator ("The parameter mac is given
 * twice."), which the HTTP layer passes on in API problem documents. It is never shown
 * to a person as page text.
 *
 * Errors that mean "a dependency cannot answer" keep their own classes next to their
 * contract (StoreUnavailableError in store/types.ts, ProviderUnavailableError in
 * compliance/errors.ts): they are not the caller's fault and map to 503.
 */

/**
 * - `invalid`: the input is malformed (a parameter too long, given twice, not a MAC).
 * - `refused`: well-formed but not accepted (bad signature, expired or replayed link, wrong user's session taken over).
 * - `missing`: the thing asked for does not exist (any more).
 * - `conflict`: the state changed under us; trying again may work.
 */
export type DomainErrorKind = 'invalid' | 'refused' | 'missing' | 'conflict';

/** Base of every domain error. `message` is the detail when given, else the code (for logs). */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  /** Developer-facing explanation from an adapter; undefined when the code says it all. */
  readonly detail: string | undefined;
  /** Measured facts for logs and metrics only (e.g. `skewSeconds`); never shown to anyone. */
  readonly facts: Readonly<Record<string, number | string>> | undefined;

  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    options: { detail?: string; cause?: unknown; facts?: Record<string, number | string> } = {},
  ) {
    super(options.detail ?? code, { cause: options.cause });
    this.detail = options.detail;
    this.facts = options.facts;
  }
}

/** The input is malformed. */
export class InvalidInputError extends DomainError {
  override readonly name = 'InvalidInputError';
  constructor(code: string, detail?: string) {
    super('invalid', code, { detail });
  }
}

/** The input is well-formed but refused: not authentic, expired, replayed, or not this user's. */
export class RefusedError extends DomainError {
  override readonly name = 'RefusedError';
  constructor(code: string, detail?: string, facts?: Record<string, number | string>) {
    super('refused', code, { detail, facts });
  }
}

/** What was asked for does not exist, or no longer does. */
export class MissingError extends DomainError {
  override readonly name = 'MissingError';
  constructor(code: string, detail?: string) {
    super('missing', code, { detail });
  }
}

/** The state changed under the caller (e.g. too many concurrent writes); a retry may succeed. */
export class ConflictingStateError extends DomainError {
  override readonly name = 'ConflictingStateError';
  constructor(code: string, detail?: string) {
    super('conflict', code, { detail });
  }
}
