import { openSqliteDatabase } from '../../src/store/sqlite-database.js';
import { SqliteAtomicStore } from '../../src/store/sqlite-atomic-store.js';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
const mode = process.argv[2] ?? 'file';
rmSync('/tmp/exp/db', { recursive: true, force: true });
const db = openSqliteDatabase(mode === 'mem' ? ':memory:' : '/tmp/exp/db/x.sqlite');
if (process.argv[3]) db.pragma(process.argv[3]);
const store = new SqliteAtomicStore(db);
const value = { a: 'x'.repeat(700), b: 1 };
const N = 40000;
let t = process.hrtime.bigint();
for (let i = 0; i < N; i++) {
  const token = randomBytes(32).toString('base64url'), handle = randomBytes(32).toString('base64url');
  await store.compareAndSetAll([{ key: `handle:${handle}`, expectedVersion: 0, value: token, ttlMs: 3600000 }, { key: `session:${token}`, expectedVersion: 0, value, ttlMs: 3600000 }]);
}
console.log(mode, process.argv[3] ?? '', Number(process.hrtime.bigint() - t) / 1000 / N, 'µs per create');
import { statSync } from 'node:fs';
if (mode === 'file') console.log('wal bytes per create', statSync('/tmp/exp/db/x.sqlite-wal').size / N, 'db bytes per create', statSync('/tmp/exp/db/x.sqlite').size / N);
