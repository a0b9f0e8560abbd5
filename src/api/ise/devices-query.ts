import type { SnapshotCriterion } from '../../core/compliance/types.js';
import { normaliseGuid } from '../../core/device/guid.js';
import { MAX_IDENTIFIER_LENGTH } from '../../core/device/identifier.js';
import { normaliseMac } from '../../core/device/mac-address.js';
import { BadRequestError } from '../../http/errors.js';
import { filterElements } from './device-attributes.js';

/** How devices are keyed in the answer: `<macaddress>` (v2, legacy ids) or `<guid>` (v3). */
export type DeviceKey = 'macaddress' | 'guid';

/** A parsed `{api_path}/devices/` query (Cisco MDM API guide v2/v3). */
export type IseDevicesQuery =
  | { kind: 'single'; criterion: SnapshotCriterion; key: DeviceKey; filter: 'all' | Set<string>; askedMac?: string }
  | { kind: 'bulk'; compliant: boolean | undefined; key: DeviceKey; filter: 'all' | Set<string>; paging: number };

const KNOWN = new Set(['paging', 'querycriteria', 'value', 'filter', 'deviceidentifier']);
const MAX_VALUE = 256;
const bad = (message: string) => new BadRequestError(message, 'invalid_parameter');

/** ISE's criteria names → the snapshot identifier they look up (v3 adds guid and guidhn = host name). */
const IDENTIFIERS: Record<string, 'imei' | 'meid' | 'udid' | 'userPrincipalName' | 'deviceName'> = {
  imei: 'imei',
  meid: 'meid',
  udid: 'udid',
  username: 'userPrincipalName',
  guidhn: 'deviceName',
};

/**
 * Reads the raw query string (not req.query: `+` in `filter` must decode to a space the
 * same way whatever the app's parser). Parameter names and criteria compare
 * case-insensitively, as ISE builds and admins type them. Every problem is a 400 before
 * any store read. No criterion (`?paging=0&filter=all`) means every device.
 */
export function parseDevicesQuery(rawUrl: string, version: 2 | 3): IseDevicesQuery {
  const params = new Map<string, string>();
  for (const [rawName, value] of new URL(rawUrl, 'http://query.invalid').searchParams) {
    const name = rawName.toLowerCase();
    if (!KNOWN.has(name)) throw bad(`Unknown query parameter "${rawName.slice(0, 40)}".`);
    if (params.has(name)) throw bad(`Query parameter "${name}" is given more than once.`);
    if (value.length > MAX_VALUE) throw bad(`Query parameter "${name}" is too long.`);
    params.set(name, value);
  }
  const pagingText = params.get('paging') ?? '0';
  if (!/^\d{1,10}$/.test(pagingText)) throw bad('Query parameter "paging" must be a whole number.');
  const paging = Number(pagingText);
  const filterText = params.get('filter') ?? 'all';
  if (!/^[A-Za-z0-9_ +,]{1,200}$/.test(filterText)) throw bad('Query parameter "filter" must be "all" or attribute names joined by "+".');
  const filter = filterElements(filterText);
  const criteria = params.get('querycriteria')?.toLowerCase();
  const value = params.get('value');
  const identifier = params.get('deviceidentifier')?.toLowerCase();
  if (identifier !== undefined && identifier !== 'macaddress' && identifier !== 'guid')
    throw bad('Query parameter "deviceidentifier" must be "macaddress" or "guid".');
  if (identifier === 'guid' && version === 2) throw bad('deviceidentifier=guid needs MDM API version 3.');
  if (identifier !== undefined && criteria !== undefined && criteria !== 'compliance')
    throw bad('Query parameter "deviceidentifier" applies only to querycriteria=compliance.');

  if (criteria === undefined) {
    if (value !== undefined) throw bad('Query parameter "value" needs a "querycriteria".');
    return { kind: 'bulk', compliant: undefined, key: identifier ?? (version === 3 ? 'guid' : 'macaddress'), filter, paging };
  }
  if (value === undefined || value.trim() === '') throw bad('Query parameter "value" is missing.');
  if (criteria === 'compliance') {
    const wanted = value.toLowerCase();
    if (wanted !== 'true' && wanted !== 'false') throw bad('querycriteria=compliance takes value=true or value=false.');
    // A v2 ISE sends no deviceidentifier: it keys the bulk answer by MAC.
    return { kind: 'bulk', compliant: wanted === 'true', key: identifier ?? 'macaddress', filter, paging };
  }
  if (criteria === 'macaddress') {
    const mac = normaliseMac(value);
    if (!mac) throw bad('Query parameter "value" is not a MAC address.');
    return { kind: 'single', criterion: { by: 'mac', mac }, key: 'macaddress', filter, askedMac: mac };
  }
  if (criteria === 'guid') {
    if (version === 2) throw bad('querycriteria=guid needs MDM API version 3.');
    const id = normaliseGuid(value);
    // Our GUIDs are RFC 4122 (Intune device ids); anything else names no device here.
    if (!id) return { kind: 'single', criterion: { by: 'id', id: '' }, key: 'guid', filter };
    return { kind: 'single', criterion: { by: 'id', id }, key: 'guid', filter };
  }
  const by = IDENTIFIERS[criteria];
  if (!by) throw bad(`querycriteria "${criteria.slice(0, 40)}" is not one this MDM API defines.`);
  if (by === 'deviceName' && version === 2) throw bad('querycriteria=guidhn needs MDM API version 3.');
  if (value.length > MAX_IDENTIFIER_LENGTH) throw bad('Query parameter "value" is too long.');
  // v3 keys every answer by GUID except the legacy hardware identifiers, which stay as in v2.
  const key: DeviceKey = version === 3 && (by === 'userPrincipalName' || by === 'deviceName') ? 'guid' : 'macaddress';
  return { kind: 'single', criterion: { by, value }, key, filter };
}
