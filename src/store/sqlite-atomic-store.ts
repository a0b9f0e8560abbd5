import type Database from 'better-sqlite3';
import type { AtomicStore, ClaimResult, Versioned, VersionedWrite } from '../core/store/types.js';
import type { SqliteGroupCommit } from './sqlite-group-commit.js';

/**
 * `AtomicStore` on SQLite. Every write (a read-check-write such as claim or compareAndSet
 * included) runs as one savepoint inside an IMMEDIATE transaction that the writes of the
 * same event-loop turn share (`SqliteGroupCommit`), so it is atomic across every process
 * that shares the file (the busy timeout serialises writers) and resolves once committed.
 * Reads run at once.
 */
export class SqliteAtomicStore implements AtomicStore {
  private readonly statements;
  private readonly rangeStatements: RangeStatements;

  constructor(
    db: Database.Database,
    private readonly writes: SqliteGroupCommit,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      select: db.prepare<[string, number], { value: string; expires: number }>('SELECT value, expires FROM atomic WHERE key = ? AND expires > ?'),
      upsert: db.prepare(
        'INSERT INTO atomic (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires',
      ),
      addIndex: db.prepare('INSERT OR IGNORE INTO ordered_index (name, member) VALUES (?, ?)'),
      release: db.prepare('DELETE FROM atomic WHERE key = ? AND value = ?'),
      removeIndex: db.prepare('DELETE FROM ordered_index WHERE name = ? AND member = ?'),
    };
    this.rangeStatements = new RangeStatements(db);
  }

  async claim(key: string, value: string, ttlMs: number): Promise<ClaimResult> {
    return this.writes.run((): ClaimResult => {
      const at = this.now();
      const current = this.statements.select.get(key, at);
      if (current) return { claimed: false, value: current.value, ttlMs: current.expires - at };
      this.statements.upsert.run(key, value, at + ttlMs);
      return { claimed: true, value, ttlMs };
    });
  }

  async release(key: string, value: string): Promise<void> {
    await this.writes.run(() => this.statements.release.run(key, value));
  }

  async read<T>(key: string): Promise<Versioned<T> | undefined> {
    const row = this.statements.select.get(key, this.now());
    return row ? (JSON.parse(row.value) as Versioned<T>) : undefined;
  }

  async compareAndSet<T>(key: string, expectedVersion: number, value: T, ttlMs: number): Promise<boolean> {
    return this.compareAndSetAll([{ key, expectedVersion, value, ttlMs }]);
  }

  async compareAndSetAll(writes: VersionedWrite[]): Promise<boolean> {
    return this.writes.run(() => {
      const at = this.now();
      for (const write of writes) {
        const current = this.statements.select.get(write.key, at);
        if ((current ? (JSON.parse(current.value) as Versioned<unknown>).version : 0) !== write.expectedVersion) return false;
      }
      for (const write of writes)
        this.statements.upsert.run(write.key, JSON.stringify({ value: write.value, version: write.expectedVersion + 1 }), at + write.ttlMs);
      return true;
    });
  }

  async addToIndex(index: string, members: string[]): Promise<void> {
    await this.writes.run(() => {
      for (const member of members) this.statements.addIndex.run(index, member);
    });
  }

  async removeFromIndex(index: string, members: string[]): Promise<void> {
    await this.writes.run(() => {
      for (const member of members) this.statements.removeIndex.run(index, member);
    });
  }

  async rangeIndex(index: string, { after, limit }: { after?: string; limit: number }): Promise<string[]> {
    return this.rangeStatements.forLimit(limit).all(index, after ?? '') as string[];
  }
}

/** Distinct LIMIT values kept as their own statements; callers use a handful (5, page sizes). */
const MAX_RANGE_STATEMENTS = 32;

/**
 * The index range query, one prepared statement per LIMIT value, written into the SQL.
 * Why not `LIMIT ?`: SQLite reads a bound LIMIT while planning and marks the parameter as
 * one the plan depends on (`sqlite3ExprIsInteger`, case TK_VARIABLE, calls
 * `sqlite3VdbeSetVarmask`; SQLite 3.51.2 as bundled with better-sqlite3 12), so every
 * step after a new binding re-prepares the statement: seen as `sqlite3Reprepare` →
 * `sqlite3RunParser` under `Statement.all` in a perf profile of the compliance API's MAC
 * lookup. Past MAX_RANGE_STATEMENTS distinct limits the generic `LIMIT ?` statement
 * answers, so the cache stays bounded (callers use constants, so it is never reached).
 */
class RangeStatements {
  private readonly byLimit = new Map<number, Database.Statement<[string, string]>>();
  private readonly generic;

  constructor(private readonly db: Database.Database) {
    this.generic = db.prepare<[string, string, number]>(`${RANGE_SQL} ?`).pluck();
  }

  /** `all(index, after)` for at most `limit` rows; `limit` must be a whole number ≥ 0 (SQLite itself would read a negative LIMIT as none: refused here instead). */
  forLimit(limit: number): Pick<Database.Statement<[string, string]>, 'all'> {
    if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`rangeIndex limit must be a whole number ≥ 0, got ${limit}`);
    let statement = this.byLimit.get(limit);
    if (!statement) {
      if (this.byLimit.size >= MAX_RANGE_STATEMENTS) return { all: (index: string, after: string) => this.generic.all(index, after, limit) };
      statement = this.db.prepare<[string, string]>(`${RANGE_SQL} ${limit}`).pluck();
      this.byLimit.set(limit, statement);
    }
    return statement;
  }
}

const RANGE_SQL = 'SELECT member FROM ordered_index WHERE name = ? AND member > ? ORDER BY member LIMIT';
