import type { Store } from 'express-rate-limit';
import type { Stores } from '../core/store/types.js';
import { RecoveringRedisRateLimitStore } from './redis-rate-limit-store.js';
import { isRedisStores } from './redis-stores.js';

/**
 * Where rate-limit counters live, by STORE_URL: Redis shares them across instances (under
 * the deployment's key prefix); SQLite and memory keep them in this process (undefined:
 * express-rate-limit's MemoryStore), which is right for the single instance those serve.
 */
export function rateLimitStoreFactory(stores: Stores, redisKeyPrefix: string, timeoutMs: number): (prefix: string) => Store | undefined {
  if (isRedisStores(stores)) return (prefix) => new RecoveringRedisRateLimitStore(stores.client, `${redisKeyPrefix}${prefix}`, timeoutMs);
  return () => undefined;
}
