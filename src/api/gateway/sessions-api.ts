import type { ErrorRequestHandler, Request, RequestHandler, Response, Router } from 'express';
import type { ReasonCode } from '../../core/compliance/reason-codes.js';
import { BadRequestError } from '../../http/errors.js';
import { jsonBody } from '../../http/json-body.js';
import { sendJson } from '../../http/send-json.js';
import { topicOf, type AccessSessionRepository, type Stored } from '../../core/sessions/access-session-repository.js';
import type { ChangeFeed } from '../../core/store/types.js';
import { parseClientAssertion } from '../../gateway/client-assertion.js';
import type { GatewayRegistry } from '../../gateway/gateway-registry.js';
import { gatewayOf, noSuchSession, requireApiKey } from '../require-api-key.js';
import { sessionView } from './session-view.js';
import { waitForChange } from './wait-for-change.js';

export interface SessionsApiDeps {
  registry: GatewayRegistry;
  sessions: AccessSessionRepository;
  changes: ChangeFeed;
  publicUrl: URL;
  titleOf: (code: ReasonCode) => string;
  now?: () => number;
}

/** A timer may fire a hair early; waking just after the expiry instant means the re-read sees it. */
const EXPIRY_MARGIN_MS = 20;

const PUSH_FIELDS = new Set(['mac', 'ip', 'device', 'sid', 'url']);

/** What runs around every session API route: `before` (rate limits) ahead of it, `after` (error handlers, e.g. the failure budget's count) behind it. */
export interface SessionsApiGuards {
  before: RequestHandler[];
  after: ErrorRequestHandler[];
}

/**
 * PROTOCOL.md §2 and §4: pushed sessions and polling, both for gateways holding a
 * `sessions` key. The routes go straight onto `app` under their full paths, not into a
 * router mounted at /api/v1/sessions: a mounted router is one more level of routing
 * (prefix trimming, its own `next` and restore closures) on every poll, and one more set
 * of closures each held long-poll keeps.
 */
export function mountSessionsApi(app: Pick<Router, 'get' | 'post'>, deps: SessionsApiDeps, guards: SessionsApiGuards): void {
  const now = deps.now ?? Date.now;

  app.post(
    '/api/v1/sessions',
    ...guards.before,
    requireApiKey(deps.registry, 'sessions'),
    ...jsonBody({ limit: '4kb' }),
    async function createPushedSession(req: Request, res: Response) {
      const body: unknown = req.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestError('The body must be a JSON object.', 'invalid_body');
      const unknown = Object.keys(body).filter((key) => !PUSH_FIELDS.has(key));
      if (unknown.length > 0) throw new BadRequestError(`Unknown field: ${unknown[0]!.slice(0, 40)}.`, 'invalid_body');
      const assertion = parseClientAssertion(body);
      const { session } = await deps.sessions.create({
        gatewayId: gatewayOf(res).id,
        via: 'pushed',
        sid: assertion.sid,
        originalUrl: assertion.url,
        // Pushed over the gateway's authenticated back channel: the gateway vouches for the MAC.
        client: { mac: assertion.mac, ip: assertion.ip, macVerified: true },
        assertedDeviceId: assertion.deviceId,
      });
      res.status(201).json({ token: session.token, portalUrl: new URL(`/p/${session.handle}`, deps.publicUrl).href, expiresAt: session.expiresAt });
    },
    ...guards.after,
  );

  /** The session as this gateway may see it, expired if due; another gateway's session answers like none. */
  const current = async (token: string, gatewayId: string): Promise<Stored> => {
    const stored = await deps.sessions.byToken(token);
    if (!stored || stored.session.gatewayId !== gatewayId) throw noSuchSession();
    // An expiry that passed is written first, so the version (the ETag) moves with the answer.
    return deps.sessions.expireIfDue(stored);
  };

  /**
   * The first look of a poll: the record to answer with now, or — when the gateway already
   * has this version and asked to wait — only what the wait needs (version, how long), so
   * ten thousand held polls keep no parsed session each.
   */
  const firstLook = async (token: string, gatewayId: string, known: number | undefined, wait: number) => {
    const stored = await current(token, gatewayId);
    if (wait === 0 || (known ?? stored.version) !== stored.version) return { kind: 'answer' as const, stored };
    // Expiry changes the answer without any write to wake us: hold no longer than until then.
    const untilExpiry = stored.session.status === 'expired' ? Infinity : Math.max(0, Date.parse(stored.session.expiresAt) - now()) + EXPIRY_MARGIN_MS;
    return { kind: 'wait' as const, version: stored.version, holdMs: Math.min(wait * 1000, untilExpiry) };
  };

  const changedSince = async (token: string, version: number) => {
    const reread = await deps.sessions.byToken(token);
    return reread !== undefined && reread.version !== version;
  };

  app.get(
    '/api/v1/sessions/:token',
    ...guards.before,
    requireApiKey(deps.registry, 'sessions', { hideExistence: true }),
    async function pollSession(req: Request, res: Response) {
      const wait = parseWait(req.query.wait);
      const token = String(req.params.token);
      const gatewayId = gatewayOf(res).id;
      const ifNoneMatch = parseIfNoneMatch(req.get('if-none-match'));
      const first = await firstLook(token, gatewayId, ifNoneMatch, wait);
      if (first.kind === 'wait') {
        const waiter = waitForChange(deps.changes, topicOf(token), first.version, first.holdMs, res);
        // Re-read after subscribing: a change between the first read and the subscription is not lost.
        if (await changedSince(token, first.version)) waiter.cancel();
        if (await waiter.ready) return; // the gateway hung up
      }
      const stored = first.kind === 'answer' ? first.stored : await current(token, gatewayId);
      res.set('ETag', `"${stored.version}"`);
      if (ifNoneMatch === stored.version) {
        res.status(304).end();
        return;
      }
      sendJson(res, sessionView(stored.session, stored.version, { now: now(), titleOf: deps.titleOf }));
    },
    ...guards.after,
  );
}

function parseWait(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'string' || !/^\d{1,2}$/.test(value) || Number(value) > 30) {
    throw new BadRequestError('wait must be a whole number of seconds from 0 to 30.', 'invalid_wait');
  }
  return Number(value);
}

function parseIfNoneMatch(header: string | undefined): number | undefined {
  const match = header ? /^(?:W\/)?"(\d{1,12})"$/.exec(header.trim()) : null;
  return match ? Number(match[1]) : undefined;
}
