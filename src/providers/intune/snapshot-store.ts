import { InvalidListingPositionError, ProviderUnavailableError } from '../../core/compliance/errors.js';
import { normaliseGuid } from '../../core/device/guid.js';
import { identifierKey, identifiersOf } from '../../core/device/identifier.js';
import type { DeviceSnapshot, ListedSnapshot, SnapshotCriterion } from '../../core/compliance/types.js';
import type { AtomicStore, Namespace, Stores } from '../../core/store/types.js';

const ALL = 'intune-snapshot:ids';
const userIndex = (userId: string) => `intune-snapshot:user:${userId}`;
const identifierIndex = (key: string) => `intune-snapshot:id:${key}`;
const PAGE = 200;

/** Every index a snapshot is listed under besides the id list: user and identifiers (MACs are the MacIndex's job). */
function indexesOf(snapshot: DeviceSnapshot | undefined): string[] {
  if (!snapshot) return [];
  const d = snapshot.device;
  return [...(d.userId ? [userIndex(d.userId)] : []), ...identifiersOf(d).map(({ kind, value }) => identifierIndex(`${kind}:${value}`))];
}

/**
 * The Intune compliance snapshot: one record per managed device in the shared store, with
 * indexes by user and hardware identifiers (MACs resolve through the MacIndex), so Cisco ISE's queries are a few key
 * reads and never wait on Graph. Written by the background listing (MacIndex rebuilds)
 * and by every portal evaluation. Records expire after `ttlMs`, so a listing that keeps
 * failing ends in "unknown device" (fail closed) rather than in old answers forever.
 */
export class SnapshotStore {
  private readonly records: Namespace<DeviceSnapshot>;
  private readonly meta: Namespace<{ builtAt: number }>;
  private readonly atomic: AtomicStore;

  constructor(
    stores: Stores,
    private readonly ttlMs: number,
  ) {
    this.records = stores.namespace<DeviceSnapshot>('intune-snapshot');
    this.meta = stores.namespace('intune-snapshot-meta');
    this.atomic = stores.atomic;
  }

  get(id: string): Promise<DeviceSnapshot | undefined> {
    return this.records.get(id);
  }

  /** Stores a snapshot and moves its index entries from the previous one's values. */
  async put(snapshot: DeviceSnapshot, previous?: DeviceSnapshot): Promise<void> {
    const id = snapshot.device.id;
    const before = previous ?? (await this.records.get(id));
    await this.records.set(id, snapshot, this.ttlMs);
    await this.atomic.addToIndex(ALL, [id]);
    const keep = new Set(indexesOf(snapshot));
    for (const index of indexesOf(before)) if (!keep.has(index)) await this.atomic.removeFromIndex(index, [id]);
    for (const index of keep) await this.atomic.addToIndex(index, [id]);
  }

  /** Drops every snapshot whose id is not in `present` (devices removed from the tenant). */
  async keepOnly(present: ReadonlySet<string>): Promise<number> {
    let removed = 0;
    let after: string | undefined;
    for (;;) {
      const ids = await this.atomic.rangeIndex(ALL, { after, limit: PAGE });
      if (ids.length === 0) return removed;
      for (const id of ids) {
        if (present.has(id)) continue;
        const before = await this.records.get(id);
        for (const index of indexesOf(before)) await this.atomic.removeFromIndex(index, [id]);
        await this.atomic.removeFromIndex(ALL, [id]);
        await this.records.delete(id);
        removed++;
      }
      after = ids[ids.length - 1];
    }
  }

  async markBuilt(at: number): Promise<void> {
    await this.meta.set('meta', { builtAt: at }, this.ttlMs);
  }

  /** When the last complete listing finished (epoch ms), or undefined before the first. */
  async builtAt(): Promise<number | undefined> {
    return (await this.meta.get('meta'))?.builtAt;
  }

  /** Snapshots by id or identifier; `macIds` resolves a MAC to candidate ids (the MacIndex). */
  async find(criterion: SnapshotCriterion, limit: number, macIds: (mac: string) => Promise<string[]>): Promise<DeviceSnapshot[]> {
    await this.requireBuilt();
    let ids: string[];
    if (criterion.by === 'id') {
      const id = normaliseGuid(criterion.id);
      ids = id ? [id] : [];
    } else if (criterion.by === 'mac') {
      ids = (await macIds(criterion.mac)).slice(0, limit);
    } else {
      const key = identifierKey(criterion);
      ids = key === undefined ? [] : await this.atomic.rangeIndex(identifierIndex(key), { limit });
    }
    return (await this.records.getMany(ids)).filter((s): s is DeviceSnapshot => s !== undefined);
  }

  async byUser(userId: string, limit: number): Promise<DeviceSnapshot[]> {
    const ids = await this.atomic.rangeIndex(userIndex(userId), { limit });
    return (await this.records.getMany(ids)).filter((s): s is DeviceSnapshot => s !== undefined && s.device.userId === userId);
  }

  /** Every snapshot in device-id order; the position is the device id (see ListedDevice). */
  async *list(resumeFrom: string | undefined, signal: AbortSignal | undefined): AsyncGenerator<ListedSnapshot> {
    if (resumeFrom !== undefined && normaliseGuid(resumeFrom) !== resumeFrom) throw new InvalidListingPositionError('not a position in the snapshot listing');
    await this.requireBuilt();
    let after = resumeFrom;
    for (;;) {
      signal?.throwIfAborted();
      const ids = await this.atomic.rangeIndex(ALL, { after, limit: PAGE });
      if (ids.length === 0) return;
      const records = await this.records.getMany(ids);
      for (const snapshot of records) if (snapshot) yield { snapshot, position: snapshot.device.id };
      after = ids[ids.length - 1];
    }
  }

  private async requireBuilt(): Promise<void> {
    if ((await this.builtAt()) === undefined) throw new ProviderUnavailableError('intune: the compliance snapshot has not been built yet');
  }
}
