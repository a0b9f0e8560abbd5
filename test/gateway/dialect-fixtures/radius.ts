import assert from 'node:assert/strict';
import type { IntakeRequest } from '../../../src/gateway/dialects/dialect.js';
import { RADIUS_CONTEXTS, RadiusSessions, type RadiusContext } from '../../../src/gateway/dialects/radius/radius-sessions.js';
import type { DialectFixture } from './fixture.js';

const NAS_SECRET = 'Hk4#nQ8w!Rz2mT6yV9bX3cJ7-radius-contract-nas';
const get = (path: string, query: string): IntakeRequest => ({ method: 'GET', path, rawQuery: query, formBody: undefined, remoteAddress: '127.0.0.1' });

/**
 * The radius dialect has no browser intake: its sessions come from POST
 * /api/radius/v1/authorize (RadiusSessions), and its release is a CoA to the NAS. The NAS
 * here is a closed local port, so the CoA (sent in the background) simply goes unanswered.
 */
export const radiusFixture: DialectFixture = {
  entry: {
    id: 'contract-radius',
    name: 'Contract radius',
    dialect: 'radius',
    apiKeys: [],
    scopes: ['radius'],
    radius: {
      nas: [{ address: '127.0.0.1', secret: NAS_SECRET, coaPort: 9 }],
      coa: { kind: 'reauthenticate', timeoutMs: 100, attempts: 1 },
      quarantineAttributes: [{ name: 'reply:Cisco-AVPair', value: 'url-redirect={portalUrl}' }],
    },
  },
  sessionWithoutIntake: async ({ sessions, services, gateway }) => {
    const radiusSessions = new RadiusSessions({
      sessions,
      index: services.stores.namespace<string>('radius-device-session'),
      contexts: services.stores.namespace<RadiusContext>(RADIUS_CONTEXTS),
      ttlMs: 3_600_000,
      now: () => services.now(),
    });
    const request = {
      userName: 'a4b1c2d3e4f5',
      callingStationId: 'A4-B1-C2-D3-E4-F5',
      nasIpAddress: '127.0.0.1',
      nasIdentifier: undefined,
      nasPort: '50101',
      nasPortId: undefined,
      acctSessionId: undefined,
      framedIpAddress: undefined,
      certificateSan: undefined,
    };
    // A fresh device each time: one open session per device is the point of RadiusSessions.
    return radiusSessions.portalSessionFor(
      gateway.id,
      {
        mac: `A4B1C2${Math.floor(Math.random() * 0xffffff)
          .toString(16)
          .toUpperCase()
          .padStart(6, '0')}`,
        deviceId: null,
      },
      request,
    );
  },
  tamperedIntakes: (gateway) => [
    { what: 'a browser arriving at /g/{id} (radius has no browser intake)', request: get(`/g/${gateway.id}`, 'mac=a4-b1-c2-d3-e4-f5&ip=10.0.0.2') },
    { what: 'no parameters at all', request: get(`/g/${gateway.id}`, '') },
  ],
  checkRelease(release) {
    assert.deepEqual(release, { kind: 'notified' });
  },
};
