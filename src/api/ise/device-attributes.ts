import type { DeviceSnapshot } from '../../core/compliance/types.js';
import type { XmlElement } from './ise-xml.js';

/** The MDM API versions we serve (Cisco MDM API guide: v2, and v3 since ISE 3.1). */
export type IseApiVersion = 2 | 3;

/** Whether ISE should treat the device as compliant: compliant, or in grace when GRACE_PERIOD_ALLOWS says so. */
export function compliantForIse(snapshot: DeviceSnapshot, graceAllows: boolean): boolean {
  const state = snapshot.device.complianceState;
  return state === 'compliant' || (state === 'inGracePeriod' && graceAllows);
}

const MAX_FAILURE_REASON = 400;
/** A snapshot older than this says its age in failure_reason (the only free-text field ISE shows). */
const FRESH_MS = 60_000;

/** Reason codes with current values on one line: `OS_TOO_OLD: 16.7; ENCRYPTION_OFF`. */
export function failureReason(snapshot: DeviceSnapshot, now: number): string {
  const parts = snapshot.reasons.map((r) => (r.currentValue ? `${r.code}: ${r.currentValue}` : r.code));
  if (parts.length === 0) parts.push(snapshot.device.complianceState.toUpperCase());
  if (now - Date.parse(snapshot.observedAt) > FRESH_MS) parts.push(`state as of ${snapshot.observedAt}`);
  const line = parts.join('; ').replace(/[\r\n\t]+/g, ' ');
  return line.length > MAX_FAILURE_REASON ? `${line.slice(0, MAX_FAILURE_REASON - 1)}…` : line;
}

/** Filter names ISE may send (spec table, spaced or underscored, any case) → the element they select. */
const FILTER_NAMES: Record<string, string> = {
  register_status: 'register_status',
  compliance: 'compliance',
  compliance_status: 'compliance',
  disk_encryption_on: 'disk_encryption_on',
  pin_lock_on: 'pin_lock_on',
  jail_broken: 'jail_broken',
  manufacturer: 'manufacturer',
  model: 'model',
  imei: 'imei',
  meid: 'meid',
  udid: 'udid',
  serial_number: 'serial_number',
  os_version: 'os_version',
  phone_number: 'phone_number',
  lastcheckintimestamp: 'lastCheckinTimeStamp',
  guid: 'guid',
  mac_addresses: 'macaddresses',
  macaddresses: 'macaddresses',
};

/** The element names a filter asks for, or `all`. Unknown names (e.g. `period`) select nothing. */
export function filterElements(filter: string): 'all' | Set<string> {
  const names = filter
    .split(/[\s+,]+/)
    .filter(Boolean)
    .map((n) => n.toLowerCase());
  if (names.includes('all')) return 'all';
  return new Set(names.map((n) => FILTER_NAMES[n]).filter((n): n is string => n !== undefined));
}

export interface AttributeOptions {
  version: IseApiVersion;
  graceAllows: boolean;
  remediationUrl: string;
  filter: 'all' | Set<string>;
  now: number;
}

/**
 * One device's `<attributes>` exactly in the element order of the published schemas:
 * v2 register_status, compliance, disk_encryption_on, pin_lock_on, jail_broken,
 * manufacturer, model, imei, meid, udid, serial_number, os_version, phone_number;
 * v3 drops imei/meid and adds lastCheckinTimeStamp (epoch ms), guid, macaddresses (≤ 5).
 * Facts the backend does not report are left out rather than guessed.
 */
export function deviceAttributes(snapshot: DeviceSnapshot, options: AttributeOptions): XmlElement {
  const d = snapshot.device;
  const compliant = compliantForIse(snapshot, options.graceAllows);
  const compliance: XmlElement = { status: compliant };
  if (!compliant) {
    compliance.failure_reason = failureReason(snapshot, options.now);
    compliance.remediation = options.remediationUrl;
  }
  const all: Array<[string, XmlElement[string] | undefined]> = [
    ['register_status', true],
    ['compliance', compliance],
    ['disk_encryption_on', snapshot.facts.encrypted],
    ['pin_lock_on', snapshot.facts.passcodeSet],
    ['jail_broken', snapshot.facts.jailBroken],
    ['manufacturer', d.manufacturer],
    ['model', d.model],
    ...(options.version === 2
      ? ([
          ['imei', d.imei],
          ['meid', d.meid],
        ] as Array<[string, string]>)
      : []),
    ['udid', d.udid],
    ['serial_number', d.serialNumber],
    ['os_version', d.operatingSystem && d.osVersion ? `${d.operatingSystem} ${d.osVersion}` : d.osVersion],
    ['phone_number', snapshot.facts.phoneNumber ?? ''],
  ];
  if (options.version === 3) {
    const checkin = d.lastSyncDateTime ? Date.parse(d.lastSyncDateTime) : NaN;
    all.push(['lastCheckinTimeStamp', Number.isNaN(checkin) ? undefined : String(checkin)]);
    all.push(['guid', d.id]);
    all.push(['macaddresses', [...new Set([d.wiFiMacAddress, d.ethernetMacAddress].filter(Boolean))].slice(0, 5).join(',')]);
  }
  const attributes: XmlElement = {};
  for (const [name, value] of all) {
    if (value === undefined) continue;
    if (options.filter !== 'all' && !options.filter.has(name)) continue;
    attributes[name] = value;
  }
  return attributes;
}
