import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const AUTHENTICATOR = { start: 4, end: 20 } as const;
const MESSAGE_AUTHENTICATOR_TYPE = 80;

/**
 * Signs a CoA-Request or Disconnect-Request in place, the way RFC 5176 §3.5 and RFC 3579
 * §3.2 describe it and FreeRADIUS 3.2 (radius.c, rad_sign) does it: first the
 * Message-Authenticator, HMAC-MD5 over the packet with a zero Request Authenticator and a
 * zero Message-Authenticator; then the Request Authenticator, MD5 over the whole packet
 * (Message-Authenticator included, authenticator field zero) followed by the secret.
 *
 * Why not leave this to the `radius` package: version 1.1.4 computes the two in the other
 * order for these codes, so neither FreeRADIUS nor the package's own decoder accepts its
 * packets (shown by test/radius/radius-signing.test.ts). It still does the attribute
 * encoding. `packet` must already hold a zeroed Message-Authenticator attribute.
 */
export function signRequest(packet: Buffer, secret: string): Buffer {
  const at = messageAuthenticatorOffset(packet);
  if (at === undefined) throw new Error('the packet has no Message-Authenticator attribute to fill');
  packet.fill(0, AUTHENTICATOR.start, AUTHENTICATOR.end);
  packet.fill(0, at, at + 16);
  createHmac('md5', secret).update(packet).digest().copy(packet, at);
  createHash('md5').update(packet).update(secret).digest().copy(packet, AUTHENTICATOR.start);
  return packet;
}

/**
 * Checks a NAS's answer to our request (RFC 5176 §3.5 / RFC 2865 §3): Response
 * Authenticator = MD5(Code, Identifier, Length, Request Authenticator, Attributes, secret),
 * and a Message-Authenticator, when present, is HMAC-MD5 over the answer with the Request
 * Authenticator in place and itself zeroed. True only when everything present checks out.
 */
export function verifyResponse(request: Buffer, response: Buffer, secret: string): boolean {
  if (response.length < 20 || response.readUInt16BE(2) !== response.length || response[1] !== request[1]) return false;
  const copy = Buffer.from(response);
  request.copy(copy, AUTHENTICATOR.start, AUTHENTICATOR.start, AUTHENTICATOR.end);
  const expected = createHash('md5').update(copy).update(secret).digest();
  if (!timingSafeEqual(expected, response.subarray(AUTHENTICATOR.start, AUTHENTICATOR.end))) return false;
  const at = messageAuthenticatorOffset(response);
  if (at === undefined) return true;
  copy.fill(0, at, at + 16);
  const mac = createHmac('md5', secret).update(copy).digest();
  return timingSafeEqual(mac, response.subarray(at, at + 16));
}

/** Where the Message-Authenticator's 16 value octets start, or undefined; walks the attributes, bounded by the packet. */
export function messageAuthenticatorOffset(packet: Buffer): number | undefined {
  const length = Math.min(packet.length, packet.readUInt16BE(2));
  let at = 20;
  while (at + 2 <= length) {
    const type = packet[at]!;
    const size = packet[at + 1]!;
    if (size < 2 || at + size > length) return undefined;
    if (type === MESSAGE_AUTHENTICATOR_TYPE) return size === 18 ? at + 2 : undefined;
    at += size;
  }
  return undefined;
}
