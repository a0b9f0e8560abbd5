import type { ManagedDevice } from '../../core/compliance/types.js';

/** Intune's retired NAC API answer for one device, with its names and JSON types. */
export interface LegacyNacDevice {
  azureDeviceId: string;
  complianceState?: boolean;
  deviceOwner?: string;
  imei?: string;
  isManaged: boolean;
  lastContactTimeUtc?: string;
  macAddress?: string;
  manufacturer?: string;
  meid?: string;
  model?: string;
  osVersion?: string;
  serialNumber?: string;
  udid?: string;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * `MM/DD/YYYY HH:MM:SS` in UTC, the format Forescout's Intune Connect app parses with
 * `%m/%d/%Y %H:%M:%S` (Forescout/eyeExtend-Connect, intune_nac_resolve.py). `undefined`
 * for no date: the app fails on null or ISO text, so the key is left out instead.
 */
export function legacyDate(iso: string | null): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  return `${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
}

/**
 * The bare object (no `value[]`) legacy clients expect. `isManaged` and `complianceState`
 * are JSON booleans (clients test `if json["isManaged"]`, so "False" would count as
 * managed); `azureDeviceId` is the Entra device id, which such clients look up next.
 * Not enrolled → `{ isManaged: false, azureDeviceId: "" }`: clients read that key first.
 */
export function toLegacyNacDevice(device: ManagedDevice | undefined, options: { mac: string; compliant: boolean }): LegacyNacDevice {
  if (!device) return { isManaged: false, azureDeviceId: '' };
  const answer: LegacyNacDevice = {
    azureDeviceId: device.azureADDeviceId,
    complianceState: options.compliant,
    deviceOwner: device.managedDeviceOwnerType,
    imei: device.imei,
    isManaged: true,
    macAddress: options.mac,
    manufacturer: device.manufacturer,
    meid: device.meid,
    model: device.model,
    osVersion: device.osVersion,
    serialNumber: device.serialNumber,
    udid: device.udid,
  };
  const lastContact = legacyDate(device.lastSyncDateTime);
  if (lastContact !== undefined) answer.lastContactTimeUtc = lastContact;
  return answer;
}
