import type { AtomicStore, Namespace, Stores } from '../../core/store/types.js';
import { identifiersOf } from '../../core/device/identifier.js';
import type { InventoryDevice } from './inventory-schema.js';

/** Told about every write, after the device itself is stored (the non-compliance index). */
export interface InventoryListener {
  update(device: InventoryDevice, previous: InventoryDevice | undefined): Promise<void>;
  remove(device: InventoryDevice): Promise<void>;
}

const ALL_DEVICES = 'inventory:ids';
const macIndex = (mac: string) => `inventory:mac:${mac}`;
const macsOf = (device: InventoryDevice | undefined) => (device ? [device.wiFiMacAddress, device.ethernetMacAddress].filter(Boolean) : []);
const userIndex = (userId: string) => `inventory:user:${userId}`;
const identifierIndex = (key: string) => `inventory:id:${key}`;
/** Every secondary index key a device is listed under, besides its MACs: its user and its identifiers. */
const otherIndexesOf = (device: InventoryDevice | undefined): string[] =>
  device ? [...(device.userId ? [userIndex(device.userId)] : []), ...identifiersOf(device).map(({ kind, value }) => identifierIndex(`${kind}:${value}`))] : [];
/** Bumped when the set of secondary indexes changes, so stores filled before are re-indexed once. */
const INDEX_VERSION = 2;

/**
 * Local inventory in the store (inventory is configuration: no TTL). Two ordered indexes
 * avoid scans: all device ids (for listings, in id order) and one set of device ids per
 * MAC (a MAC may belong to two devices, which callers must see as ambiguous).
 */
export class InventoryRepository {
  private readonly devices: Namespace<InventoryDevice>;
  private readonly atomic: AtomicStore;
  private readonly meta: Namespace<number>;

  private listener: InventoryListener | undefined;

  constructor(stores: Stores) {
    this.devices = stores.namespace<InventoryDevice>('inventory');
    this.meta = stores.namespace<number>('inventory-meta');
    this.atomic = stores.atomic;
  }

  /** The device records themselves, for an index that must read them. */
  get namespace(): Namespace<InventoryDevice> {
    return this.devices;
  }

  /** Registers the one listener every put and delete reports to. */
  listen(listener: InventoryListener): void {
    this.listener = listener;
  }

  get(id: string): Promise<InventoryDevice | undefined> {
    return this.devices.get(id);
  }

  getMany(ids: string[]): Promise<Array<InventoryDevice | undefined>> {
    return this.devices.getMany(ids);
  }

  /** Stores the device; returns whether it replaced an existing one. */
  async put(device: InventoryDevice): Promise<{ replaced: boolean }> {
    const previous = await this.devices.get(device.id);
    await this.devices.set(device.id, device, 'forever');
    await this.atomic.addToIndex(ALL_DEVICES, [device.id]);
    const keep = new Set(macsOf(device));
    for (const mac of macsOf(previous)) if (!keep.has(mac)) await this.atomic.removeFromIndex(macIndex(mac), [device.id]);
    for (const mac of keep) await this.atomic.addToIndex(macIndex(mac), [device.id]);
    await this.reindexOthers(device.id, previous, device);
    await this.listener?.update(device, previous);
    return { replaced: previous !== undefined };
  }

  async delete(id: string): Promise<boolean> {
    const previous = await this.devices.get(id);
    if (!previous) return false;
    for (const mac of macsOf(previous)) await this.atomic.removeFromIndex(macIndex(mac), [id]);
    await this.reindexOthers(id, previous, undefined);
    await this.atomic.removeFromIndex(ALL_DEVICES, [id]);
    const deleted = await this.devices.delete(id);
    await this.listener?.remove(previous);
    return deleted;
  }

  /** Device ids registered with this MAC (Wi-Fi or Ethernet); at most `limit`. */
  idsByMac(mac: string, limit = 5): Promise<string[]> {
    return this.atomic.rangeIndex(macIndex(mac), { limit });
  }

  /** Device ids in order, after `after`. */
  idsAfter(after: string | undefined, limit: number): Promise<string[]> {
    return this.atomic.rangeIndex(ALL_DEVICES, { after, limit });
  }

  /** Device ids whose primary user is `userId`, in id order; at most `limit`. */
  idsByUser(userId: string, limit: number): Promise<string[]> {
    return this.atomic.rangeIndex(userIndex(userId), { limit });
  }

  /** Device ids listed under an identifier key from identifierKey() (`imei:…`); at most `limit`. */
  idsByIdentifier(key: string, limit: number): Promise<string[]> {
    return this.atomic.rangeIndex(identifierIndex(key), { limit });
  }

  /**
   * Builds the user and identifier indexes for devices stored before they existed; runs
   * once per store (a version marker records it). Safe to repeat: index writes are sets.
   */
  async reindexOnce(): Promise<void> {
    const marker = await this.meta.get('index-version');
    if (marker !== undefined && marker >= INDEX_VERSION) return;
    let after: string | undefined;
    for (;;) {
      const ids = await this.idsAfter(after, 200);
      if (ids.length === 0) break;
      const devices = await this.getMany(ids);
      for (const device of devices) if (device) await this.reindexOthers(device.id, undefined, device);
      after = ids[ids.length - 1];
    }
    await this.meta.set('index-version', INDEX_VERSION, 'forever');
  }

  private async reindexOthers(id: string, previous: InventoryDevice | undefined, next: InventoryDevice | undefined): Promise<void> {
    const keep = new Set(otherIndexesOf(next));
    for (const index of otherIndexesOf(previous)) if (!keep.has(index)) await this.atomic.removeFromIndex(index, [id]);
    for (const index of keep) await this.atomic.addToIndex(index, [id]);
  }
}
