import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDeviceQuery } from '../../src/api/compliance/parse-query.js';

const cursors = { open: () => ({ ok: false as const, reason: 'invalid' as const }) };
const outcome = (rawUrl: string) => {
  try {
    return parseDeviceQuery(rawUrl, cursors);
  } catch (error) {
    return { error: (error as Error).message };
  }
};
/** The reading before: a whole WHATWG URL per request. The query must mean the same. */
const viaUrl = (rawUrl: string) => {
  const query = new URL(rawUrl, 'http://query.invalid').search;
  return outcome(`/api/compliance/1.0/devices${query}`);
};

describe('parseDeviceQuery reads the query as a URL parser would', () => {
  const targets = [
    '/api/compliance/1.0/devices?macAddress=001122334455',
    '/api/compliance/1.0/devices?macAddress=00%3A11%3A22%3A33%3A44%3A55',
    '/api/compliance/1.0/devices?macAddress=00-11-22-33-44-55#fragment',
    '/api/compliance/1.0/devices?intuneDeviceId=%7B0f0e0d0c-0b0a-0908-0706-050403020100%7D',
    '/api/compliance/1.0/devices?intuneDeviceId=0f0e0d0c-0b0a-0908-0706-050403020100&&',
    '/api/compliance/1.0/devices?complianceState=noncompliant&pageSize=5',
    '/api/compliance/1.0/devices?complianceState=non+compliant',
    '/api/compliance/1.0/devices?macAddress=00112233%26cursor=x',
    '/api/compliance/1.0/devices?macAddress=a&macAddress=b',
    '/api/compliance/1.0/devices??macAddress=001122334455',
    '/api/compliance/1.0/devices',
    '/api/compliance/1.0/devices?',
    '/api/compliance/1.0/devices?%=1',
  ];
  for (const target of targets) {
    it(target, () => assert.deepEqual(outcome(target), viaUrl(target)));
  }
});
