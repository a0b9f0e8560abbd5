import { ProviderUnavailableError } from '../../core/compliance/errors.js';
import { normaliseGuid } from '../../core/device/guid.js';
import type { ComplianceState, ManagedDevice } from '../../core/compliance/types.js';
import { normaliseMac } from '../../core/device/mac-address.js';

/** Properties we read from Graph's managedDevice (v1.0); `$select` keeps responses small. */
export const DEVICE_SELECT = [
  'id',
  'userId',
  'userPrincipalName',
  'deviceName',
  'operatingSystem',
  'osVersion',
  'model',
  'manufacturer',
  'serialNumber',
  'imei',
  'meid',
  'udid',
  'wiFiMacAddress',
  'ethernetMacAddress',
  'azureADDeviceId',
  'managedDeviceOwnerType',
  'enrolledDateTime',
  'lastSyncDateTime',
  'complianceState',
  'complianceGracePeriodExpirationDateTime',
  'managementState',
].join(',');

export const DEVICES_PATH = '/v1.0/deviceManagement/managedDevices';

export function devicePath(id: string): string {
  return `${DEVICES_PATH}/${encodeURIComponent(id)}`;
}

const STATES: readonly ComplianceState[] = ['compliant', 'noncompliant', 'inGracePeriod', 'unknown', 'error', 'conflict', 'configManager'];

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Graph reports "never" as year 0001; treat it as no date at all. */
function date(value: unknown): string | null {
  if (typeof value !== 'string' || value.startsWith('0001-') || Number.isNaN(Date.parse(value))) return null;
  return value;
}

/**
 * Graph JSON → our ManagedDevice. Unknown enum values (Graph adds `unknownFutureValue`
 * and friends) map to `unknown`, which never allows. A record without a GUID id is
 * malformed: refuse it rather than guess.
 */
export function toManagedDevice(raw: unknown): ManagedDevice {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const id = normaliseGuid(text(r.id));
  if (!id) throw new ProviderUnavailableError('Graph returned a device without a valid id');
  const state = text(r.complianceState) as ComplianceState;
  const owner = text(r.managedDeviceOwnerType);
  return {
    id,
    userId: normaliseGuid(text(r.userId)) ?? '',
    userPrincipalName: text(r.userPrincipalName),
    deviceName: text(r.deviceName),
    operatingSystem: text(r.operatingSystem),
    osVersion: text(r.osVersion),
    model: text(r.model),
    manufacturer: text(r.manufacturer),
    serialNumber: text(r.serialNumber),
    imei: text(r.imei),
    meid: text(r.meid),
    udid: text(r.udid),
    wiFiMacAddress: normaliseMac(text(r.wiFiMacAddress)) ?? '',
    ethernetMacAddress: normaliseMac(text(r.ethernetMacAddress)) ?? '',
    azureADDeviceId: normaliseGuid(text(r.azureADDeviceId)) ?? '',
    managedDeviceOwnerType: owner === 'company' || owner === 'personal' ? owner : 'unknown',
    enrolledDateTime: date(r.enrolledDateTime),
    lastSyncDateTime: date(r.lastSyncDateTime),
    complianceState: STATES.includes(state) ? state : 'unknown',
    complianceGracePeriodExpirationDateTime: date(r.complianceGracePeriodExpirationDateTime),
    managementState: text(r.managementState),
  };
}
