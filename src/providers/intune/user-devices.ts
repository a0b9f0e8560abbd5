import { normaliseGuid } from '../../core/device/guid.js';
import type { ManagedDevice } from '../../core/compliance/types.js';
import type { GraphClient } from './graph-client.js';
import { DEVICE_SELECT, DEVICES_PATH, toManagedDevice } from './graph-device.js';
import type { Operation } from './operation-budget.js';
import { graphPages } from './paged-listing.js';

/** OData string literal: single quotes are doubled, nothing else needs escaping. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
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
