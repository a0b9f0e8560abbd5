import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Opens the SQLite file with the settings a web server wants: WAL (readers never wait for
 * the writer), synchronous=NORMAL (durable at checkpoints, fast writes), and a busy
 * timeout so two processes sharing the file wait briefly instead of failing at once.
 */
export function openSqliteDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER);
    CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires) WHERE expires IS NOT NULL;
    CREATE TABLE IF NOT EXISTS atomic (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS atomic_expires ON atomic (expires);
    CREATE TABLE IF NOT EXISTS ordered_index (name TEXT NOT NULL, member TEXT NOT NULL, PRIMARY KEY (name, member)) WITHOUT ROWID;
  `);
  return db;
}

/** Rows deleted per sweep step: small enough that one step never stalls a request (about a millisecond). */
const SWEEP_BATCH = 500;

/**
 * Deletes expired rows now and every `intervalMs`; returns a function that stops it.
 * better-sqlite3 is synchronous, so one `DELETE` of every expired row (after a busy hour,
 * tens of thousands) would hold the event loop and show up as a p99 spike on every request
 * in flight. The sweep therefore deletes in batches of SWEEP_BATCH and yields to the event
 * loop (setImmediate) between them; a sweep still running when the next tick comes is not
 * started twice.
 */
export function startSweeper(db: Database.Database, intervalMs: number, now: () => number = Date.now): () => void {
  const sweepKv = db.prepare(`DELETE FROM kv WHERE rowid IN (SELECT rowid FROM kv WHERE expires IS NOT NULL AND expires <= ? LIMIT ${SWEEP_BATCH})`);
  const sweepAtomic = db.prepare(`DELETE FROM atomic WHERE rowid IN (SELECT rowid FROM atomic WHERE expires <= ? LIMIT ${SWEEP_BATCH})`);
  let running = false;
  let stopped = false;
  let pending: NodeJS.Immediate | undefined;
  const step = (at: number) => {
    pending = undefined;
    if (stopped || !db.open) {
      running = false;
      return;
    }
    const deleted = sweepKv.run(at).changes + sweepAtomic.run(at).changes;
    if (deleted === 0) {
      running = false;
      return;
    }
    pending = setImmediate(step, at);
  };
  const sweep = () => {
    if (running) return;
    running = true;
    step(now());
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
    if (pending) clearImmediate(pending);
  };
}
