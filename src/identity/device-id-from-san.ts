import { normaliseGuid } from '../core/device/guid.js';
import type { AltName } from './subject-alt-name.js';

const SCHEME = 'intunedeviceid://';

export type DeviceIdResult = { ok: true; deviceId: string } | { ok: false; reason: 'no_device_id' | 'malformed_device_id' | 'multiple_device_ids' };

/**
 * Intune's SCEP/PKCS profiles put the device ID in a SAN URI `IntuneDeviceId://{guid}`.
 * Exactly one distinct, well-formed device ID must be present: a certificate naming two
 * devices, or a mangled ID, identifies nobody. Other URIs (the user's SID tag, for
 * instance) are ignored. The scheme compares case-insensitively, the GUID is lower-cased.
 */
export function deviceIdFromAltNames(names: readonly AltName[]): DeviceIdResult {
  const ids = new Set<string>();
  for (const { type, value } of names) {
    if (type !== 'URI' || !value.toLowerCase().startsWith(SCHEME)) continue;
    const guid = normaliseGuid(value.slice(SCHEME.length));
    if (!guid) return { ok: false, reason: 'malformed_device_id' };
    ids.add(guid);
  }
  const [first, ...others] = ids;
  if (first === undefined) return { ok: false, reason: 'no_device_id' };
  if (others.length > 0) return { ok: false, reason: 'multiple_device_ids' };
  return { ok: true, deviceId: first };
}
