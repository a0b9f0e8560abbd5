import Keyv from 'keyv';
import { KeyvNamespace } from './keyv-namespace.js';
import { LocalChangeFeed } from './local-change-feed.js';
import { MemoryAtomicStore } from './memory-atomic-store.js';
import type { Namespace, Stores } from '../core/store/types.js';
import { keyvDeserialize } from './keyv-deserialize.js';

/** `memory://`: everything in this process. For tests and throwaway runs only. */
export function openMemoryStores(options: { now?: () => number } = {}): Stores {
  const namespaces = new Map<string, Namespace<unknown>>();
  return {
    kind: 'memory',
    atomic: new MemoryAtomicStore(options.now),
    changes: new LocalChangeFeed(),
    namespace<T>(name: string): Namespace<T> {
      let ns = namespaces.get(name);
      if (!ns) {
        ns = new KeyvNamespace<unknown>(name, new Keyv({ store: new Map(), namespace: name, throwOnErrors: true, deserialize: keyvDeserialize }), 2000);
        namespaces.set(name, ns);
      }
      return ns as Namespace<T>;
    },
    async ping() {},
    async close() {},
  };
}
