import { randomBytes } from 'node:crypto';

/** 192 bits from the CSPRNG, base64url: unguessable, URL-safe, fixed length (32 chars). */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** The shape every token and handle has; anything else is rejected before touching the store. */
export function looksLikeSecret(value: string): boolean {
  return value.length === 32 && /^[A-Za-z0-9_-]+$/.test(value);
}
