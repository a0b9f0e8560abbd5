import { normaliseGuid } from '../core/device/guid.js';
import type { AltName } from './subject-alt-name.js';

const SCHEME = 'intunedeviceid://';
/**
 * The form Cisco ISE 3.1+ asks Intune SCEP/PKCS profiles to write:
 * `ID:Microsoft Endpoint Manager:GUID:{{DeviceId}}`. Any issuer label is accepted between
 * `ID:` and `:GUID:`, since the label names the MDM, not the device.
 */
const ID_GUID_FORM = /^ID:.+:GUID:(.*)$/is;
/** An Intune variable the profile never filled in, e.g. `{{DeviceId}}`: it names nobody. */
const UNEXPANDED = /\{\{.*\}\}/s;

export type DeviceIdResult = { ok: true; deviceId: string } | { ok: false; reason: 'no_device_id' | 'malformed_device_id' | 'multiple_device_ids' };

/**
 * Reads the Intune device ID from a certificate's subject alternative names. Two SAN URI
 * forms carry it: `IntuneDeviceId://{guid}` (Intune's SCEP/PKCS profile variable, scheme
 * in any case) and `ID:<label>:GUID:{guid}`. Exactly one distinct, well-formed device ID
 * counts: a certificate naming two devices, or a mangled ID, identifies nobody
 * (`multiple_device_ids`, `malformed_device_id`). A name whose variable was never expanded
 * (`IntuneDeviceId://{{DeviceId}}`) is skipped like any other URI (the user's SID tag,
 * for instance): a certificate with nothing else reports `no_device_id`, which callers
 * treat as "the certificate adds nothing". The GUID is lower-cased.
 */
export function deviceIdFromAltNames(names: readonly AltName[]): DeviceIdResult {
  const ids = new Set<string>();
  for (const { type, value } of names) {
    if (type !== 'URI') continue;
    const written = value.toLowerCase().startsWith(SCHEME) ? value.slice(SCHEME.length) : ID_GUID_FORM.exec(value)?.[1];
    if (written === undefined || UNEXPANDED.test(written)) continue;
    const guid = normaliseGuid(written);
    if (!guid) return { ok: false, reason: 'malformed_device_id' };
    ids.add(guid);
  }
  const [first, ...others] = ids;
  if (first === undefined) return { ok: false, reason: 'no_device_id' };
  if (others.length > 0) return { ok: false, reason: 'multiple_device_ids' };
  return { ok: true, deviceId: first };
}
