import type Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter, StoredData } from 'keyv';

/**
 * A keyv store over better-sqlite3: prepared statements and an `expires` column that the
 * sweeper and every read honour. Chosen over @keyv/sqlite, whose driver defaults to a
 * rollback journal and whose iterator overflows the stack on large tables.
 */
export class SqliteKeyvAdapter extends EventEmitter implements KeyvStoreAdapter {
  opts = {};
  namespace?: string;
  private readonly statements;

  constructor(
    db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.statements = {
      get: db.prepare<[string, number], { value: string }>('SELECT value FROM kv WHERE key = ? AND (expires IS NULL OR expires > ?)'),
      set: db.prepare(
        'INSERT INTO kv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires',
      ),
      delete: db.prepare('DELETE FROM kv WHERE key = ?'),
      clear: db.prepare('DELETE FROM kv WHERE key >= ? AND key < ?'),
    };
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.statements.get.get(key, this.now())?.value as StoredData<Value> | undefined;
  }

  async getMany<Value>(keys: string[]): Promise<Array<StoredData<Value | undefined>>> {
    return Promise.all(keys.map((key) => this.get<Value>(key)));
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    const expires = typeof ttl === 'number' && ttl > 0 ? this.now() + ttl : null;
    this.statements.set.run(key, String(value), expires);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.statements.delete.run(key).changes > 0;
  }

  async clear(): Promise<void> {
    // keyv prefixes keys with "namespace:"; clear only ours.
    const prefix = `${this.namespace ?? ''}:`;
    this.statements.clear.run(prefix, `${prefix}\uffff`);
  }
}
