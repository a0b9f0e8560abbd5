import { rhidOf } from './hashes.js';
import type { OpenNdsSettings } from './settings.js';

/** base64("vestibule"): the record's `custom` field, which openNDS logs with the grant. */
const CUSTOM = Buffer.from('vestibule').toString('base64');

/**
 * Levels 1/2: where the browser goes once allowed (LAB.md A.5, PARTNERS.md §2.1):
 * `http://{gatewayAddress}/{authdir}/?tok={rhid}&redir={landing}`. The gateway address
 * and auth directory come from configuration, never from the payload; only `hid`
 * comes from the verified payload.
 */
export function releaseUrl(settings: Pick<OpenNdsSettings, 'gatewayAddress' | 'faskey' | 'authDir'>, hid: string, landing: string): string {
  return `http://${settings.gatewayAddress}/${settings.authDir}/?tok=${rhidOf(hid, settings.faskey)}&redir=${encodeURIComponent(landing)}`;
}

/**
 * Level 3: the authmon record for one grant, `rhid sessionlength uploadrate downloadrate
 * uploadquota downloadquota custom` (minutes, kbit/s, kB; 0 = the gateway's default).
 * authmon passes the fields to `ndsctl auth` through the shell, so every field here is
 * hex, digits or base64.
 */
export function grantRecord(settings: Pick<OpenNdsSettings, 'faskey' | 'sessionMinutes'>, hid: string): { rhid: string; record: string } {
  const rhid = rhidOf(hid, settings.faskey);
  return { rhid, record: `${rhid} ${settings.sessionMinutes} 0 0 0 0 ${CUSTOM}` };
}
