import { InvalidListingPositionError, ProviderUnavailableError } from '../../core/compliance/errors.js';
import { normaliseGuid } from '../../core/device/guid.js';
import type { ListedDevice } from '../../core/compliance/types.js';
import type { GraphClient } from './graph-client.js';
import { DEVICE_SELECT, DEVICES_PATH, toManagedDevice } from './graph-device.js';
import type { Operation } from './operation-budget.js';
import { graphPagesWithLinks } from './paged-listing.js';

const FILTER = "complianceState eq 'noncompliant'";
const LIST_QUERY = `?$filter=${encodeURIComponent(FILTER)}&$select=${DEVICE_SELECT}`;

/** Query options a listing page URL may carry; $filter and $select must be exactly ours. */
const PAGE_QUERY = new Set(['$filter', '$select', '$skiptoken']);
/** Bound on a page reference (path + query), so positions stay well under MAX_LISTING_POSITION_LENGTH. */
const MAX_PAGE_REF_LENGTH = 1900;
/** Graph pages hold at most 1000 managed devices; this leaves room without allowing nonsense. */
const MAX_INDEX = 99_999;
const POSITION = /^g1\.(\d{1,5})\.(-|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\/[\x21-\x7e]*)$/;

/** Where the listing lives: graphBaseUrl's origin, and its path followed by the managedDevices path. */
export interface ListingLocation {
  origin: string;
  pathname: string;
}

export function listingLocation(graphBaseUrl: string): ListingLocation {
  const url = new URL(`${graphBaseUrl.replace(/\/+$/, '')}${DEVICES_PATH}`);
  return { origin: url.origin, pathname: url.pathname };
}

/**
 * Checks a listing page URL (absolute, or a canonical reference starting with `/`) and
 * returns it with its canonical reference (path + query). Accepted only: the listing's own origin
 * and exact path, no credentials or fragment, only $filter/$select (exactly ours) and
 * $skiptoken, each once, in canonical form and bounded length. Anything else: undefined.
 * This is what keeps a client-supplied position from steering our token to another
 * resource or host.
 */
export function checkPageUrl(target: string, location: ListingLocation): { url: URL; ref: string } | undefined {
  if (target.length > location.origin.length + MAX_PAGE_REF_LENGTH || !/^[\x21-\x7e]+$/.test(target)) return undefined;
  let url: URL;
  try {
    url = new URL(target, location.origin);
  } catch {
    return undefined;
  }
  const ref = `${url.pathname}${url.search}`;
  // A reference (what positions carry) must be exactly what we issue; an absolute URL
  // (Graph's nextLink) is judged by what it parses to, which is what gets fetched.
  if (target.startsWith('/') && target !== ref) return undefined;
  if (url.origin !== location.origin || url.pathname !== location.pathname) return undefined;
  if (url.username !== '' || url.password !== '' || url.hash !== '' || target.includes('#') || ref.length > MAX_PAGE_REF_LENGTH) return undefined;
  const names = new Set<string>();
  for (const [name, value] of url.searchParams) {
    if (!PAGE_QUERY.has(name) || names.has(name) || value.length === 0) return undefined;
    names.add(name);
  }
  if (url.searchParams.has('$filter') && url.searchParams.get('$filter') !== FILTER) return undefined;
  if (url.searchParams.has('$select') && url.searchParams.get('$select') !== DEVICE_SELECT) return undefined;
  return { url, ref };
}

/**
 * `g1.<skip>.<device id>.<page>`: in that page, continue right after the device if it is
 * still there, else after the first <skip> entries (the ones that preceded it). A device
 * that ended its page points at the next page instead (`g1.0.-.<nextLink>`): nothing to
 * look for there, and its page need not be read again.
 */
interface Position {
  skip: number;
  deviceId: string | undefined;
  url: URL;
  ref: string;
}

function encodePosition(skip: number, deviceId: string | undefined, ref: string): string {
  return `g1.${skip}.${deviceId ?? '-'}.${ref}`;
}

function decodePosition(position: string, location: ListingLocation): Position {
  const [, digits = '', id = '', ref = ''] = POSITION.exec(position) ?? [];
  const skip = Number(digits);
  const deviceId = id === '-' ? undefined : normaliseGuid(id);
  const page = ref === '' ? undefined : checkPageUrl(ref, location);
  if (digits === '' || !(skip <= MAX_INDEX) || (id !== '-' && deviceId !== id) || !page) {
    throw new InvalidListingPositionError('not a position in the Intune non-compliant listing');
  }
  return { skip, deviceId, ...page };
}

/**
 * Streams non-compliant devices page by page in Graph's order (Graph ignores $orderby on
 * managedDevices, so its own stable paging order is the order we promise). Every device
 * is re-checked: Graph silently drops filters it does not support and returns everything.
 *
 * Each device's position names the Graph page it came from (the first listing URL or the
 * `@odata.nextLink` that led there), its index there and its id (see Position). Resuming
 * reads that page once, then follows nextLinks: paging through N pages costs O(N) calls
 * in total. In the re-read page we continue right after the device when it is still
 * there; when it is gone (compliant now, or removed) the devices behind it moved up by
 * one, so we continue at its old index. A position is validated before any call
 * (InvalidListingPositionError otherwise); Graph's own nextLinks are held to the same
 * rules before we follow them.
 */
export async function* listNoncompliantDevices(
  graph: GraphClient,
  location: ListingLocation,
  resumeFrom: string | undefined,
  operationForPage: () => Operation,
): AsyncGenerator<ListedDevice> {
  const resume = resumeFrom === undefined ? undefined : decodePosition(resumeFrom, location);
  const first = resume ?? checkPageUrl(new URL(`${location.pathname}${LIST_QUERY}`, location.origin).href, location);
  if (!first) throw new ProviderUnavailableError('intune: the listing URL failed its own checks');
  let ref = first.ref;
  let skipTo = resume;
  for await (const page of graphPagesWithLinks(graph, first.url.href, operationForPage)) {
    const next = page.nextLink === undefined ? undefined : checkPageUrl(page.nextLink, location);
    if (page.nextLink !== undefined && !next) throw new ProviderUnavailableError('Graph returned a nextLink outside the managedDevices listing');
    const devices = page.items.map(toManagedDevice);
    let from = 0;
    if (skipTo) {
      const wanted = skipTo.deviceId;
      const at = wanted === undefined ? -1 : devices.findIndex((device) => device.id === wanted);
      from = at >= 0 ? at + 1 : Math.min(skipTo.skip, devices.length);
      skipTo = undefined;
    }
    for (let index = from; index < devices.length; index++) {
      const device = devices[index]!;
      if (device.complianceState !== 'noncompliant') continue;
      const endsPage = index === devices.length - 1 && next !== undefined;
      yield { device, position: endsPage ? encodePosition(0, undefined, next.ref) : encodePosition(index, device.id, ref) };
    }
    if (!next) return;
    ref = next.ref;
  }
}
