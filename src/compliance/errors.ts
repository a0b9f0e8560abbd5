/**
 * The compliance backend could not answer (down, slow, throttled beyond our bound).
 * Callers must fail closed: `pending` or `deny`, never `allow`.
 */
export class ProviderUnavailableError extends Error {
  override readonly name = 'ProviderUnavailableError';
  constructor(
    message: string,
    readonly options: { cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message, { cause: options.cause });
  }
}
