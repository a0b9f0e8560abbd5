import { isIP } from 'node:net';
import { normaliseMac } from '../../../core/device/mac-address.js';
import { openNdsUrlEncode } from './hashes.js';
import { OpenNdsRefusal } from './refusal.js';

/** The client as an openNDS payload describes it, after every check. */
export interface FasClient {
  /** sha256 hex of the client's gateway token; the session reference (`sid`). */
  hid: string;
  ip: string;
  /** Canonical 12 upper-case hex digits. */
  mac: string;
  /** The page the person first asked for, decoded: shown as text, never a redirect target. */
  originUrl: string | null;
}

// Keys openNDS 9.10 sends (PARTNERS.md §2.1, LAB.md A.5) are lower-case words; custom parameters too.
const KEY = /^[a-z][a-z0-9_]{0,31}$/;
// The unset custom-parameter lists print as "(null)(null)(null)(null)" after the last pair (LAB.md A.5).
const NULL_TAIL = /^(?:\(null\))+$/;
const MAX_FIELDS = 64;

/** `k=v, k=v, …` into a map; a duplicate key or a part that is neither a pair nor the null tail is refused. */
export function parsePayload(plain: string): Map<string, string> {
  const fields = new Map<string, string>();
  const parts = plain.split(', ');
  if (parts.length > MAX_FIELDS) throw new OpenNdsRefusal('too many fields');
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (NULL_TAIL.test(part) || part === '') continue;
      throw new OpenNdsRefusal('a payload part is not a pair');
    }
    const key = part.slice(0, eq);
    if (!KEY.test(key) || fields.has(key)) throw new OpenNdsRefusal('bad or duplicate key');
    fields.set(key, part.slice(eq + 1));
  }
  return fields;
}

/** Decodes openNDS's `%xx` text; a malformed escape is a refusal, not an exception. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new OpenNdsRefusal('bad percent-encoding');
  }
}

/**
 * Checks every field Vestibule uses, strictly: `hid` 64 lower-case hex, `clientip` an IP,
 * `clientmac` a MAC, `gatewayname` exactly the configured name in openNDS's URL encoding,
 * `authdir` (when sent) the configured one, `originurl` printable and bounded. Anything else fails
 * with the one refusal. Other keys (client_type, version, themespec, custom parameters)
 * are tolerated and ignored.
 */
export function readFasClient(fields: Map<string, string>, expected: { gatewayName: string; authDir: string }): FasClient {
  const hid = fields.get('hid') ?? '';
  if (!/^[0-9a-f]{64}$/.test(hid)) throw new OpenNdsRefusal('hid');
  const ip = fields.get('clientip') ?? '';
  if (isIP(ip) === 0) throw new OpenNdsRefusal('clientip');
  const mac = normaliseMac(fields.get('clientmac') ?? '');
  if (!mac) throw new OpenNdsRefusal('clientmac');
  if (fields.get('gatewayname') !== openNdsUrlEncode(expected.gatewayName)) throw new OpenNdsRefusal('gatewayname');
  // Sent at levels 2/3 only; the release uses the configured one, so a different one is a misconfiguration or a forgery.
  const authdir = fields.get('authdir');
  if (authdir !== undefined && authdir !== expected.authDir) throw new OpenNdsRefusal('authdir');
  const origin = fields.get('originurl');
  const originUrl = origin === undefined || origin === '' ? null : decoded(origin);
  if (originUrl !== null && (originUrl.length > 2048 || !/^[\x20-\x7e]+$/.test(originUrl))) throw new OpenNdsRefusal('originurl');
  return { hid, ip, mac, originUrl };
}
