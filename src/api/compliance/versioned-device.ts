import type { ManagedDevice } from '../../core/compliance/types.js';
import type { ApiVersion } from './versions.js';

/** The device as one API version shows it: only that version's properties, all strings but one. */
export type VersionedDevice = Record<string, string | boolean>;

const DETAILS = ['serialNumber', 'imei', 'udid', 'meid', 'osVersion', 'model', 'manufacturer', 'azureADDeviceId', 'lastContactTime'] as const;

/** Exactly the property set of each version (PROTOCOL.md §5); nothing outside it ever appears. */
export const VERSION_PROPERTIES: Record<ApiVersion, readonly string[]> = {
  '1.0': ['complianceState', 'managedByIntune', 'macAddress', ...DETAILS],
  '1.1': ['complianceState', 'managedByIntune', 'ownership', 'macAddress', ...DETAILS],
  '1.3': ['complianceState', 'managedByIntune', 'ownership', 'macAddress', ...DETAILS],
  '2.0': ['complianceState', 'managedByIntune', 'macAddress', 'intuneDeviceId'],
};

const OWNERSHIP: Record<ManagedDevice['managedDeviceOwnerType'], string> = { company: 'corporate', personal: 'personal', unknown: '' };

/**
 * Shapes a device for a version. `undefined` means "not enrolled", which every version
 * answers with `{ managedByIntune: false }` alone. A property the device's OS does not
 * share is `""`, never missing, so partners can rely on the shape. `macAddress` is the
 * address that was asked about when the query was by MAC (a device may have two).
 */
export function toVersionedDevice(version: ApiVersion, device: ManagedDevice | undefined, options: { mac?: string } = {}): VersionedDevice {
  if (!device) return { managedByIntune: false };
  const all: VersionedDevice = {
    complianceState: device.complianceState,
    managedByIntune: true,
    ownership: OWNERSHIP[device.managedDeviceOwnerType] ?? '',
    macAddress: options.mac ?? (device.wiFiMacAddress || device.ethernetMacAddress || ''),
    serialNumber: device.serialNumber,
    imei: device.imei,
    udid: device.udid,
    meid: device.meid,
    osVersion: device.osVersion,
    model: device.model,
    manufacturer: device.manufacturer,
    azureADDeviceId: device.azureADDeviceId,
    lastContactTime: device.lastSyncDateTime ?? '',
    intuneDeviceId: device.id,
  };
  const shaped: VersionedDevice = {};
  for (const property of VERSION_PROPERTIES[version]) shaped[property] = all[property] ?? '';
  return shaped;
}
