import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAX_LISTING_POSITION_LENGTH } from '../../core/compliance/types.js';

/**
 * The `cursor` of a bulk page: the provider's listing position after the last device
 * already returned (opaque to us as to partners), stamped with when it was issued and
 * MACed with a key only this service holds, so a partner can neither forge nor edit a
 * position. Decoding is strict: a cursor we did not produce is a 400, never a guess.
 *
 *   v2.<issued, epoch seconds base 36>.<base64url position>.<base64url HMAC-SHA256>
 */
const TAG = 'v2';
const MAC_LENGTH = 43; // 32 bytes in unpadded base64url
const MAX_POSITION_B64 = Math.ceil((MAX_LISTING_POSITION_LENGTH * 4) / 3);
const CURSOR = new RegExp(`^${TAG}\\.([0-9a-z]{1,9})\\.([A-Za-z0-9_-]{1,${MAX_POSITION_B64}})\\.([A-Za-z0-9_-]{${MAC_LENGTH}})$`);
const POSITION = /^[\x21-\x7e]+$/;

/** Longest cursor this service issues; longer `cursor` parameters are refused unread. */
export const MAX_CURSOR_LENGTH = TAG.length + 1 + 9 + 1 + MAX_POSITION_B64 + 1 + MAC_LENGTH;
/** How long a cursor stays good: long enough to finish a listing in the next bulk window. */
export const CURSOR_LIFETIME_MS = 24 * 3600_000;
/** Tolerated clock skew between instances for a cursor issued "in the future". */
const SKEW_MS = 5 * 60_000;

export type OpenedCursor = { ok: true; position: string } | { ok: false; reason: 'invalid' | 'expired' };

export interface CursorCodec {
  seal(position: string): string;
  open(cursor: string): OpenedCursor;
}

/**
 * `secret` is any high-entropy secret (the app passes SESSION_SECRET); the MAC key is
 * derived from it as HMAC-SHA256(secret, "vestibule cursor"), so the secret itself never
 * signs anything here. `scope` (the provider's name) keeps one provider's positions
 * from ever reaching another.
 */
export function createCursorCodec(options: { secret: string | Buffer; scope: string; now: () => number; lifetimeMs?: number }): CursorCodec {
  if (Buffer.byteLength(options.secret) < 16) throw new Error('the bulk cursor secret must be at least 16 bytes');
  const key = createHmac('sha256', options.secret).update('vestibule cursor').digest();
  const lifetimeMs = options.lifetimeMs ?? CURSOR_LIFETIME_MS;
  const mac = (issued: string, position: string) => createHmac('sha256', key).update(`${TAG}\n${options.scope}\n${issued}\n${position}`).digest();

  return {
    seal(position) {
      if (position.length > MAX_LISTING_POSITION_LENGTH || !POSITION.test(position)) {
        throw new Error('the provider issued a listing position outside the contract');
      }
      const issued = Math.floor(options.now() / 1000).toString(36);
      const payload = Buffer.from(position, 'utf8').toString('base64url');
      return `${TAG}.${issued}.${payload}.${mac(issued, payload).toString('base64url')}`;
    },
    open(cursor) {
      const match = CURSOR.exec(cursor);
      if (!match) return { ok: false, reason: 'invalid' };
      const [, issued = '', payload = '', tag = ''] = match;
      const expected = mac(issued, payload);
      const given = Buffer.from(tag, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected) || given.toString('base64url') !== tag) {
        return { ok: false, reason: 'invalid' };
      }
      const position = Buffer.from(payload, 'base64url').toString('utf8');
      // Only text we sealed verifies, but re-check the shape rather than trust that.
      if (!POSITION.test(position) || Buffer.from(position, 'utf8').toString('base64url') !== payload) return { ok: false, reason: 'invalid' };
      const issuedMs = parseInt(issued, 36) * 1000;
      const now = options.now();
      if (issuedMs > now + SKEW_MS || now - issuedMs > lifetimeMs) return { ok: false, reason: 'expired' };
      return { ok: true, position };
    },
  };
}
