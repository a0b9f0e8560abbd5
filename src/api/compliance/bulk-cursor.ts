/**
 * The `cursor` of a bulk page: the ID of the last device already returned, wrapped so
 * partners treat it as opaque and so we can change its contents later (the `v1.` tag).
 * Decoding is strict: a cursor we did not produce is a 400, never a guess.
 */
const DEVICE_ID = /^[A-Za-z0-9._~-]{1,128}$/;
const CURSOR = /^v1\.[A-Za-z0-9_-]{2,172}$/;

export function encodeCursor(lastDeviceId: string): string {
  if (!DEVICE_ID.test(lastDeviceId)) throw new Error('a device ID outside [A-Za-z0-9._~-]{1,128} cannot be a cursor');
  return `v1.${Buffer.from(lastDeviceId, 'utf8').toString('base64url')}`;
}

/** Returns the device ID to continue after, or undefined when `cursor` is not one of ours. */
export function decodeCursor(cursor: string): string | undefined {
  if (!CURSOR.test(cursor)) return undefined;
  const payload = cursor.slice(3);
  const id = Buffer.from(payload, 'base64url').toString('utf8');
  // Re-encoding must give back the same text: rejects non-canonical base64 and stray bits.
  if (!DEVICE_ID.test(id) || Buffer.from(id, 'utf8').toString('base64url') !== payload) return undefined;
  return id;
}
