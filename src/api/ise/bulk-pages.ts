import { randomInt } from 'node:crypto';
import type { ComplianceProvider, DeviceSnapshot } from '../../core/compliance/types.js';
import type { Namespace } from '../../core/store/types.js';
import { BadRequestError } from '../../http/errors.js';
import { compliantForIse } from './device-attributes.js';
import type { DeviceKey } from './devices-query.js';

/** Where a bulk listing continues, remembered under the `paging_info` number we handed out. */
interface PageMark {
  gatewayId: string;
  /** What the listing selects; a follow-up must ask the same, or its page number means nothing. */
  selection: string;
  position: string;
}

const PAGE_MARK_TTL_MS = 30 * 60_000;

/** One bulk page: the devices (each with the keys it is listed under) and the next `paging_info` (0 = done). */
export interface BulkPage {
  entries: Array<{ snapshot: DeviceSnapshot; key: string }>;
  pagingInfo: number;
}

/**
 * Bulk queries (`querycriteria=compliance`, or no criterion) in pages of at most
 * `maxSize` records. ISE passes `paging=0` first and then whatever `paging_info` we
 * answered (an integer, per the spec); we answer a random number that names the place
 * to continue, kept in the shared store for 30 minutes, so any instance continues any
 * listing and two ISE nodes paging at once never share a page number.
 */
export class IseBulkPages {
  constructor(private readonly marks: Namespace<PageMark>) {}

  async read(
    provider: ComplianceProvider,
    request: { gatewayId: string; compliant: boolean | undefined; key: DeviceKey; paging: number; maxSize: number; graceAllows: boolean; signal?: AbortSignal },
  ): Promise<BulkPage> {
    const selection = `${request.compliant ?? 'all'}:${request.key}`;
    let resumeFrom: string | undefined;
    if (request.paging !== 0) {
      const mark = await this.marks.get(String(request.paging));
      if (!mark || mark.gatewayId !== request.gatewayId || mark.selection !== selection) {
        throw new BadRequestError('Unknown or expired paging value; start again with paging=0.', 'invalid_parameter');
      }
      resumeFrom = mark.position;
    }
    const entries: BulkPage['entries'] = [];
    let last: string | undefined;
    for await (const { snapshot, position } of provider.listSnapshots({ resumeFrom, signal: request.signal })) {
      if (request.compliant !== undefined && compliantForIse(snapshot, request.graceAllows) !== request.compliant) {
        last = position;
        continue;
      }
      const keys = keysOf(snapshot, request.key);
      // A device listed under two MACs is two records; never split it across pages.
      if (entries.length + keys.length > request.maxSize && entries.length > 0) {
        return { entries, pagingInfo: await this.remember(request.gatewayId, selection, last!) };
      }
      for (const key of keys) entries.push({ snapshot, key });
      last = position;
    }
    return { entries, pagingInfo: 0 };
  }

  private async remember(gatewayId: string, selection: string, position: string): Promise<number> {
    const pagingInfo = randomInt(1, 2 ** 31 - 1);
    await this.marks.set(String(pagingInfo), { gatewayId, selection, position }, PAGE_MARK_TTL_MS);
    return pagingInfo;
  }
}

/** The keys a device is listed under: its GUID, or each of its MACs (a device without one cannot be keyed by MAC). */
function keysOf(snapshot: DeviceSnapshot, key: DeviceKey): string[] {
  if (key === 'guid') return [snapshot.device.id];
  return [...new Set([snapshot.device.wiFiMacAddress, snapshot.device.ethernetMacAddress].filter(Boolean))];
}
