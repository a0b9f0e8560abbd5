import radius from 'radius';
import { signRequest } from './radius-signing.js';

/** Which session the NAS should act on: the identification attributes RFC 5176 §3 lists. */
export interface CoaTarget {
  /** NAS-IP-Address of the NAS, as it sent it in the Access-Request. */
  nasIpAddress: string;
  /** The client's MAC exactly as the switch wrote it (switches match on their own notation). */
  callingStationId: string | undefined;
  userName: string | undefined;
  acctSessionId: string | undefined;
}

/** Cisco's vendor id and its cisco-avpair attribute (IANA enterprise 9; FreeRADIUS dictionary.cisco). */
const CISCO = 9;
const CISCO_AVPAIR = 1;

/**
 * Encodes a CoA-Request (Cisco `subscriber:command=reauthenticate`, Cisco IOS-XE "RADIUS
 * Change of Authorization" command table) or a Disconnect-Request (RFC 5176 §2.1) for one
 * client session, always with a Message-Authenticator (RFC 5176 §3.5 recommends it; NAS
 * hardening against BlastRADIUS demands it). `identifier` is 0-255; a retransmission must
 * reuse the same one and the same packet.
 */
export function encodeCoa(kind: 'reauthenticate' | 'disconnect', target: CoaTarget, secret: string, identifier: number): Buffer {
  const attributes: unknown[][] = [[/:/.test(target.nasIpAddress) ? 'NAS-IPv6-Address' : 'NAS-IP-Address', target.nasIpAddress]];
  if (target.callingStationId) attributes.push(['Calling-Station-Id', target.callingStationId]);
  if (target.userName) attributes.push(['User-Name', target.userName]);
  if (target.acctSessionId) attributes.push(['Acct-Session-Id', target.acctSessionId]);
  if (kind === 'reauthenticate') attributes.push(['Vendor-Specific', CISCO, [[CISCO_AVPAIR, Buffer.from('subscriber:command=reauthenticate')]]]);
  attributes.push(['Message-Authenticator', Buffer.alloc(16)]);
  const packet = radius.encode({
    code: kind === 'reauthenticate' ? 'CoA-Request' : 'Disconnect-Request',
    secret,
    identifier,
    attributes,
    add_message_authenticator: false,
  });
  return signRequest(packet, secret);
}
