import { createHmac, timingSafeEqual } from 'node:crypto';
import { stringToSign } from './canonical-query.js';

/** base64url(HMAC-SHA256(secret, string_to_sign)) without padding. */
export function sign(secret: Buffer | string, gatewayId: string, params: ReadonlyMap<string, string>): string {
  return createHmac('sha256', secret).update(stringToSign(gatewayId, params)).digest('base64url');
}

/**
 * True when `sig` matches under any of the secrets. Never throws: a signature of the
 * wrong length or alphabet is a mismatch, and every secret is tried so the time taken
 * does not tell which one (if any) matched.
 */
export function signatureMatches(secrets: readonly Buffer[], gatewayId: string, params: ReadonlyMap<string, string>, sig: string): boolean {
  if (!/^[A-Za-z0-9_-]{43}$/.test(sig)) return false;
  const presented = Buffer.from(sig, 'base64url');
  if (presented.length !== 32) return false;
  const message = stringToSign(gatewayId, params);
  let matched = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(message).digest();
    if (timingSafeEqual(expected, presented)) matched = true;
  }
  return matched;
}
