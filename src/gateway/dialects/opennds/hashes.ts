import { createHash } from 'node:crypto';

/**
 * openNDS's own URL encoding (`uh_urlencode` in openNDS/openNDS src/util.c): every byte
 * except ASCII letters, digits and `-_.~` becomes `%xx` with LOWER-case hex. The gateway
 * sends `gatewayname` in this form inside the FAS payload and hashes this form for
 * authmon's `gatewayhash`, so we must reproduce it byte for byte, not use
 * encodeURIComponent (upper-case hex, leaves `!*'()` alone).
 */
export function openNdsUrlEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

const sha256hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The token the gateway accepts for a client at release (`tok=` at levels 1/2, first field
 * of an authmon record at level 3): lower-case hex sha256 of `hid` followed by the faskey
 * (LAB.md A.5, checked against captured values).
 */
export function rhidOf(hid: string, faskey: string): string {
  return sha256hex(hid + faskey);
}

/**
 * What authmon sends as `gatewayhash`: hex sha256 of the gateway name exactly as
 * URL-encoded in the FAS payload (LAB.md A.5; `e2egw%20Node%3a020000000101%20`).
 */
export function gatewayHashOf(gatewayName: string): string {
  return sha256hex(openNdsUrlEncode(gatewayName));
}
