import { randomInt } from 'node:crypto';

/** The least we ever ask a client to wait when nothing told us how long (seconds). */
export const RETRY_AFTER_FLOOR_SECONDS = 5;
/** How many seconds of spread we add on top of the floor. */
export const RETRY_AFTER_SPREAD_SECONDS = 5;

/**
 * A `Retry-After` (RFC 9110 §10.2.3, delta-seconds) for an outage whose end nobody told us:
 * the floor plus a random 0…spread−1 s. A fixed value would bring every waiting portal page
 * and gateway back in the same second when the store or backend recovers (a thundering
 * herd); the spread makes them return over several seconds instead.
 */
export function guessedRetryAfterSeconds(random: (maxExclusive: number) => number = randomInt): number {
  return RETRY_AFTER_FLOOR_SECONDS + random(RETRY_AFTER_SPREAD_SECONDS);
}
