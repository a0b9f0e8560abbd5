import { InvalidListingPositionError, ProviderUnavailableError } from '../../core/compliance/errors.js';
import type { ComplianceProvider, ManagedDevice } from '../../core/compliance/types.js';
import { BadRequestError, ServiceUnavailableError } from '../../http/errors.js';

export interface BulkPage {
  devices: ManagedDevice[];
  /** Provider position after the last device returned when more follow; undefined on the last page. */
  continueFrom: string | undefined;
}

/** Bound on one page's backend work, so a black-holed backend still gets an answer. */
const PAGE_DEADLINE_MS = 10_000;

/**
 * Reads one page of non-compliant devices from the provider's stream, pulling one device
 * beyond the page to learn whether another page follows and then stopping (the `break`
 * closes the provider's iterator), so memory holds one page whatever the fleet size.
 * A backend failure part-way fails the whole page: a partial listing is never presented
 * as complete.
 */
export async function readBulkPage(
  provider: ComplianceProvider,
  options: { resumeFrom: string | undefined; pageSize: number; signal?: AbortSignal },
): Promise<BulkPage> {
  const deadline = AbortSignal.timeout(PAGE_DEADLINE_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const devices: ManagedDevice[] = [];
  let last: string | undefined;
  let more = false;
  try {
    for await (const { device, position } of provider.listNoncompliant({ resumeFrom: options.resumeFrom, signal })) {
      // Graph may ignore a filter it does not support and stream every device: check each one.
      if (device.complianceState !== 'noncompliant') continue;
      if (devices.length === options.pageSize) {
        more = true;
        break;
      }
      devices.push(device);
      last = position;
    }
    signal.throwIfAborted();
  } catch (error) {
    // Verified cursors carry positions we issued, so this means one the provider no longer accepts.
    if (error instanceof InvalidListingPositionError) {
      throw new BadRequestError('Query parameter "cursor" no longer points into the listing; start it again without a cursor.', 'invalid_parameter');
    }
    if (error instanceof ProviderUnavailableError || signal.aborted) {
      throw new ServiceUnavailableError('The compliance backend did not return the full listing; try again shortly.', {
        retryAfterSeconds: error instanceof ProviderUnavailableError ? (error.options.retryAfterSeconds ?? 5) : 5,
        cause: error,
        code: 'provider_unavailable',
      });
    }
    throw error;
  }
  return { devices, continueFrom: more ? last : undefined };
}
