import { createDecipheriv } from 'node:crypto';
import { OpenNdsRefusal } from './refusal.js';

/** What openNDS puts in the FAS URL's query: `fas` always, `iv` at levels 2 and 3. */
export interface FasQuery {
  fas: string | undefined;
  iv: string | undefined;
}

/** openNDS fas_secure_enabled levels Vestibule serves (0 and 4 are not offered). */
export type OpenNdsLevel = 1 | 2 | 3;

// Plenty for every observed payload (~500 bytes plain, ~1 KB after double base64 of the ciphertext).
const MAX_FAS_CHARS = 8192;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const PRINTABLE = /^[\x20-\x7e]+$/;

/** Strict base64 (padding required, no whitespace), else a refusal: Buffer.from alone skips junk. */
function strictBase64(text: string, what: string): Buffer {
  if (text.length === 0 || !BASE64.test(text)) throw new OpenNdsRefusal(`${what} is not base64`);
  return Buffer.from(text, 'base64');
}

/**
 * The AES-256 key openNDS (PHP `openssl_encrypt`) derives from the faskey: its first 32
 * bytes, NUL-padded when shorter (PARTNERS.md §2.1, LAB.md A.5).
 */
export function aesKeyOf(faskey: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(faskey, 'utf8').copy(key, 0, 0, 32);
  return key;
}

/**
 * Turns the FAS query into the plain `k=v, k=v` payload text.
 * - level 1: `fas` = base64(payload); no `iv`.
 * - levels 2/3: `fas` = base64(base64(AES-256-CBC(payload))), `iv` = 16 ASCII characters used
 *   as the IV bytes (LAB.md A.5: PHP `openssl_encrypt($s, 'aes-256-cbc', $key, 0, $iv)` then
 *   base64 again).
 * A query shaped for another level than the configured one is refused: a level-2 gateway
 * must never accept an unencrypted payload. Every failure is the same `OpenNdsRefusal`.
 * Openly: CBC is malleable; integrity comes from the strict field checks after this step
 * (a changed ciphertext block decrypts to 16 random bytes, which fail the printable check).
 */
export function decodeFasPayload(query: FasQuery, options: { level: OpenNdsLevel; faskey: string }): string {
  // Never percent-encoded on the wire; a '+' turned into ' ' by a form decoder is put back.
  const fas = query.fas?.replace(/ /g, '+');
  if (!fas || fas.length > MAX_FAS_CHARS) throw new OpenNdsRefusal('fas missing or too long');
  let plain: string;
  if (options.level === 1) {
    if (query.iv !== undefined) throw new OpenNdsRefusal('iv sent to a level-1 gateway');
    plain = strictBase64(fas, 'fas').toString('latin1');
  } else {
    const iv = query.iv ?? '';
    if (!/^[0-9A-Fa-f]{16}$/.test(iv)) throw new OpenNdsRefusal('iv missing or malformed');
    const inner = strictBase64(fas, 'fas').toString('latin1');
    const ciphertext = strictBase64(inner, 'inner fas');
    if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) throw new OpenNdsRefusal('ciphertext length');
    try {
      const decipher = createDecipheriv('aes-256-cbc', aesKeyOf(options.faskey), Buffer.from(iv, 'latin1'));
      plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('latin1');
    } catch {
      throw new OpenNdsRefusal('decryption failed');
    }
  }
  if (!PRINTABLE.test(plain)) throw new OpenNdsRefusal('payload is not printable ASCII');
  return plain;
}
