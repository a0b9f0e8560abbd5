import { ServiceUnavailableError } from '../../http/errors.js';
import type { AtomicStore } from '../../core/store/types.js';

export interface BulkThrottleOptions {
  windowMs: number;
  periodMs: number;
  now: () => number;
}

/**
 * Intune's bulk-query rule, per client identity (the gateway that owns the API key): the
 * first bulk call opens a window in which bulk calls succeed; after it, bulk calls wait
 * until the period that started with the window ends; the next call then opens a new
 * window. The window is a single atomic claim whose value is when it opened and whose TTL
 * is the period, so parallel first calls on any number of instances open exactly one.
 *
 * The key is the gateway ID alone: nothing from the request's path, method, query or
 * forwarding headers goes into it, so none of those can reset it. A store failure
 * refuses the call (503); it is never read as "no window yet".
 */
export async function admitBulkCall(atomic: AtomicStore, gatewayId: string, options: BulkThrottleOptions): Promise<void> {
  const now = options.now();
  // A store failure (StoreUnavailableError) propagates and is answered 503, never "allowed".
  const claim = await atomic.claim(`bulk:${gatewayId}`, String(now), options.periodMs);
  if (claim.claimed) return;
  const openedAt = Number(claim.value);
  // A value we cannot read counts as a closed window that lasts as long as the entry does.
  const windowEnd = Number.isFinite(openedAt) ? openedAt + options.windowMs : -Infinity;
  if (now < windowEnd) return;
  const periodEnd = Number.isFinite(openedAt) ? openedAt + options.periodMs : now + claim.ttlMs;
  throw new ServiceUnavailableError('The bulk query limit for this API key is used up; see Retry-After.', {
    retryAfterSeconds: Math.max(1, (periodEnd - now) / 1000),
    code: 'bulk_throttled',
  });
}
