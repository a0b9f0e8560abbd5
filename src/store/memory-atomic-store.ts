import type { AtomicStore, ClaimResult, Versioned, VersionedWrite } from '../core/store/types.js';

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * Single-process `AtomicStore` for tests and `memory://`. JavaScript runs one callback at
 * a time, so a read-check-write without an await in between is atomic here.
 */
export class MemoryAtomicStore implements AtomicStore {
  private readonly entries = new Map<string, Entry>();
  private readonly indexes = new Map<string, Set<string>>();

  constructor(private readonly now: () => number = Date.now) {}

  async claim(key: string, value: string, ttlMs: number): Promise<ClaimResult> {
    const current = this.live(key);
    if (current) return { claimed: false, value: current.value, ttlMs: current.expiresAt - this.now() };
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return { claimed: true, value, ttlMs };
  }

  async release(key: string, value: string): Promise<void> {
    if (this.live(key)?.value === value) this.entries.delete(key);
  }

  async read<T>(key: string): Promise<Versioned<T> | undefined> {
    const current = this.live(key);
    return current ? (JSON.parse(current.value) as Versioned<T>) : undefined;
  }

  async compareAndSet<T>(key: string, expectedVersion: number, value: T, ttlMs: number): Promise<boolean> {
    const current = this.live(key);
    const version = current ? (JSON.parse(current.value) as Versioned<T>).version : 0;
    if (version !== expectedVersion) return false;
    const record: Versioned<T> = { value, version: expectedVersion + 1 };
    this.entries.set(key, { value: JSON.stringify(record), expiresAt: this.now() + ttlMs });
    return true;
  }

  async compareAndSetAll(writes: VersionedWrite[]): Promise<boolean> {
    // No await between the checks and the writes: atomic in one process.
    for (const write of writes) {
      const current = this.live(write.key);
      if ((current ? (JSON.parse(current.value) as Versioned<unknown>).version : 0) !== write.expectedVersion) return false;
    }
    for (const write of writes) {
      const record: Versioned<unknown> = { value: write.value, version: write.expectedVersion + 1 };
      this.entries.set(write.key, { value: JSON.stringify(record), expiresAt: this.now() + write.ttlMs });
    }
    return true;
  }

  async addToIndex(index: string, members: string[]): Promise<void> {
    const set = this.indexes.get(index) ?? new Set<string>();
    for (const member of members) set.add(member);
    this.indexes.set(index, set);
  }

  async removeFromIndex(index: string, members: string[]): Promise<void> {
    const set = this.indexes.get(index);
    for (const member of members) set?.delete(member);
  }

  async rangeIndex(index: string, { after, limit }: { after?: string; limit: number }): Promise<string[]> {
    const members = [...(this.indexes.get(index) ?? [])].sort();
    return members.filter((member) => after === undefined || member > after).slice(0, limit);
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
