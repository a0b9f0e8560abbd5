import type Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import type { SqliteGroupCommit } from './sqlite-group-commit.js';

/**
 * A keyv store over better-sqlite3: prepared statements and an `expires` column that the
 * sweeper and every read honour. Chosen over @keyv/sqlite, whose driver defaults to a
 * rollback journal and whose iterator overflows the stack on large tables. Writes share
 * the database's group commit with the atomic store (each resolves once committed);
 * reads run at once.
 */
export class SqliteKeyvAdapter extends EventEmitter implements KeyvStoreAdapter {
  opts = {};
  namespace?: string;
  private readonly statements;

  constructor(
    db: Database.Database,
    private readonly writes: SqliteGroupCommit,
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
    const text = String(value);
    await this.writes.run(() => this.statements.set.run(key, text, expires));
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.writes.run(() => this.statements.delete.run(key).changes > 0);
  }

  async clear(): Promise<void> {
    // keyv prefixes keys with "namespace:"; clear only ours.
    const prefix = `${this.namespace ?? ''}:`;
    await this.writes.run(() => this.statements.clear.run(prefix, `${prefix}\uffff`));
  }
}
