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

/** Deletes expired rows now and every `intervalMs`; returns a function that stops it. */
export function startSweeper(db: Database.Database, intervalMs: number, now: () => number = Date.now): () => void {
  const sweepKv = db.prepare('DELETE FROM kv WHERE expires IS NOT NULL AND expires <= ?');
  const sweepAtomic = db.prepare('DELETE FROM atomic WHERE expires <= ?');
  const sweep = () => {
    const at = now();
    sweepKv.run(at);
    sweepAtomic.run(at);
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
