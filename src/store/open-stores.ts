import { openMemoryStores } from './memory-stores.js';
import { openRedisStores } from './redis-stores.js';
import { openSqliteStores } from './sqlite-stores.js';
import type { Stores } from '../core/store/types.js';

/**
 * Builds the stores named by STORE_URL: sqlite://path, redis://host:port/db, memory://.
 * Throws StoreUnavailableError when a store server does not answer; aborting `signal`
 * drops a connection still being made (rejects with the signal's reason).
 */
export async function openStores(
  storeUrl: string,
  options: { timeoutMs: number; now?: () => number; redisKeyPrefix?: string; signal?: AbortSignal },
): Promise<Stores> {
  if (storeUrl.startsWith('sqlite://')) {
    return openSqliteStores(storeUrl.slice('sqlite://'.length) || './data/vestibule.sqlite', options);
  }
  if (storeUrl.startsWith('redis://') || storeUrl.startsWith('rediss://')) {
    return openRedisStores(storeUrl, { timeoutMs: options.timeoutMs, prefix: options.redisKeyPrefix, signal: options.signal });
  }
  if (storeUrl === 'memory://' || storeUrl === 'memory:') return openMemoryStores(options);
  throw new Error(`STORE_URL must start with sqlite://, redis:// or memory:// (got ${storeUrl.split(':')[0]}:…)`);
}
