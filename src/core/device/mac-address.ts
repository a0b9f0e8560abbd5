/**
 * MAC addresses arrive in every notation switches, controllers and NAC products print:
 * six groups of 2 hex digits (`AA:BB:CC:DD:EE:FF`, `aa-bb-…`, Cisco-style dots), three
 * groups of 4 (`aabb.ccdd.eeff` Cisco IOS, `a4b1-c2d3-e4f5` HPE Comware), two groups of
 * 6 (`a4b1c2-d3e4f5` HPE ProCurve/Aruba-OS), or 12 digits with no separator, in either
 * case. We store and compare them as 12 upper-case hex digits (Graph's `wiFiMacAddress`
 * form). One group size and one separator per address: anything mixed is a typo, not a MAC.
 */
const NOTATIONS = [2, 4, 6].map((size) => {
  const group = `[0-9a-f]{${size}}`;
  const more = 12 / size - 2; // groups after the second, which fixes the separator
  return new RegExp(`^${group}(?:([:.-])${group})(?:\\1${group}){${more}}$`, 'i');
});
const BARE = /^[0-9a-f]{12}$/i;

/** Returns the canonical form, or undefined when `input` is not a MAC in a known notation. */
export function normaliseMac(input: string): string | undefined {
  if (input.length > 17) return undefined;
  if (!BARE.test(input) && !NOTATIONS.some((notation) => notation.test(input))) return undefined;
  return input.replace(/[:.-]/g, '').toUpperCase();
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
