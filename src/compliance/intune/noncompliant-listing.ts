import { ProviderUnavailableError } from '../errors.js';
import { normaliseGuid } from '../guid.js';
import type { ManagedDevice } from '../types.js';
import type { GraphClient } from './graph-client.js';
import { DEVICE_SELECT, DEVICES_PATH, toManagedDevice } from './graph-device.js';
import type { Operation } from './operation-budget.js';
import { graphPages } from './paged-listing.js';

const FILTER = encodeURIComponent("complianceState eq 'noncompliant'");
const LIST_PATH = `${DEVICES_PATH}?$filter=${FILTER}&$select=${DEVICE_SELECT}`;

/**
 * Streams non-compliant devices page by page in Graph's order (Graph ignores $orderby on
 * managedDevices, so its own stable paging order is the order we promise). Every device
 * is re-checked: Graph silently drops filters it does not support and returns everything.
 *
 * `after` resumes behind that device id. If it is no longer in the listing (it became
 * compliant or was removed) we cannot know where to resume, and saying "done" would pass
 * a partial result off as complete, so that ends in ProviderUnavailableError.
 */
export async function* listNoncompliantDevices(
  graph: GraphClient,
  after: string | undefined,
  operationForPage: () => Operation,
): AsyncGenerator<ManagedDevice> {
  const cursor = after === undefined ? undefined : normaliseGuid(after);
  if (after !== undefined && !cursor) throw new ProviderUnavailableError('resume cursor is not a device id');
  let skipping = cursor !== undefined;
  for await (const page of graphPages(graph, LIST_PATH, operationForPage)) {
    const devices = page.map(toManagedDevice);
    for (const device of devices) {
      if (skipping) {
        skipping = device.id !== cursor;
        continue;
      }
      if (device.complianceState === 'noncompliant') yield device;
    }
  }
  if (skipping) throw new ProviderUnavailableError('resume cursor no longer in the non-compliant listing');
}
