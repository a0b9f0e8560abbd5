const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns the lower-cased GUID, or undefined when `input` is not one. */
export function normaliseGuid(input: string): string | undefined {
  return input.length === 36 && GUID.test(input) ? input.toLowerCase() : undefined;
}
