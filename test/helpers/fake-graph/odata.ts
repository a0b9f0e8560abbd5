import type { GraphDeviceJson } from './fake-graph-types.js';

/** Properties Graph leaves null in collection responses (documented for managedDevices). */
const NULL_IN_LISTS = ['ethernetMacAddress', 'udid'];

/** Applies `$select` like Graph: the listed properties only (plus id), in the device's order. */
export function project(device: GraphDeviceJson, select: string | null, inList: boolean): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...device };
  if (inList) for (const name of NULL_IN_LISTS) copy[name] = null;
  if (!select) return copy;
  const wanted = new Set(select.split(',').map((name) => name.trim()));
  wanted.add('id');
  return Object.fromEntries(Object.entries(copy).filter(([name]) => wanted.has(name)));
}

export interface ParsedFilter {
  property: string;
  value: string;
}

/** Only `property eq 'literal'` is understood; anything else is ignored, as Graph often does. */
export function parseFilter(filter: string | null): ParsedFilter | undefined {
  if (!filter) return undefined;
  const match = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(filter);
  if (!match || !match[1] || match[2] === undefined) return undefined;
  return { property: match[1], value: match[2].replace(/''/g, "'") };
}

/** Graph compares enum and string filters case-insensitively. */
export function matchesFilter(device: GraphDeviceJson, filter: ParsedFilter): boolean {
  const actual = device[filter.property];
  return typeof actual === 'string' && actual.toLowerCase() === filter.value.toLowerCase();
}

/** Graph's managedDevices skiptoken names the last key served (`LastDeviceId='…'`), not an offset. */
const SKIPTOKEN = /^LastDeviceId='([^']{1,64})'$/;

/**
 * One page of `items` with an absolute `@odata.nextLink` carrying the original query plus
 * `$skiptoken`, as Graph does. With `keyOf` (items sorted by it) the token names the last
 * key served, like Graph's managedDevices paging: a page URL stays valid and means "what
 * follows that key" however the collection changed since. Without it, the token is an
 * offset (Graph's nested collections). `undefined` = malformed token (Graph answers 400).
 */
export function page<T>(items: T[], requestUrl: URL, pageSize: number, context: string, keyOf?: (item: T) => string): Record<string, unknown> | undefined {
  const top = Number(requestUrl.searchParams.get('$top'));
  const size = top > 0 ? Math.min(top, pageSize) : pageSize;
  const token = requestUrl.searchParams.get('$skiptoken');
  let offset = 0;
  if (token !== null && keyOf) {
    const last = SKIPTOKEN.exec(token)?.[1];
    if (last === undefined) return undefined;
    offset = items.findIndex((item) => keyOf(item) > last);
    if (offset < 0) offset = items.length;
  } else if (token !== null) {
    offset = /^\d{1,9}$/.test(token) ? Number(token) : NaN;
    if (Number.isNaN(offset)) return undefined;
  }
  const value = items.slice(offset, offset + size);
  const body: Record<string, unknown> = { '@odata.context': context, value };
  // $top alone means "just this many", so no nextLink (the health probe relies on that).
  if (!(top > 0) && offset + size < items.length) {
    const next = new URL(requestUrl.href);
    next.searchParams.set('$skiptoken', keyOf ? `LastDeviceId='${keyOf(value.at(-1)!)}'` : String(offset + size));
    body['@odata.nextLink'] = next.href;
  }
  return body;
}
