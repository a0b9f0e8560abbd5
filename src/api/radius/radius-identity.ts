import { normaliseGuid } from '../../core/device/guid.js';
import { normaliseMac } from '../../core/device/mac-address.js';
import type { AccessRequest } from '../../gateway/dialects/radius/access-request.js';
import type { RadiusIdentity } from '../../gateway/dialects/radius/radius-verdict.js';
import { deviceIdFromAltNames } from '../../identity/device-id-from-san.js';
import { parseSubjectAltName, type AltName } from '../../identity/subject-alt-name.js';

/** ISE's form (`ID:Intune:GUID:{id}`, `ID:Microsoft Endpoint Manager:GUID:{id}`), PARTNERS.md §1.2. */
const ISE_FORM = /^ID:[^:]{1,64}:GUID:(.+)$/i;

/**
 * EAP-TLS: the certificate's `IntuneDeviceId://{guid}` SAN URI (or ISE's `ID:…:GUID:{guid}`)
 * names the device; the MAC is only kept to address the CoA. MAB (or a certificate
 * without a device id): the Calling-Station-Id in any switch notation. A certificate that
 * names a device badly is refused outright rather than falling back to the MAC: the MAC
 * would silently answer for a device the certificate does not describe.
 */
export function identify(request: AccessRequest): RadiusIdentity {
  const mac = request.callingStationId ? (normaliseMac(request.callingStationId) ?? null) : null;
  if (request.certificateSan) {
    const names = parseSubjectAltName(request.certificateSan);
    if (!names) return { kind: 'none', reason: 'malformed_san' };
    const id = deviceIdFrom(names);
    if (id.ok) return { kind: 'device', ref: { by: 'id', id: id.deviceId }, deviceId: id.deviceId, mac };
    if (id.reason !== 'no_device_id') return { kind: 'none', reason: id.reason };
  }
  if (mac) return { kind: 'device', ref: { by: 'mac', mac }, deviceId: null, mac };
  return { kind: 'none', reason: 'no_identity' };
}

function deviceIdFrom(names: AltName[]): ReturnType<typeof deviceIdFromAltNames> {
  const intune = deviceIdFromAltNames(names);
  if (intune.ok || intune.reason !== 'no_device_id') {
    if (!intune.ok) return intune;
    const others = iseIds(names);
    return others.size === 0 || (others.size === 1 && others.has(intune.deviceId)) ? intune : { ok: false, reason: 'multiple_device_ids' };
  }
  const ids = iseIds(names);
  if (ids.has('')) return { ok: false, reason: 'malformed_device_id' };
  if (ids.size > 1) return { ok: false, reason: 'multiple_device_ids' };
  const [only] = ids;
  return only ? { ok: true, deviceId: only } : intune;
}

/** Device ids in ISE-form URIs; '' stands for a malformed one. */
function iseIds(names: AltName[]): Set<string> {
  const ids = new Set<string>();
  for (const { type, value } of names) {
    const match = type === 'URI' ? ISE_FORM.exec(value) : null;
    if (match) ids.add(normaliseGuid(match[1]!) ?? '');
  }
  return ids;
}
