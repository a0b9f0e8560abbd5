/**
 * When to try Graph again. Graph's throttling guidance: honour `Retry-After` when it is
 * sent (429 and sometimes 503); otherwise back off exponentially with full jitter so that
 * many instances retrying at once spread out instead of hammering in lockstep.
 */

/** Parses `Retry-After` (delta-seconds or an HTTP date) into milliseconds from `nowMs`. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d{1,6}$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Full jitter: a random delay in [0, min(cap, base · 2^attempt)). `attempt` starts at 0. */
export function fullJitterDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.floor(random() * ceiling);
}

/** Statuses worth retrying: throttling and transient server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}
