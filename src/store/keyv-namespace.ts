import type Keyv from 'keyv';
import { StoreUnavailableError, type Namespace, type Ttl } from '../core/store/types.js';
import { withTimeout } from '../core/store/with-timeout.js';

/**
 * A `Namespace` over one keyv instance. keyv is created with `throwOnErrors`, and every
 * call is bounded in time, so a broken or hung backend surfaces as
 * `StoreUnavailableError` instead of a cache miss or a request that never ends.
 * `'synchronous'` (SQLite: better-sqlite3 reads at once and writes in the next check
 * phase, bounded by the busy timeout) arms no timer, since none could fire before that work
 * ends; failures are still converted.
 */
export class KeyvNamespace<T> implements Namespace<T> {
  constructor(
    readonly name: string,
    private readonly keyv: Keyv<T>,
    private readonly timeoutMs: number | 'synchronous',
  ) {}

  async get(key: string): Promise<T | undefined> {
    return this.run('get', () => this.keyv.get(key));
  }

  async getMany(keys: string[]): Promise<Array<T | undefined>> {
    if (keys.length === 0) return [];
    return this.run('getMany', () => this.keyv.get(keys));
  }

  async set(key: string, value: T, ttlMs: Ttl): Promise<void> {
    if (ttlMs !== 'forever' && !(Number.isInteger(ttlMs) && ttlMs > 0)) {
      // A write without a TTL would live forever by accident; refuse it loudly.
      throw new TypeError(`namespace ${this.name}: set() needs a positive TTL or 'forever'`);
    }
    const ok = await this.run('set', () => this.keyv.set(key, value, ttlMs === 'forever' ? undefined : ttlMs));
    if (ok === false) throw new StoreUnavailableError(`store refused a write to ${this.name}`);
  }

  async delete(key: string): Promise<boolean> {
    return this.run('delete', () => this.keyv.delete(key));
  }

  private async run<R>(operation: string, call: () => Promise<R>): Promise<R> {
    try {
      return this.timeoutMs === 'synchronous' ? await call() : await withTimeout(call(), this.timeoutMs, `${this.name}.${operation}`);
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      throw new StoreUnavailableError(`store ${operation} on ${this.name} failed`, { cause: error });
    }
  }
}
