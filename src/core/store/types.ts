/**
 * The storage contract. Three kinds of data, three shapes:
 *
 * - `Namespace`: plain key/value records through keyv, one namespace per kind of data.
 *   Every write names its TTL; only configuration and inventory may say `'forever'`.
 * - `AtomicStore`: the operations keyv cannot do safely (it has no compare-and-set):
 *   one-time claims (nonces, throttle windows, rate limits) and versioned records whose
 *   writes succeed only against the version they read (access-session status).
 * - `ChangeFeed`: "this record changed" notifications that wake long-polls.
 *
 * Every method throws `StoreUnavailableError` when the backend fails or is slow; a store
 * error is never read as "not found" (that is how replay checks and throttles get skipped).
 */

export type Ttl = number | 'forever';

export interface Namespace<T> {
  readonly name: string;
  get(key: string): Promise<T | undefined>;
  getMany(keys: string[]): Promise<Array<T | undefined>>;
  /** `ttlMs` is required; `'forever'` is for configuration and inventory only. */
  set(key: string, value: T, ttlMs: Ttl): Promise<void>;
  delete(key: string): Promise<boolean>;
}

export interface Versioned<T> {
  value: T;
  version: number;
}

export interface ClaimResult {
  /** True when this call created the entry. */
  claimed: boolean;
  /** The entry's value after the call (ours when claimed, the holder's otherwise). */
  value: string;
  /** Milliseconds until the entry expires. */
  ttlMs: number;
}

/** One write of `compareAndSetAll`: like compareAndSet's arguments. */
export interface VersionedWrite {
  key: string;
  /** The version the caller read; 0 means "must not exist". */
  expectedVersion: number;
  value: unknown;
  ttlMs: number;
}

export interface AtomicStore {
  /** Creates `key` with `value` for `ttlMs` unless it exists; atomic across instances. */
  claim(key: string, value: string, ttlMs: number): Promise<ClaimResult>;
  /**
   * Deletes `key` only if it still holds `value`: gives a claim back when the work it
   * guarded failed, without ever removing a claim someone else took since.
   */
  release(key: string, value: string): Promise<void>;
  /** Reads a versioned record. */
  read<T>(key: string): Promise<Versioned<T> | undefined>;
  /**
   * Writes `value` as version `expectedVersion + 1` if the stored version is
   * `expectedVersion` (0 means "must not exist"). Returns false on a lost race.
   */
  compareAndSet<T>(key: string, expectedVersion: number, value: T, ttlMs: number): Promise<boolean>;
  /**
   * compareAndSet on several keys as one step: every record is written (each as its
   * `expectedVersion + 1`) or, when any stored version differs, none is and the result is
   * false. One transaction or round trip where two dependent records are created together.
   */
  compareAndSetAll(writes: VersionedWrite[]): Promise<boolean>;
  /** Adds members to an ordered set (lexicographic order), for listings without scans. */
  addToIndex(index: string, members: string[]): Promise<void>;
  removeFromIndex(index: string, members: string[]): Promise<void>;
  /** Up to `limit` members strictly after `after`, in lexicographic order. */
  rangeIndex(index: string, options: { after?: string; limit: number }): Promise<string[]>;
}

export type ChangeListener = (topic: string, version: number) => void;

export interface ChangeFeed {
  publish(topic: string, version: number): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe(topic: string, listener: ChangeListener): () => void;
}

export interface HealthCheck {
  ping(): Promise<void>;
}

/** Everything the app needs from storage, built once by `openStores`. */
export interface Stores extends HealthCheck {
  readonly kind: 'sqlite' | 'redis' | 'memory';
  namespace<T>(name: string): Namespace<T>;
  readonly atomic: AtomicStore;
  readonly changes: ChangeFeed;
  close(): Promise<void>;
}

export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
