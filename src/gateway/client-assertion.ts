import { isIP } from 'node:net';
import { normaliseGuid } from '../core/device/guid.js';
import { InvalidInputError } from '../core/errors.js';
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
  if (typeof value !== 'string') throw new InvalidInputError('invalid_parameter', `${name} must be a string.`);
  if (value.length > maxLength) throw new InvalidInputError('invalid_parameter', `${name} is longer than ${maxLength} characters.`);
  return value;
}

/**
 * Validates mac, ip, device, sid and url (the same rules for signed redirects and pushed
 * sessions). At least one of mac and device must identify the client's device.
 */
export function parseClientAssertion(raw: RawAssertion): ClientAssertion {
  const macText = text(raw.mac, 'mac', 32);
  const mac = macText === null ? null : normaliseMac(macText);
  if (mac === undefined) throw new InvalidInputError('invalid_parameter', 'mac is not a MAC address.');
  const ip = text(raw.ip, 'ip', 45);
  if (ip !== null && isIP(ip) === 0) throw new InvalidInputError('invalid_parameter', 'ip is not an IP address.');
  const deviceText = text(raw.device, 'device', 36);
  const deviceId = deviceText === null ? null : normaliseGuid(deviceText);
  if (deviceId === undefined) throw new InvalidInputError('invalid_parameter', 'device is not an Intune device ID (GUID).');
  const sid = text(raw.sid, 'sid', 256);
  if (sid !== null && !PRINTABLE.test(sid)) throw new InvalidInputError('invalid_parameter', 'sid may contain printable ASCII only.');
  const url = text(raw.url, 'url', 2048);
  if (url !== null && !PRINTABLE.test(url)) throw new InvalidInputError('invalid_parameter', 'url may contain printable ASCII only.');
  if (mac === null && deviceId === null) throw new InvalidInputError('missing_device', 'mac or device is required.');
  return { mac, ip, deviceId, sid, url };
}
