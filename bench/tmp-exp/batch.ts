import Database from 'better-sqlite3';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
const B = Number(process.argv[2] ?? 1);
rmSync('/tmp/exp/db4', { recursive: true, force: true }); mkdirSync('/tmp/exp/db4', { recursive: true });
const db = new Database('/tmp/exp/db4/x.sqlite');
db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL'); if (process.argv[3]) db.pragma(process.argv[3]);
db.exec(`CREATE TABLE IF NOT EXISTS atomic (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS atomic_expires ON atomic (expires);`);
const select = db.prepare('SELECT value, expires FROM atomic WHERE key = ? AND expires > ?');
const upsert = db.prepare('INSERT INTO atomic (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires');
const one = db.transaction((writes: Array<{ key: string; value: string; ttl: number }>) => {
  const at = Date.now();
  for (const w of writes) if (select.get(w.key, at)) return false;
  for (const w of writes) upsert.run(w.key, JSON.stringify({ value: w.value, version: 1 }), at + w.ttl);
  return true;
});
const batch = db.transaction((groups: Array<Array<{ key: string; value: string; ttl: number }>>) => groups.map((g) => one(g)));
const value = 'x'.repeat(700);
const N = 40000;
const t = process.hrtime.bigint();
for (let i = 0; i < N; i += B) {
  const groups = [];
  for (let j = 0; j < B; j++) { const token = randomBytes(32).toString('base64url'), handle = randomBytes(32).toString('base64url'); groups.push([{ key: `handle:${handle}`, value: token, ttl: 3600000 + j }, { key: `session:${token}`, value, ttl: 1800000 + j }]); }
  if (B === 1) one.immediate(groups[0]!); else batch.immediate(groups);
}
console.log('batch', B, process.argv[3] ?? '', (Number(process.hrtime.bigint() - t) / 1000 / N).toFixed(1), 'µs per create; wal KB per create', (statSync('/tmp/exp/db4/x.sqlite-wal').size / N / 1024).toFixed(1));
