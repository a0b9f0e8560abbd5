import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMemoryStores } from '../../src/store/memory-stores.js';
import { openRedisStores } from '../../src/store/redis-stores.js';
import { openSqliteStores } from '../../src/store/sqlite-stores.js';
import type { Stores } from '../../src/core/store/types.js';
import { REDIS_URL, redisSuiteEnabled } from './redis.js';

export interface Backend {
  name: string;
  open(): Promise<Stores>;
}

/**
 * How long a test store waits for its backend (ms): far beyond a busy machine's scheduling
 * delays, which would otherwise turn a timely answer into a StoreUnavailableError.
 */
export const TEST_STORE_TIMEOUT_MS = 30_000;

/** The store backends a contract test runs against: memory, SQLite and (when present) real Redis. */
export async function storeBackends(suite: string): Promise<Backend[]> {
  const backends: Backend[] = [
    { name: 'memory', open: async () => openMemoryStores() },
    {
      name: 'sqlite',
      open: async () => openSqliteStores(join(mkdtempSync(join(tmpdir(), 'vestibule-')), 'test.sqlite'), { timeoutMs: TEST_STORE_TIMEOUT_MS }),
    },
  ];
  if (await redisSuiteEnabled(suite)) {
    // A fresh prefix per open keeps tests independent without flushing a shared Redis.
    backends.push({ name: 'redis', open: () => openRedisStores(REDIS_URL, { timeoutMs: TEST_STORE_TIMEOUT_MS, prefix: `vestibule-test:${randomUUID()}:` }) });
  }
  return backends;
}
