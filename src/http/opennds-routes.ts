import express, { type NextFunction, type Request, type Response } from 'express';
import type { AccessSession } from '../core/sessions/access-session.js';
import type { AccessSessionRepository } from '../core/sessions/access-session-repository.js';
import type { AtomicStore } from '../core/store/types.js';
import { ForbiddenError, NotFoundError } from './errors.js';
import { answerAuthmon } from '../gateway/dialects/opennds/authmon-reply.js';
import type { AuthmonQueue } from '../gateway/dialects/opennds/authmon-queue.js';
import { readFasIntake } from '../gateway/dialects/opennds/read-intake.js';
import { OpenNdsRefusal } from '../gateway/dialects/opennds/refusal.js';
import { grantRecord, releaseUrl } from '../gateway/dialects/opennds/release.js';
import { GATEWAY_ID, type Gateway, type GatewayRegistry } from '../gateway/gateway-registry.js';
import type { ReleaseView } from '../portal/render-session.js';

export interface OpenNdsRouteDeps {
  registry: GatewayRegistry;
  sessions: AccessSessionRepository;
  atomic: AtomicStore;
  queue: AuthmonQueue;
  publicUrl: URL;
  /** How long a "this hid already has a session" note lives: the pending lifetime. */
  pendingTtlMs: number;
  now?: () => number;
}

const openNdsGateway = (id: string): ((registry: GatewayRegistry) => (Gateway & { opennds: NonNullable<Gateway['opennds']> }) | undefined) => (registry) => {
  const gateway = GATEWAY_ID.test(id) ? registry.byId(id) : undefined;
  return gateway?.opennds ? (gateway as Gateway & { opennds: NonNullable<Gateway['opennds']> }) : undefined;
};

/**
 * GET /g/{id}/?fas=…[&iv=…] for gateways with `"dialect": "opennds"` (docs/gateways/opennds.md);
 * other gateways fall through to the native intake. Everything that can be refused is
 * refused with one answer before the store is touched. The same `hid` (a reload of the
 * FAS page) lands on the same access session.
 */
export function openNdsIntake(deps: OpenNdsRouteDeps) {
  return async function openNdsFasIntake(req: Request, res: Response, next: NextFunction) {
    const gateway = openNdsGateway(String(req.params.gatewayId))(deps.registry);
    if (!gateway) return next();
    if (req.method === 'HEAD') {
      // A link prefetcher must not create sessions.
      res.status(405).set('Allow', 'GET').end();
      return;
    }
    const settings = gateway.opennds;
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    let client;
    try {
      client = readFasIntake(query, settings);
    } catch (error) {
      if (!(error instanceof OpenNdsRefusal)) throw error;
      req.log.warn({ gateway: gateway.id, dialect: 'opennds', level: settings.level, refused: error.detail }, 'openNDS intake refused');
      throw new ForbiddenError('This sign-in link is not valid.', 'link_invalid');
    }
    const { session } = await deps.sessions.create({
      gatewayId: gateway.id,
      via: 'redirect',
      sid: client.hid,
      originalUrl: client.originUrl,
      client: { mac: client.mac, ip: client.ip, macVerified: settings.level !== 1 },
      assertedDeviceId: null,
      gatewayData: { authdir: client.authdir },
    });
    const first = await deps.atomic.claim(`opennds:hid:${gateway.id}:${client.hid}`, session.handle, deps.pendingTtlMs);
    req.log.info({ gateway: gateway.id, dialect: 'opennds', level: settings.level, macVerified: settings.level !== 1, reused: !first.claimed }, 'openNDS intake');
    res.redirect(303, `/p/${first.value}`);
  };
}

/** POST /g/{id}/: authmon's poll (level 3 gateways only), answered by `answerAuthmon`. */
export function openNdsAuthmon(deps: OpenNdsRouteDeps) {
  const body = express.text({ type: 'application/x-www-form-urlencoded', limit: '16kb' });
  async function authmon(req: Request, res: Response) {
    const gateway = openNdsGateway(String(req.params.gatewayId))(deps.registry);
    if (!gateway || gateway.opennds.level !== 3) throw new NotFoundError();
    const form = new URLSearchParams(typeof req.body === 'string' ? req.body : '');
    const reply = await answerAuthmon(form, { gatewayId: gateway.id, gatewayName: gateway.opennds.gatewayName, queue: deps.queue });
    const level = reply.status === 200 ? (reply.action === 'view' && reply.count === 0 ? 'debug' : 'info') : 'warn';
    req.log[level]({ gateway: gateway.id, dialect: 'opennds', authmon: reply.action, count: reply.count }, 'openNDS authmon');
    res.status(reply.status).type('text/plain').set('Cache-Control', 'no-store').send(reply.body);
  }
  return [body, authmon];
}

/**
 * The portal's release hook for openNDS sessions. Levels 1/2: the browser continues to the
 * gateway's auth URL (not again once it came back through it). Level 3: the grant is queued
 * for authmon exactly once per session (a claim guards it; given back if queueing fails).
 */
export function openNdsRelease(deps: OpenNdsRouteDeps) {
  return async (session: AccessSession, options: { returnedFromGateway: boolean }): Promise<ReleaseView | undefined> => {
    const gateway = openNdsGateway(session.gatewayId)(deps.registry);
    if (!gateway || session.status !== 'allowed' || !session.sid) return undefined;
    const settings = gateway.opennds;
    if (settings.level !== 3) {
      if (options.returnedFromGateway) return {};
      const landing = settings.landingUrl?.href ?? new URL(`/p/${session.handle}?connected=1`, deps.publicUrl).href;
      return { continueUrl: releaseUrl(settings, session.sid, session.gatewayData?.authdir ?? 'opennds_auth', landing) };
    }
    const ttlMs = Math.max(1000, Date.parse(session.expiresAt) - (deps.now ?? Date.now)());
    const claim = await deps.atomic.claim(`opennds:released:${session.token}`, '1', ttlMs);
    if (claim.claimed) {
      const { rhid, record } = grantRecord(settings, session.sid);
      try {
        await deps.queue.enqueue(gateway.id, rhid, record);
      } catch (error) {
        await deps.atomic.release(`opennds:released:${session.token}`, '1');
        throw error;
      }
    }
    return { queued: true };
  };
}
