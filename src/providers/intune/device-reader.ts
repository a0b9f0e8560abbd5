import { ProviderUnavailableError } from '../../core/compliance/errors.js';
import type { ManagedDevice } from '../../core/compliance/types.js';
import type { GraphClient } from './graph-client.js';
import { DEVICE_SELECT, devicePath, toManagedDevice } from './graph-device.js';
import type { Operation } from './operation-budget.js';

/** Enough for every device in a busy site's portal at once; older entries are dropped first. */
const MAX_ENTRIES = 5000;

/**
 * Reads one managed device with a short in-process cache: a portal page, its "checking…"
 * refreshes and the MAC verification often read the same device within seconds. Polls
 * after a sync ask for `fresh` reads, since the point is to see lastSyncDateTime move.
 */
export class DeviceReader {
  private readonly cache = new Map<string, { device: ManagedDevice | undefined; expiresAt: number }>();

  constructor(
    private readonly graph: GraphClient,
    private readonly cacheMs: number,
    private readonly now: () => number,
  ) {}

  /** `undefined` when Graph says 404 (not enrolled / removed). `id` must be a normalised GUID. */
  async read(id: string, op: Operation, options: { fresh?: boolean } = {}): Promise<ManagedDevice | undefined> {
    const hit = this.cache.get(id);
    if (!options.fresh && hit && hit.expiresAt > this.now()) return hit.device;
    const response = await this.graph.send('GET', `${devicePath(id)}?$select=${DEVICE_SELECT}`, op);
    const device = response.status === 404 ? undefined : toManagedDevice(response.body);
    if (device && device.id !== id) throw new ProviderUnavailableError('Graph answered with a different device');
    this.remember(id, device);
    return device;
  }

  forget(id: string): void {
    this.cache.delete(id);
  }

  private remember(id: string, device: ManagedDevice | undefined): void {
    if (this.cacheMs <= 0) return;
    this.cache.delete(id);
    this.cache.set(id, { device, expiresAt: this.now() + this.cacheMs });
    if (this.cache.size > MAX_ENTRIES) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}
