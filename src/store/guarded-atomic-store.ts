import { StoreUnavailableError, type AtomicStore } from '../core/store/types.js';
import { withTimeout } from '../core/store/with-timeout.js';

/**
 * Wraps any `AtomicStore` so that every failure, thrown or slow, becomes a
 * `StoreUnavailableError`. Callers then fail closed instead of hanging or, worse,
 * treating "the store is down" as "no nonce seen" or "no throttle window open".
 *
 * `timeoutMs: 'synchronous'` is for a backend that does its work synchronously
 * (better-sqlite3: reads at once, writes in the next check phase, bounded by the busy
 * timeout): no timer could fire before that work ends, so arming one per call would cost
 * a timer and a race for nothing; failures are still converted.
 */
export function guardAtomicStore(inner: AtomicStore, timeoutMs: number | 'synchronous'): AtomicStore {
  const guard = async <R>(what: string, call: () => Promise<R>): Promise<R> => {
    try {
      return timeoutMs === 'synchronous' ? await call() : await withTimeout(call(), timeoutMs, what);
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      throw new StoreUnavailableError(`atomic store ${what} failed`, { cause: error });
    }
  };
  return {
    claim: (key, value, ttlMs) => guard('claim', () => inner.claim(key, value, ttlMs)),
    release: (key, value) => guard('release', () => inner.release(key, value)),
    read: (key) => guard('read', () => inner.read(key)),
    compareAndSet: (key, expected, value, ttlMs) => guard('compareAndSet', () => inner.compareAndSet(key, expected, value, ttlMs)),
    compareAndSetAll: (writes) => guard('compareAndSetAll', () => inner.compareAndSetAll(writes)),
    addToIndex: (index, members) => guard('addToIndex', () => inner.addToIndex(index, members)),
    removeFromIndex: (index, members) => guard('removeFromIndex', () => inner.removeFromIndex(index, members)),
    rangeIndex: (index, options) => guard('rangeIndex', () => inner.rangeIndex(index, options)),
  };
}
