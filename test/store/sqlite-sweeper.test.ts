import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openSqliteDatabase, startSweeper } from '../../src/store/sqlite-database.js';

const count = (db: ReturnType<typeof openSqliteDatabase>, table: 'kv' | 'atomic') =>
  (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Resolves after the event loop has run its immediates (the sweeper's yields) up to `rounds` times, or once `done()` holds. */
async function untilSettled(done: () => boolean, rounds = 100): Promise<void> {
  for (let i = 0; i < rounds && !done(); i += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('SQLite sweeper', () => {
  it('deletes every expired row in bounded batches, yielding between them, and keeps live rows', async () => {
    const db = openSqliteDatabase(':memory:');
    const now = 1_000_000;
    const insertKv = db.prepare('INSERT INTO kv (key, value, expires) VALUES (?, ?, ?)');
    const insertAtomic = db.prepare('INSERT INTO atomic (key, value, expires) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 1200; i += 1) {
        insertKv.run(`old-${i}`, 'x', now - 1);
        insertAtomic.run(`old-${i}`, 'x', now);
      }
      insertKv.run('live', 'x', now + 1);
      insertKv.run('forever', 'x', null);
      insertAtomic.run('live', 'x', now + 1);
    })();

    const stop = startSweeper(db, 3_600_000, () => now);
    // The first batch ran synchronously and stopped short: a sweep never holds the event loop for all rows.
    assert.equal(count(db, 'kv'), 1200 - 500 + 2);
    assert.equal(count(db, 'atomic'), 1200 - 500 + 1);
    await untilSettled(() => count(db, 'kv') === 2 && count(db, 'atomic') === 1);
    stop();
    assert.deepEqual(db.prepare('SELECT key FROM kv ORDER BY key').all(), [{ key: 'forever' }, { key: 'live' }]);
    assert.deepEqual(db.prepare('SELECT key FROM atomic').all(), [{ key: 'live' }]);
    db.close();
  });

  it('stops between batches when stopped, and never touches a closed database', async () => {
    const db = openSqliteDatabase(':memory:');
    const insert = db.prepare('INSERT INTO kv (key, value, expires) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 1500; i += 1) insert.run(`old-${i}`, 'x', 1);
    })();
    const stop = startSweeper(db, 3_600_000, () => 10);
    stop();
    await untilSettled(() => false, 5);
    assert.equal(count(db, 'kv'), 1000, 'only the first batch ran');
    db.close();
  });
});
