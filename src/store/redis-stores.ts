import KeyvRedis from '@keyv/redis';
import { createClient, type RedisClientType } from '@redis/client';
import Keyv from 'keyv';
import { guardAtomicStore } from './guarded-atomic-store.js';
import { KeyvNamespace } from './keyv-namespace.js';
import { RedisAtomicStore } from './redis-atomic-store.js';
import { RedisChangeFeed } from './redis-change-feed.js';
import { redisReconnectDelayMs } from './redis-reconnect.js';
import { StoreUnavailableError, type Namespace, type Stores } from '../core/store/types.js';
import { withTimeout } from '../core/store/with-timeout.js';

export interface RedisStoreOptions {
  timeoutMs: number;
  /** Prefix of every key and channel, so several deployments can share one Redis. */
  prefix?: string;
}

/**
 * Redis client options that fail fast: no offline queue (a command while disconnected
 * fails now instead of waiting for a reconnect), a connect timeout, and reconnection in
 * the background so the service recovers without a restart.
 */
function connect(url: string, timeoutMs: number): RedisClientType {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: (retries: number) => redisReconnectDelayMs(retries) },
  }) as RedisClientType;
  // Without a listener an 'error' event would crash the process; failures surface per command.
  client.on('error', () => {});
  return client;
}

/** Redis stores also lend their command connection to Redis-backed helpers (rate-limit counters). */
export interface RedisStores extends Stores {
  readonly kind: 'redis';
  readonly client: RedisClientType;
}

/** True for the stores `openRedisStores` built. */
export function isRedisStores(stores: Stores): stores is RedisStores {
  return stores.kind === 'redis' && 'client' in stores;
}

/** `redis://…`: state shared by any number of instances. */
export async function openRedisStores(url: string, options: RedisStoreOptions): Promise<RedisStores> {
  const prefix = options.prefix ?? 'vestibule:';
  const client = connect(url, options.timeoutMs);
  const subscriber = client.duplicate();
  subscriber.on('error', () => {});
  try {
    await withTimeout(Promise.all([client.connect(), subscriber.connect()]), options.timeoutMs, 'redis connect');
  } catch (error) {
    // destroy() is synchronous: it closes the socket and rejects whatever is queued.
    client.destroy();
    subscriber.destroy();
    throw new StoreUnavailableError(`cannot connect to Redis at ${new URL(url).host}`, { cause: error });
  }
  const changes = await RedisChangeFeed.start(client, subscriber, `${prefix}changes`);
  const namespaces = new Map<string, Namespace<unknown>>();
  return {
    kind: 'redis',
    client,
    atomic: guardAtomicStore(new RedisAtomicStore(client, prefix), options.timeoutMs),
    changes,
    namespace<T>(name: string): Namespace<T> {
      let ns = namespaces.get(name);
      if (!ns) {
        const adapter = new KeyvRedis(client, {
          namespace: `${prefix}kv:${name}`,
          throwOnErrors: true,
          throwOnConnectError: true,
          connectionTimeout: options.timeoutMs,
        });
        const keyv = new Keyv<unknown>({ store: adapter, namespace: `${prefix}kv:${name}`, useKeyPrefix: false, throwOnErrors: true });
        keyv.on('error', () => {});
        ns = new KeyvNamespace(name, keyv, options.timeoutMs);
        namespaces.set(name, ns);
      }
      return ns as Namespace<T>;
    },
    async ping() {
      try {
        await withTimeout(client.ping(), options.timeoutMs, 'redis ping');
      } catch (error) {
        throw new StoreUnavailableError('redis does not answer', { cause: error });
      }
    },
    async close() {
      await Promise.allSettled([subscriber.close(), client.close()]);
    },
  };
}
