/**
 * The compliance backend could not answer (down, slow, throttled beyond our bound).
 * Callers must fail closed: `pending` or `deny`, never `allow`.
 */
export class ProviderUnavailableError extends Error {
  override readonly name = 'ProviderUnavailableError';
  constructor(
    message: string,
    /** `throttled`: the backend said "too many requests" (HTTP 429), as opposed to failing. */
    readonly options: { cause?: unknown; retryAfterSeconds?: number; throttled?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
  }
}

/**
 * A `resumeFrom` position the provider cannot use: not one it issued, malformed, or
 * pointing outside its own listing. The position comes from a client, so this is the
 * client's mistake (the API answers 400), never a backend outage.
 */
export class InvalidListingPositionError extends Error {
  override readonly name = 'InvalidListingPositionError';
}
