import Keyv from 'keyv';
import { guardAtomicStore } from './guarded-atomic-store.js';
import { KeyvNamespace } from './keyv-namespace.js';
import { LocalChangeFeed } from './local-change-feed.js';
import { SqliteAtomicStore } from './sqlite-atomic-store.js';
import { SqliteGroupCommit } from './sqlite-group-commit.js';
import { openSqliteDatabase, startSweeper } from './sqlite-database.js';
import { SqliteKeyvAdapter } from './sqlite-keyv-adapter.js';
import { StoreUnavailableError, type Namespace, type Stores } from '../core/store/types.js';
import { keyvDeserialize } from './keyv-deserialize.js';

/**
 * `sqlite://path`: one file, one process (or several on one host sharing the file).
 * Change notifications stay in-process, so long-polls across hosts need Redis.
 */
export function openSqliteStores(path: string, options: { timeoutMs: number; now?: () => number; sweepIntervalMs?: number }): Stores {
  const db = openSqliteDatabase(path);
  // One commit per event-loop turn for every write to this file (atomic store and keyv alike).
  const writes = new SqliteGroupCommit(db);
  const now = options.now ?? Date.now;
  const stopSweeper = startSweeper(db, options.sweepIntervalMs ?? 60_000, now);
  const namespaces = new Map<string, Namespace<unknown>>();
  return {
    kind: 'sqlite',
    // No timer per call: a read runs at once, and a write's batch runs in the next check phase
    // and takes at most the busy timeout (better-sqlite3 is synchronous; a timer could not fire sooner).
    atomic: guardAtomicStore(new SqliteAtomicStore(db, writes, now), 'synchronous'),
    changes: new LocalChangeFeed(),
    namespace<T>(name: string): Namespace<T> {
      let ns = namespaces.get(name);
      if (!ns) {
        const keyv = new Keyv<unknown>({ store: new SqliteKeyvAdapter(db, writes, now), namespace: name, throwOnErrors: true, deserialize: keyvDeserialize });
        keyv.on('error', () => {}); // thrown to the caller by throwOnErrors; the event is redundant
        ns = new KeyvNamespace(name, keyv, 'synchronous');
        namespaces.set(name, ns);
      }
      return ns as Namespace<T>;
    },
    async ping() {
      try {
        db.prepare('SELECT 1').get();
      } catch (error) {
        throw new StoreUnavailableError('sqlite is not readable', { cause: error });
      }
    },
    async close() {
      stopSweeper();
      writes.drain(); // nothing queued is lost to a shutdown
      db.close();
    },
  };
}
