import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { aesKeyOf } from '../../src/gateway/dialects/opennds/decode-payload.js';
import { openNdsUrlEncode } from '../../src/gateway/dialects/opennds/hashes.js';

/**
 * Builds FAS query strings exactly as openNDS 9.10 does (LAB.md A.5): the payload text,
 * level 1 base64, levels 2/3 base64(base64(AES-256-CBC)) with a 16-hex-char IV. The real
 * gateway is exercised in test/interop/opennds.test.ts; this is for fast unit and flow tests.
 */
export function openNdsPayload(fields: { hid?: string; clientip?: string; clientmac?: string; gatewayname: string; extra?: string }): string {
  const hid = fields.hid ?? createHash('sha256').update(randomBytes(4).toString('hex')).digest('hex');
  return [
    `hid=${hid}`,
    `clientip=${fields.clientip ?? '198.51.100.2'}`,
    `clientmac=${fields.clientmac ?? 'a4:b1:c2:d3:e4:f5'}`,
    'client_type=cpd_can',
    `gatewayname=${openNdsUrlEncode(fields.gatewayname)}`,
    'gatewayurl=http%3a%2f%2f198.51.100.1',
    'version=9.10.0',
    'gatewayaddress=198.51.100.1:2050',
    'gatewaymac=020000000101',
    'authdir=opennds_auth',
    'originurl=http%3a%2f%2f192.0.2.10%2fsome%2fpage%3fx%3d1',
    'clientif=gw-lan',
    `themespec=(null)${fields.extra ?? ''}`,
    '(null)(null)(null)(null)',
  ].join(', ');
}

export function hidOf(payload: string): string {
  return /hid=([0-9a-f]{64})/.exec(payload)![1]!;
}

/** `fas=…` for level 1. */
export function level1Query(payload: string): string {
  return `fas=${Buffer.from(payload).toString('base64')}`;
}

/** `fas=…&iv=…` for levels 2/3, as PHP openssl_encrypt(…, 0, $iv) then base64 again. */
export function level2Query(
  payload: string,
  faskey: string,
  iv = createHash('sha256').update(randomBytes(8).toString('base64')).digest('hex').slice(0, 16),
): string {
  const cipher = createCipheriv('aes-256-cbc', aesKeyOf(faskey), Buffer.from(iv, 'latin1'));
  const once = Buffer.concat([cipher.update(payload, 'latin1'), cipher.final()]).toString('base64');
  return `fas=${Buffer.from(once).toString('base64')}&iv=${iv}`;
}
