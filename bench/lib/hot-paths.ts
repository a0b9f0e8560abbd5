import { TEST_GATEWAYS } from '../../test/helpers/test-vestibule.js';

/** The hot paths the comparison measures, built from what the Vestibule target prepared. */
export interface VestibuleInfo {
  url: string;
  control: string;
  store: string;
  token: string;
  apiKey: string;
  redirect: string;
  mac: string;
  deviceId: string;
}

export interface HotPath {
  name: string;
  path: string;
  headers: Record<string, string>;
}

/** Sessions poll, 304 poll, signed redirect, compliance API by MAC and by id (issue #12's table). */
export function hotPaths(info: VestibuleInfo): HotPath[] {
  const auth = { authorization: `Bearer ${info.apiKey}` };
  return [
    { name: 'GET /api/v1/sessions/{token}', path: `/api/v1/sessions/${info.token}`, headers: auth },
    { name: '… If-None-Match → 304', path: `/api/v1/sessions/${info.token}`, headers: { ...auth, 'if-none-match': '"1"' } },
    { name: 'GET /g/{gw} signed redirect', path: info.redirect, headers: {} },
    { name: 'compliance API by MAC', path: `/api/compliance/1.0/devices?macAddress=${info.mac.replaceAll(':', '')}`, headers: auth },
    { name: 'compliance API by id', path: `/api/compliance/1.0/devices?intuneDeviceId=${info.deviceId}`, headers: auth },
    // Cisco ISE asks at every authentication and wants an answer within 200 ms (its MDM API guide).
    {
      name: 'ISE MAC query',
      path: `/ise/${TEST_GATEWAYS.ise.id}/v3/devices/?paging=0&querycriteria=macaddress&value=${info.mac.replaceAll(':', '')}&filter=all`,
      headers: { authorization: `Basic ${Buffer.from(`${TEST_GATEWAYS.ise.id}:${TEST_GATEWAYS.ise.apiKey}`).toString('base64')}` },
    },
  ];
}

/** A Redis key prefix nobody else uses, so parallel runs never share state. */
export function benchRedisEnv(): Record<string, string> {
  return { STORE_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: `bench-${process.pid}-${Date.now()}:` };
}
