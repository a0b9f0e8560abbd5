import { isIP } from 'node:net';
import { normaliseGuid } from '../core/device/guid.js';
import { BadRequestError } from '../errors.js';
import { normaliseMac } from '../core/device/mac-address.js';

/** What a gateway says about the client, validated and normalised. */
export interface ClientAssertion {
  mac: string | null;
  ip: string | null;
  deviceId: string | null;
  sid: string | null;
  url: string | null;
}

export interface RawAssertion {
  mac?: unknown;
  ip?: unknown;
  device?: unknown;
  sid?: unknown;
  url?: unknown;
}

const PRINTABLE = /^[\x20-\x7e]*$/;

function text(value: unknown, name: string, maxLength: number): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new BadRequestError(`${name} must be a string.`, 'invalid_parameter');
  if (value.length > maxLength) throw new BadRequestError(`${name} is longer than ${maxLength} characters.`, 'invalid_parameter');
  return value;
}

/**
 * Validates mac, ip, device, sid and url (the same rules for signed redirects and pushed
 * sessions). At least one of mac and device must identify the client's device.
 */
export function parseClientAssertion(raw: RawAssertion): ClientAssertion {
  const macText = text(raw.mac, 'mac', 32);
  const mac = macText === null ? null : normaliseMac(macText);
  if (mac === undefined) throw new BadRequestError('mac is not a MAC address.', 'invalid_parameter');
  const ip = text(raw.ip, 'ip', 45);
  if (ip !== null && isIP(ip) === 0) throw new BadRequestError('ip is not an IP address.', 'invalid_parameter');
  const deviceText = text(raw.device, 'device', 36);
  const deviceId = deviceText === null ? null : normaliseGuid(deviceText);
  if (deviceId === undefined) throw new BadRequestError('device is not an Intune device ID (GUID).', 'invalid_parameter');
  const sid = text(raw.sid, 'sid', 256);
  if (sid !== null && !PRINTABLE.test(sid)) throw new BadRequestError('sid may contain printable ASCII only.', 'invalid_parameter');
  const url = text(raw.url, 'url', 2048);
  if (url !== null && !PRINTABLE.test(url)) throw new BadRequestError('url may contain printable ASCII only.', 'invalid_parameter');
  if (mac === null && deviceId === null) throw new BadRequestError('mac or device is required.', 'missing_device');
  return { mac, ip, deviceId, sid, url };
}
