import { RefusedError } from '../../../core/errors.js';
import { decisionOf } from '../../../core/sessions/access-session.js';
import type { Dialect } from '../dialect.js';
import { AuthmonQueue } from './authmon-queue.js';
import { answerAuthmon } from './authmon-reply.js';
import { readFasIntake } from './read-intake.js';
import { OpenNdsRefusal } from './refusal.js';
import { grantRecord, releaseUrl } from './release.js';
import { openNdsSettings, type OpenNdsSettings } from './settings.js';

export type { OpenNdsSettings } from './settings.js';

/** A level-3 grant authmon never collects (gateway gone, client left) is dropped after this long. */
export const AUTHMON_GRANT_TTL_MS = 10 * 60_000;

/**
 * openNDS 9.x as a Forwarding Authentication Service (docs/gateways/opennds.md; wire facts
 * in LAB.md A.5 and PARTNERS.md §2.1, proven against the real Debian 9.10 in
 * test/interop/opennds.test.ts).
 * - intake `GET /g/{id}/?fas=…[&iv=…]`: level 1 base64, levels 2/3 AES-256-CBC under the
 *   faskey; every failure is the same `link_invalid` refusal with no detail (a detail would
 *   tell padding failures apart: an oracle). MAC verified at levels 2/3 only.
 * - back channel `POST /g/{id}/`: authmon's poll, level 3 only.
 * - release: levels 1/2 send the browser to the gateway's auth URL with `tok=rhid`;
 *   level 3 queues one grant per session for authmon (guarded by a claim).
 */
export const openNdsDialect: Dialect<OpenNdsSettings> = {
  name: 'opennds',
  settings: openNdsSettings,

  async intake(request, gateway, services) {
    const settings = gateway.settings;
    try {
      const client = readFasIntake(request.rawQuery, settings);
      services.logger?.info({ gateway: gateway.id, dialect: 'opennds', level: settings.level, macVerified: settings.level !== 1 }, 'openNDS intake');
      return { assertion: { mac: client.mac, ip: client.ip, deviceId: null, sid: client.hid, url: client.originUrl }, macVerified: settings.level !== 1 };
    } catch (error) {
      if (!(error instanceof OpenNdsRefusal)) throw error;
      // Which step failed goes to the server log only; the client gets one answer for all.
      services.logger?.warn({ gateway: gateway.id, dialect: 'opennds', level: settings.level, refused: error.detail }, 'openNDS intake refused');
      throw new RefusedError('link_invalid');
    }
  },

  async backChannel(request, gateway, services) {
    if (gateway.settings.level !== 3) return { status: 405, contentType: 'text/plain', body: '' };
    const queue = new AuthmonQueue(services.atomic, AUTHMON_GRANT_TTL_MS);
    const reply = await answerAuthmon(new URLSearchParams(request.formBody ?? ''), { gatewayId: gateway.id, gatewayName: gateway.settings.gatewayName, queue });
    const level = reply.status !== 200 ? 'warn' : reply.count === 0 && reply.action === 'view' ? 'debug' : 'info';
    services.logger?.[level]({ gateway: gateway.id, dialect: 'opennds', authmon: reply.action, count: reply.count, status: reply.status }, 'openNDS authmon');
    return { status: reply.status, contentType: 'text/plain', body: reply.body };
  },

  async release(session, gateway, services) {
    const settings = gateway.settings;
    if (decisionOf(session) !== 'allow' || !session.sid) return { kind: 'none' };
    if (settings.level !== 3) {
      // Default landing: our own result page, marked so it shows "connected" without releasing again.
      const landing = settings.landingUrl?.href ?? new URL(`/p/${session.handle}?connected=1`, services.publicUrl).href;
      return { kind: 'redirect', url: releaseUrl(settings, session.sid, landing) };
    }
    const marker = `opennds:released:${session.token}`;
    const claim = await services.atomic.claim(marker, '1', Math.max(1000, Date.parse(session.expiresAt) - services.now()));
    if (claim.claimed) {
      const { rhid, record } = grantRecord(settings, session.sid);
      try {
        await new AuthmonQueue(services.atomic, AUTHMON_GRANT_TTL_MS).enqueue(gateway.id, rhid, record);
      } catch (error) {
        await services.atomic.release(marker, '1');
        throw error;
      }
    }
    return { kind: 'notified' };
  },
};
