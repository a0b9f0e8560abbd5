import type { Stores } from '../../src/core/store/types.js';

/** Wraps stores so a test can see how many claims actually created an entry. */
export function countingClaims(stores: Stores): { stores: Stores; claimed: () => number } {
  let claimed = 0;
  const atomic = Object.create(stores.atomic) as Stores['atomic'];
  atomic.claim = async (key, value, ttlMs) => {
    const result = await stores.atomic.claim(key, value, ttlMs);
    if (result.claimed) claimed++;
    return result;
  };
  return { stores: { ...stores, atomic, namespace: stores.namespace.bind(stores) }, claimed: () => claimed };
}
