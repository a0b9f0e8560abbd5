import type { AtomicStore } from '../../../core/store/types.js';

/** One queued grant as stored: the authmon record text, or a tombstone once acknowledged. */
interface Entry {
  record: string | null;
}

/** How many index members one poll or clear looks at, at most (bounded loops). */
const PAGE = 50;
const MAX_PAGES = 40;

/**
 * The level-3 queue authmon polls, per gateway, in the shared store so every instance
 * serves the same queue. Built on the existing `AtomicStore` contract only:
 * - each grant is a versioned record `opennds:grant:{gateway}:{rhid}` written by
 *   compare-and-set (TTL: a grant nobody collects expires), plus a member in the ordered
 *   index `opennds:grants:{gateway}` so a poll needs no key scan;
 * - a grant is handed out on every poll until authmon acknowledges it (never lost if a
 *   reply is dropped); the acknowledgement replaces the record with a tombstone by
 *   compare-and-set before the index member goes, so an instance that listed the member
 *   a moment earlier reads the tombstone and skips it (never served after the ack).
 */
export class AuthmonQueue {
  constructor(
    private readonly atomic: AtomicStore,
    private readonly ttlMs: number,
  ) {}

  /** Queues `record` for `rhid` unless it is already queued; idempotent. */
  async enqueue(gatewayId: string, rhid: string, record: string): Promise<void> {
    const key = this.key(gatewayId, rhid);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = await this.atomic.read<Entry>(key);
      if (current?.value.record === record) break;
      if (await this.atomic.compareAndSet<Entry>(key, current?.version ?? 0, { record }, this.ttlMs)) break;
      if (attempt === 4) throw new Error('authmon grant changed too often at once');
    }
    await this.atomic.addToIndex(this.index(gatewayId), [rhid]);
  }

  /**
   * Records waiting for authmon, oldest member order (lexicographic rhid), as many as fit in
   * `maxChars` once joined by the caller's `fits` rule. Expired or acknowledged members met
   * on the way are dropped from the index.
   */
  async pending(gatewayId: string, fits: (records: string[]) => boolean): Promise<string[]> {
    const out: string[] = [];
    const stale: string[] = [];
    let after: string | undefined;
    pages: for (let page = 0; page < MAX_PAGES; page += 1) {
      const members = await this.atomic.rangeIndex(this.index(gatewayId), { after, limit: PAGE });
      if (members.length === 0) break;
      const entries = await Promise.all(members.map((rhid) => this.atomic.read<Entry>(this.key(gatewayId, rhid))));
      for (const [i, entry] of entries.entries()) {
        const record = entry?.value.record;
        if (!record) {
          stale.push(members[i]!);
          continue;
        }
        if (!fits([...out, record])) break pages;
        out.push(record);
      }
      after = members[members.length - 1];
    }
    if (stale.length > 0) await this.atomic.removeFromIndex(this.index(gatewayId), stale);
    return out;
  }

  /** Whether a grant for `rhid` still waits for authmon (the person's page shows "connecting"). */
  async isPending(gatewayId: string, rhid: string): Promise<boolean> {
    return Boolean((await this.atomic.read<Entry>(this.key(gatewayId, rhid)))?.value.record);
  }

  /** Marks these grants collected; returns how many were still pending. */
  async acknowledge(gatewayId: string, rhids: string[]): Promise<number> {
    let acknowledged = 0;
    for (const rhid of rhids) {
      if (await this.tombstone(gatewayId, rhid)) acknowledged += 1;
    }
    await this.atomic.removeFromIndex(this.index(gatewayId), rhids);
    return acknowledged;
  }

  /** Drops every grant of the gateway (authmon's start-up `clear`); returns how many. */
  async clear(gatewayId: string): Promise<number> {
    let cleared = 0;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const members = await this.atomic.rangeIndex(this.index(gatewayId), { limit: PAGE });
      if (members.length === 0) break;
      cleared += await this.acknowledge(gatewayId, members);
    }
    return cleared;
  }

  private async tombstone(gatewayId: string, rhid: string): Promise<boolean> {
    const key = this.key(gatewayId, rhid);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = await this.atomic.read<Entry>(key);
      if (!current?.value.record) return false;
      if (await this.atomic.compareAndSet<Entry>(key, current.version, { record: null }, this.ttlMs)) return true;
    }
    throw new Error('authmon grant changed too often at once');
  }

  private key(gatewayId: string, rhid: string): string {
    return `opennds:grant:${gatewayId}:${rhid}`;
  }

  private index(gatewayId: string): string {
    return `opennds:grants:${gatewayId}`;
  }
}
