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

/**
 * One page of `items` starting at `$skiptoken` (an offset here; opaque to clients), with an
 * absolute `@odata.nextLink` carrying the original query, as Graph does.
 */
export function page<T>(items: T[], requestUrl: URL, pageSize: number, context: string): Record<string, unknown> {
  const top = Number(requestUrl.searchParams.get('$top'));
  const size = top > 0 ? Math.min(top, pageSize) : pageSize;
  const offset = Number(requestUrl.searchParams.get('$skiptoken') ?? '0') || 0;
  const body: Record<string, unknown> = {
    '@odata.context': context,
    value: items.slice(offset, offset + size),
  };
  // $top alone means "just this many", so no nextLink (the health probe relies on that).
  if (!(top > 0) && offset + size < items.length) {
    const next = new URL(requestUrl.href);
    next.searchParams.set('$skiptoken', String(offset + size));
    body['@odata.nextLink'] = next.href;
  }
  return body;
}
