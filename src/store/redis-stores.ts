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
import { keyvDeserialize } from './keyv-deserialize.js';

export interface RedisStoreOptions {
  timeoutMs: number;
  /** Prefix of every key and channel, so several deployments can share one Redis. */
  prefix?: string;
  /** Aborting drops a connection still being made (shutdown during start): rejects with the signal's reason. */
  signal?: AbortSignal;
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

/**
 * `redis://…`: state shared by any number of instances. Throws StoreUnavailableError when
 * Redis does not answer within `timeoutMs` (connect and subscribe); both clients are then
 * destroyed, so a failed open leaves no client reconnecting in the background.
 */
export async function openRedisStores(url: string, options: RedisStoreOptions): Promise<RedisStores> {
  const { signal } = options;
  signal?.throwIfAborted();
  const prefix = options.prefix ?? 'vestibule:';
  const client = connect(url, options.timeoutMs);
  const subscriber = client.duplicate();
  subscriber.on('error', () => {});
  // While connecting, node-redis retries by itself and reports each failure only as an event:
  // keep the last one, so the error says why (refused, wrong password) and not just "timed out".
  let lastError: Error | undefined;
  const remember = (error: Error) => (lastError = error);
  client.on('error', remember);
  let changes: RedisChangeFeed;
  try {
    await withTimeout(Promise.all([client.connect(), subscriber.connect()]), options.timeoutMs, 'redis connect', signal);
    // A Redis that accepts connections but never answers (stopped, overloaded) must not hang the start here either.
    changes = await withTimeout(RedisChangeFeed.start(client, subscriber, `${prefix}changes`), options.timeoutMs, 'redis subscribe', signal);
  } catch (error) {
    // destroy() is synchronous: it closes the socket, stops reconnecting and rejects whatever is
    // queued. It throws on a client already closed (a subscribe that failed because Redis went away).
    for (const c of [client, subscriber]) if (c.isOpen) c.destroy();
    signal?.throwIfAborted();
    const why = lastError ? ` (${lastError.message})` : '';
    throw new StoreUnavailableError(`cannot connect to Redis at ${new URL(url).host}${why}`, { cause: error });
  } finally {
    client.off('error', remember);
  }
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
        const keyv = new Keyv<unknown>({
          store: adapter,
          namespace: `${prefix}kv:${name}`,
          useKeyPrefix: false,
          throwOnErrors: true,
          deserialize: keyvDeserialize,
        });
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
      // node-redis's close() waits for every pending reply, and a Redis that hangs (stopped,
      // overloaded) sends none: a failed start or a shutdown would wait forever. A PING
      // answered in time means the replies queued before it came, so the graceful close
      // finishes; otherwise the socket is dropped. The subscriber has nothing to flush.
      if (subscriber.isOpen) subscriber.destroy();
      try {
        await withTimeout(client.ping(), options.timeoutMs, 'redis ping before close');
        await client.close();
      } catch {
        if (client.isOpen) client.destroy();
      }
    },
  };
}
