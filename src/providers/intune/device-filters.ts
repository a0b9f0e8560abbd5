import { normaliseGuid } from '../../core/device/guid.js';
import type { LookupResult, ManagedDevice } from '../../core/compliance/types.js';
import type { GraphClient } from './graph-client.js';
import { DEVICE_SELECT, DEVICES_PATH, toManagedDevice } from './graph-device.js';
import type { Operation } from './operation-budget.js';
import { graphPages } from './paged-listing.js';

/** Matching devices beyond this are not worth reading: the answer is "ambiguous" anyway. */
const MAX_MATCHES = 10;

/** OData string literal: single quotes are doubled, nothing else needs escaping. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

async function findWhere(
  graph: GraphClient,
  property: 'serialNumber' | 'azureADDeviceId',
  value: string,
  matches: (device: ManagedDevice) => boolean,
  op: Operation,
): Promise<LookupResult> {
  const filter = encodeURIComponent(`${property} eq ${literal(value)}`);
  const found: ManagedDevice[] = [];
  // Graph may ignore the filter and page through the whole tenant; the budget bounds that.
  for await (const page of graphPages(graph, `${DEVICES_PATH}?$filter=${filter}&$select=${DEVICE_SELECT}`, () => op)) {
    for (const device of page.map(toManagedDevice)) {
      if (matches(device)) found.push(device);
    }
    if (found.length >= MAX_MATCHES) break;
  }
  const [first] = found;
  if (!first) return { kind: 'notFound' };
  if (found.length > 1) return { kind: 'ambiguous', deviceIds: found.map((d) => d.id) };
  return { kind: 'found', device: first };
}

/** Serial numbers compare case-insensitively and trimmed: vendors print them inconsistently. */
export function findBySerialNumber(graph: GraphClient, serial: string, op: Operation): Promise<LookupResult> {
  const wanted = serial.trim().toUpperCase();
  if (wanted.length === 0 || wanted.length > 64) return Promise.resolve({ kind: 'notFound' });
  return findWhere(graph, 'serialNumber', serial.trim(), (d) => d.serialNumber.trim().toUpperCase() === wanted, op);
}

/** Entra device id (azureADDeviceId), a GUID. */
export function findByAzureAdDeviceId(graph: GraphClient, entraDeviceId: string, op: Operation): Promise<LookupResult> {
  const wanted = normaliseGuid(entraDeviceId);
  if (!wanted) return Promise.resolve({ kind: 'notFound' });
  return findWhere(graph, 'azureADDeviceId', wanted, (d) => d.azureADDeviceId === wanted, op);
}

/** The devices whose primary user is `userId` (Entra object id), at most `limit`, in id order. */
export async function listByUser(graph: GraphClient, userId: string, limit: number, op: Operation): Promise<ManagedDevice[]> {
  const wanted = normaliseGuid(userId);
  if (!wanted) return [];
  const filter = encodeURIComponent(`userId eq ${literal(wanted)}`);
  const found: ManagedDevice[] = [];
  for await (const page of graphPages(graph, `${DEVICES_PATH}?$filter=${filter}&$select=${DEVICE_SELECT}`, () => op)) {
    // Graph may ignore the filter; only the user's own devices ever leave this function.
    for (const device of page.map(toManagedDevice)) if (device.userId === wanted) found.push(device);
    if (found.length >= limit) break;
  }
  return found.slice(0, limit).sort((a, b) => (a.id < b.id ? -1 : 1));
}
