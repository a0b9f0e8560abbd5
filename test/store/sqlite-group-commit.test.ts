import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openSqliteDatabase } from '../../src/store/sqlite-database.js';
import { SqliteGroupCommit } from '../../src/store/sqlite-group-commit.js';
import { openSqliteStores } from '../../src/store/sqlite-stores.js';

/** A database file and a second connection to it, as another process sharing the file would have. */
function openPair(): { db: Database.Database; other: Database.Database } {
  const path = join(mkdtempSync(join(tmpdir(), 'vestibule-gc-')), 'test.sqlite');
  const db = openSqliteDatabase(path);
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT NOT NULL)');
  const other = new Database(path);
  other.pragma('busy_timeout = 0');
  return { db, other };
}

const keys = (db: Database.Database) => (db.prepare('SELECT k FROM t ORDER BY rowid').pluck().all() as string[]).join(',');

describe('SQLite group commit', () => {
  const open: Database.Database[] = [];
  /** The database, a second connection to it, a group commit on it and an insert into `t`. */
  const setUp = () => {
    const { db, other } = openPair();
    open.push(other, db);
    return { db, other, commit: new SqliteGroupCommit(db), insert: db.prepare('INSERT INTO t (k, v) VALUES (?, ?)') };
  };
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
  });

  it('runs the writes of one event-loop turn in one transaction, in order, and resolves only after the commit', async () => {
    const { db, other, commit, insert } = setUp();
    const seenInside: string[] = [];
    const writes = ['a', 'b', 'c'].map((k) =>
      commit.run(() => {
        insert.run(k, 'v');
        seenInside.push(keys(db)); // this connection sees the batch's earlier writes…
        assert.equal(keys(other), ''); // …nobody else does before the commit
        return k.toUpperCase();
      }),
    );
    assert.equal(keys(other), '', 'nothing runs before the batch');
    assert.deepEqual(await Promise.all(writes), ['A', 'B', 'C']);
    assert.deepEqual(seenInside, ['a', 'a,b', 'a,b,c']);
    assert.equal(keys(other), 'a,b,c');
  });

  it('fails a write that throws alone, leaving nothing of it behind', async () => {
    const { other, commit, insert } = setUp();
    const results = await Promise.allSettled([
      commit.run(() => insert.run('a', 'v')),
      commit.run(() => {
        insert.run('half', 'v');
        insert.run('a', 'duplicate'); // UNIQUE constraint: this write fails after a first row
      }),
      commit.run(() => insert.run('c', 'v')),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.match(String((results[1] as PromiseRejectedResult).reason), /UNIQUE/);
    assert.equal(keys(other), 'a,c');
  });

  it('fails a lone write that throws (a batch of one, without a savepoint) leaving nothing of it behind', async () => {
    const { other, commit, insert } = setUp();
    await commit.run(() => insert.run('a', 'v'));
    await assert.rejects(
      commit.run(() => {
        insert.run('half', 'v');
        insert.run('a', 'duplicate');
      }),
      /UNIQUE/,
    );
    await commit.run(() => insert.run('c', 'v'));
    assert.equal(keys(other), 'a,c');
  });

  it('rejects every write of a batch that cannot take the write lock within the busy timeout, stores none, and recovers once it can', async () => {
    const { db, other, commit, insert } = setUp();
    db.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE'); // another process is writing
    const results = await Promise.allSettled([commit.run(() => insert.run('a', 'v')), commit.run(() => insert.run('b', 'v'))]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    assert.match(String((results[0] as PromiseRejectedResult).reason), /locked|busy/i);
    other.exec('COMMIT');
    await commit.run(() => insert.run('c', 'v'));
    assert.equal(keys(other), 'c');
  });

  it('fails only the write that fills the disk mid-batch; the writes SQLite rolled back with it run again and are stored', async () => {
    const { db, other, commit, insert } = setUp();
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`);
    const sizes = [10, 100_000, 10, 10];
    let rolledBackWhole = false;
    const results = await Promise.allSettled(
      sizes.map((size, i) =>
        commit.run(() => {
          try {
            return insert.run(`k${i}`, 'x'.repeat(size));
          } catch (error) {
            rolledBackWhole ||= !db.inTransaction;
            throw error;
          }
        }),
      ),
    );
    assert.ok(rolledBackWhole, 'SQLite rolled back the whole transaction (the case this test is for)');
    assert.equal(results[1]!.status, 'rejected', 'the write that does not fit fails');
    assert.match(String((results[1] as PromiseRejectedResult).reason), /full/i);
    // The writes around it were not committed with that transaction; they ran again and are stored.
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
    );
    assert.equal(keys(other), 'k0,k2,k3');
  });

  it('commits more writes than one batch holds in several batches of at most 64, losing none', async () => {
    const { other, commit, insert } = setUp();
    const committedBefore: number[] = [];
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        commit.run(() => {
          committedBefore.push(keys(other).split(',').filter(Boolean).length);
          return insert.run(`k${String(i).padStart(3, '0')}`, 'v');
        }),
      ),
    );
    assert.deepEqual([...new Set(committedBefore)], [0, 64, 128, 192]);
    assert.equal(keys(other), Array.from({ length: 200 }, (_, i) => `k${String(i).padStart(3, '0')}`).join(','));
  });

  it('rejects every write of a batch whose commit fails, and stores none of them', async () => {
    const { db, other, commit, insert } = setUp();
    db.pragma('foreign_keys = ON');
    db.exec('CREATE TABLE child (parent TEXT REFERENCES t (k) DEFERRABLE INITIALLY DEFERRED)');
    const results = await Promise.allSettled([
      commit.run(() => insert.run('a', 'v')),
      commit.run(() => db.prepare('INSERT INTO child (parent) VALUES (?)').run('nobody')), // checked only at COMMIT
      commit.run(() => insert.run('c', 'v')),
    ]);
    for (const result of results) {
      assert.ok(result.status === 'rejected');
      assert.match(String(result.reason), /FOREIGN KEY/);
    }
    assert.equal(keys(other), '');
    assert.equal(db.inTransaction, false);
    await commit.run(() => insert.run('d', 'v'));
    assert.equal(keys(other), 'd');
  });

  it('refuses a write that returns a promise (what ran after its await would be outside the transaction)', async () => {
    const { other, commit, insert } = setUp();
    await assert.rejects(
      commit.run(async () => insert.run('a', 'v')),
      /synchronous|promise/,
    );
    const both = await Promise.allSettled([commit.run(async () => insert.run('b', 'v')), commit.run(() => insert.run('c', 'v'))]);
    assert.deepEqual(
      both.map((r) => r.status),
      ['rejected', 'fulfilled'],
    );
    assert.equal(keys(other), 'c');
  });

  it('commits what is queued at once when drained, so a shutdown loses no accepted write', async () => {
    const { db, other, commit, insert } = setUp();
    const pending = Array.from({ length: 100 }, (_, i) => commit.run(() => insert.run(`k${i}`, 'v')));
    commit.drain();
    assert.equal(keys(other).split(',').length, 100);
    db.close();
    await Promise.all(pending);
  });

  it('keeps the writes a store had queued but not yet committed when it closes', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vestibule-gc-')), 'store.sqlite');
    const stores = openSqliteStores(path, { timeoutMs: 1000 });
    const written = [
      stores.atomic.claim('nonce', 'a', 60_000),
      stores.atomic.compareAndSetAll([{ key: 'record', expectedVersion: 0, value: 'r', ttlMs: 60_000 }]),
    ];
    await stores.close();
    await Promise.all(written);
    const reopened = openSqliteStores(path, { timeoutMs: 1000 });
    assert.equal((await reopened.atomic.claim('nonce', 'b', 60_000)).value, 'a');
    assert.deepEqual(await reopened.atomic.read('record'), { value: 'r', version: 1 });
    await reopened.close();
  });

  it('rejects writes whose database was closed before their batch ran', async () => {
    const { db, commit, insert } = setUp();
    const pending = commit.run(() => insert.run('a', 'v'));
    db.close();
    await assert.rejects(pending, /not open/);
  });
});
