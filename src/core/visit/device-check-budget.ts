import type { LookupResult, DeviceRef, Evaluation } from '../compliance/types.js';
import type { AtomicStore, Namespace } from '../store/types.js';

/** How long one instance may hold a device's read before another may try (ms); longer than a provider call's budget. */
const READ_CLAIM_TTL_MS = 15_000;

/** A finished evaluation of one device, shared by every session and instance during the cool-down. */
export interface RecentCheck {
  evaluation: Evaluation;
  /** When it was read from the backend (epoch ms, the budget's `now`). */
  readAt: number;
}

/** A device lookup by reference, shared during the cool-down. */
export interface RecentLookup {
  result: LookupResult;
  /** When it was read from the backend (epoch ms, the budget's `now`). */
  readAt: number;
}

export interface DeviceCheckBudgetDeps {
  atomic: AtomicStore;
  /** Finished evaluations by device id. */
  recent: Namespace<RecentCheck>;
  /** Device lookups by reference (MAC or id). */
  lookups: Namespace<RecentLookup>;
  /** How long a lookup and a finished evaluation are reused (ms); 0 turns the cache off. */
  cooldownMs: number;
  now: () => number;
}

/**
 * What keeps the compliance backend's budget (Microsoft Graph's per-tenant throttling)
 * out of any one user's hands: lookups and finished evaluations are shared through the
 * store for a short cool-down, so Check again pressed a thousand times (or many sessions
 * of one device, on any instance) answers from the last result instead of asking the
 * backend again; and only one instance at a time reads a device (an atomic claim), so
 * concurrent visits coalesce into one read in flight.
 *
 * Whether a shared result is still inside the cool-down is decided by `now()` against its
 * `readAt`, the same clock every other decision uses; the store's TTL (on the store's own
 * clock) only bounds how long the entry is kept.
 */
export class DeviceCheckBudget {
  constructor(private readonly deps: DeviceCheckBudgetDeps) {}

  /** The device `ref` names: from the cool-down cache, or from `find` (then cached). */
  async lookup(ref: DeviceRef, find: () => Promise<LookupResult>): Promise<LookupResult> {
    if (this.deps.cooldownMs <= 0) return find();
    const key = ref.by === 'id' ? `id:${ref.id.toLowerCase()}` : `mac:${ref.mac}`;
    const cached = await this.deps.lookups.get(key);
    if (cached && this.fresh(cached.readAt)) return cached.result;
    const found = await find();
    await this.deps.lookups.set(key, { result: found, readAt: this.deps.now() }, this.deps.cooldownMs);
    return found;
  }

  /** A finished evaluation of `deviceId` read within the cool-down, if any. */
  async recent(deviceId: string): Promise<RecentCheck | undefined> {
    if (this.deps.cooldownMs <= 0) return undefined;
    const shared = await this.deps.recent.get(deviceId);
    return shared && this.fresh(shared.readAt) ? shared : undefined;
  }

  /** Shares a finished evaluation for the cool-down. */
  async remember(evaluation: Evaluation): Promise<void> {
    if (this.deps.cooldownMs <= 0) return;
    await this.deps.recent.set(evaluation.deviceId, { evaluation, readAt: this.deps.now() }, this.deps.cooldownMs);
  }

  /** Read less than a cool-down ago; an entry without a readable time (another version's) is not. */
  private fresh(readAt: unknown): boolean {
    return typeof readAt === 'number' && this.deps.now() - readAt < this.deps.cooldownMs;
  }

  /**
   * Runs `read` only if no other visit (on any instance) is reading `deviceId` right now;
   * returns `{ ran: false }` otherwise, and the caller shows "still checking" and comes
   * back for the shared result. The claim is given back as soon as the read ends.
   */
  async exclusive<T>(deviceId: string, owner: string, read: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    const key = `device-read:${deviceId}`;
    const claim = await this.deps.atomic.claim(key, owner, READ_CLAIM_TTL_MS);
    if (!claim.claimed) return { ran: false };
    try {
      return { ran: true, value: await read() };
    } finally {
      await this.deps.atomic.release(key, owner).catch(() => {});
    }
  }
}
