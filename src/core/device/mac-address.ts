/**
 * MAC addresses arrive in every notation gateways and NAC products use:
 * `AA:BB:CC:DD:EE:FF`, `aa-bb-cc-dd-ee-ff`, `aabb.ccdd.eeff`, `AABBCCDDEEFF`.
 * We store and compare them as 12 upper-case hex digits (Graph's `wiFiMacAddress` form).
 */
const NOTATIONS = [
  /^([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})$/i,
  /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i,
  /^([0-9a-f]{12})$/i,
];

/** Returns the canonical form, or undefined when `input` is not a MAC in a known notation. */
export function normaliseMac(input: string): string | undefined {
  if (input.length > 17) return undefined;
  for (const notation of NOTATIONS) {
    const match = notation.exec(input);
    if (!match) continue;
    // One separator style per address: "aa:bb-cc..." is a typo, not a MAC.
    if (input.includes(':') && input.includes('-')) return undefined;
    return match.slice(1).join('').toUpperCase();
  }
  return undefined;
}

/**
 * Locally administered addresses (second hex digit 2, 6, A or E) are what phones use for
 * "private Wi-Fi address": they change per network and never match the inventory.
 */
export function isRandomizedMac(canonical: string): boolean {
  return /^.[26AE]/.test(canonical);
}

/** `AABBCCDDEEFF` → `AA:BB:CC:DD:EE:FF`, for people to read. */
export function formatMac(canonical: string): string {
  return canonical.match(/../g)?.join(':') ?? canonical;
}
