import { createHash } from 'node:crypto';
import { ConfigError } from '../../config/config.js';
import type { Stores } from '../../core/store/types.js';
import { describeIssue, readConfigFile } from '../../config/config-file.js';
import { inventoryDeviceSchema, inventoryFileSchema, type InventoryDevice } from './inventory-schema.js';
import type { InventoryRepository } from './inventory-repository.js';

/** Reads and validates LOCAL_INVENTORY_FILE; a bad device names its index and field. */
export function readInventoryFile(path: string, now: number = Date.now()): { devices: InventoryDevice[]; digest: string } {
  const { value: file, text } = readConfigFile('LOCAL_INVENTORY_FILE', path, inventoryFileSchema);
  const shift = file.datesRelativeTo ? now - Date.parse(file.datesRelativeTo) : 0;
  const devices = file.devices.map((entry, index) => {
    const device = inventoryDeviceSchema.safeParse(shift ? shiftDates(entry, shift) : entry);
    if (!device.success) throw new ConfigError(`LOCAL_INVENTORY_FILE ${path}: devices[${index}].${describeIssue(device.error)}`);
    return device.data;
  });
  // A file with relative dates is new every day: re-seed it so demo check-ins never go stale.
  const day = shift ? new Date(now).toISOString().slice(0, 10) : '';
  return { devices, digest: createHash('sha256').update(text).update(day).digest('hex') };
}

const DATE_FIELDS = ['enrolledDateTime', 'lastSyncDateTime', 'complianceGracePeriodExpirationDateTime'] as const;

/** Moves a device's dates by `shiftMs` (for files with `datesRelativeTo`); leaves invalid values for the schema to reject. */
function shiftDates(entry: unknown, shiftMs: number): unknown {
  if (typeof entry !== 'object' || entry === null) return entry;
  const copy: Record<string, unknown> = { ...entry };
  for (const field of DATE_FIELDS) {
    const value = copy[field];
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) copy[field] = new Date(Date.parse(value) + shiftMs).toISOString();
  }
  return copy;
}

/**
 * Loads the file into the store when the file changed since it was last loaded. Devices
 * updated through the ingest API therefore survive restarts, and an edited file wins.
 */
export async function seedInventory(path: string, inventory: InventoryRepository, stores: Stores, now: number = Date.now()): Promise<{ loaded: number }> {
  const { devices, digest } = readInventoryFile(path, now);
  const meta = stores.namespace<string>('inventory-meta');
  if ((await meta.get('file-digest')) === digest) return { loaded: 0 };
  for (const device of devices) await inventory.put(device);
  await meta.set('file-digest', digest, 'forever');
  return { loaded: devices.length };
}
