import { StoreUnavailableError, type AtomicStore } from '../core/store/types.js';
import { withTimeout } from '../core/store/with-timeout.js';

/**
 * Wraps any `AtomicStore` so that every failure, thrown or slow, becomes a
 * `StoreUnavailableError`. Callers then fail closed instead of hanging or, worse,
 * treating "the store is down" as "no nonce seen" or "no throttle window open".
 */
export function guardAtomicStore(inner: AtomicStore, timeoutMs: number): AtomicStore {
  const guard = async <R>(what: string, call: () => Promise<R>): Promise<R> => {
    try {
      return await withTimeout(call(), timeoutMs, what);
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
    addToIndex: (index, members) => guard('addToIndex', () => inner.addToIndex(index, members)),
    removeFromIndex: (index, members) => guard('removeFromIndex', () => inner.removeFromIndex(index, members)),
    rangeIndex: (index, options) => guard('rangeIndex', () => inner.rangeIndex(index, options)),
  };
}
