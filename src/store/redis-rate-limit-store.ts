import type { RedisClientType } from '@redis/client';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { withTimeout } from '../core/store/with-timeout.js';

/**
 * express-rate-limit counters in Redis (rate-limit-redis), shared by every instance, over
 * the app's own Redis connection. rate-limit-redis loads its Lua scripts once in `init`;
 * if Redis was down then, that failed load would stick. This wrapper starts over with a
 * fresh RedisStore after any failure, so the limiter recovers with Redis, no restart.
 */
export class RecoveringRedisRateLimitStore implements Store {
  readonly localKeys = false;
  private options: Options | undefined;
  private inner: Promise<RedisStore> | undefined;

  constructor(
    private readonly client: RedisClientType,
    readonly prefix: string,
    /** STORE_TIMEOUT_MS: a Redis that hangs must not hang the request it counts. */
    private readonly timeoutMs: number,
  ) {}

  init(options: Options): void {
    this.options = options;
  }

  private store(): Promise<RedisStore> {
    this.inner ??= (async () => {
      const store = new RedisStore({ prefix: this.prefix, sendCommand: (...args: string[]) => this.client.sendCommand(args) });
      await store.init(this.options!);
      return store;
    })();
    return this.inner;
  }

  private async call<T>(use: (store: RedisStore) => Promise<T>): Promise<T> {
    try {
      return await withTimeout((async () => use(await this.store()))(), this.timeoutMs, 'rate-limit counter');
    } catch (error) {
      this.inner = undefined;
      throw error;
    }
  }

  get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.call((store) => store.get(key));
  }

  increment(key: string): Promise<ClientRateLimitInfo> {
    return this.call((store) => store.increment(key));
  }

  decrement(key: string): Promise<void> {
    return this.call((store) => store.decrement(key));
  }

  resetKey(key: string): Promise<void> {
    return this.call((store) => store.resetKey(key));
  }
}
