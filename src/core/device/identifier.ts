import type { SnapshotCriterion } from '../compliance/types.js';

/** The identifiers other than MAC and device id that snapshots are indexed by. */
export type IdentifierKind = 'serialNumber' | 'imei' | 'meid' | 'udid' | 'userPrincipalName' | 'deviceName';

export const IDENTIFIER_KINDS: readonly IdentifierKind[] = ['serialNumber', 'imei', 'meid', 'udid', 'userPrincipalName', 'deviceName'];

/** Longest identifier we index or accept in a query (Graph's values are far shorter). */
export const MAX_IDENTIFIER_LENGTH = 200;

/**
 * The one spelling an identifier is indexed and queried by: trimmed; user names
 * lower-case (UPNs compare case-insensitively in Entra), the hardware ids upper-case
 * (vendors and MDMs print IMEI/MEID/UDID/serials and host names in either case). `undefined` for an
 * empty or over-long value, which matches nothing.
 */
export function normaliseIdentifier(kind: IdentifierKind, value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_IDENTIFIER_LENGTH) return undefined;
  return kind === 'userPrincipalName' ? trimmed.toLowerCase() : trimmed.toUpperCase();
}

/** The (kind, normalised value) pairs a device is indexed under; empty fields are skipped. */
export function identifiersOf(device: Record<IdentifierKind, string>): Array<{ kind: IdentifierKind; value: string }> {
  const pairs: Array<{ kind: IdentifierKind; value: string }> = [];
  for (const kind of IDENTIFIER_KINDS) {
    const value = normaliseIdentifier(kind, device[kind]);
    if (value !== undefined) pairs.push({ kind, value });
  }
  return pairs;
}

/** Index key suffix for a criterion other than mac/id, e.g. `imei:356789012345678`. */
export function identifierKey(criterion: Extract<SnapshotCriterion, { value: string }>): string | undefined {
  const value = normaliseIdentifier(criterion.by, criterion.value);
  return value === undefined ? undefined : `${criterion.by}:${value}`;
}
