import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { BadRequestError, ForbiddenError } from '../errors.js';
import type { AccessSessionRepository } from '../core/sessions/access-session-repository.js';
import type { AtomicStore } from '../core/store/types.js';
import { parseClientAssertion, type ClientAssertion } from './client-assertion.js';
import { GATEWAY_ID, type GatewayRegistry } from './gateway-registry.js';
import { parseSignedQuery } from './signed-query.js';
import { signatureMatches } from './verify-signature.js';

export interface RedirectIntakeDeps {
  registry: GatewayRegistry;
  sessions: AccessSessionRepository;
  atomic: AtomicStore;
  maxSkewSeconds: number;
  /** Rate limit run once the link is known authentic (it may key on the signed gateway and MAC). */
  limit?: RequestHandler;
  now?: () => number;
}

interface IntakeState {
  gatewayId: string;
  params: Map<string, string>;
  assertion?: ClientAssertion;
}

// Unknown gateway and bad signature must be indistinguishable: one error for both.
const notAuthentic = () => new ForbiddenError('This sign-in link is not valid.', 'link_invalid');

/**
 * GET /g/{gatewayId}: a gateway's signed redirect. Each step is a named function, so the
 * handler reads as the checklist it is; everything that can be refused is refused before
 * the store is touched, and nothing is stored for a refused request.
 */
export function redirectIntake(deps: RedirectIntakeDeps) {
  const now = deps.now ?? Date.now;
  const state = (res: Response) => res.locals.intake as IntakeState;

  function refuseHead(req: Request, res: Response, next: NextFunction) {
    // express answers HEAD with the GET handler; a link prefetcher must not spend a nonce or create a session.
    if (req.method === 'HEAD') {
      res.status(405).set('Allow', 'GET').end();
      return;
    }
    next();
  }

  function readQuery(req: Request, res: Response, next: NextFunction) {
    res.locals.intake = { gatewayId: String(req.params.gatewayId), params: parseSignedQuery(req.originalUrl) } satisfies IntakeState;
    next();
  }

  function checkSignature(_req: Request, res: Response, next: NextFunction) {
    const { gatewayId, params } = state(res);
    const gateway = GATEWAY_ID.test(gatewayId) ? deps.registry.byId(gatewayId) : undefined;
    const sig = params.get('sig');
    // Verify against a throwaway secret when the gateway is unknown so timing matches too.
    const secrets = gateway?.secrets ?? [Buffer.alloc(32)];
    if (!sig || !signatureMatches(secrets, gatewayId, params, sig) || !gateway) throw notAuthentic();
    next();
  }

  function checkTimestamp(_req: Request, res: Response, next: NextFunction) {
    const ts = state(res).params.get('ts') ?? '';
    if (!/^\d{1,12}$/.test(ts)) throw notAuthentic();
    const skew = Math.abs(now() / 1000 - Number(ts));
    if (skew > deps.maxSkewSeconds) throw new ForbiddenError('This sign-in link has expired.', 'link_expired');
    next();
  }

  function readAssertion(_req: Request, res: Response, next: NextFunction) {
    const { params } = state(res);
    const nonce = params.get('nonce');
    if (nonce !== undefined && !/^[A-Za-z0-9_-]{8,128}$/.test(nonce)) throw new BadRequestError('nonce is malformed.', 'link_invalid');
    state(res).assertion = parseClientAssertion(Object.fromEntries(params));
    next();
  }

  async function spendNonce(_req: Request, res: Response, next: NextFunction) {
    const { gatewayId, params } = state(res);
    const nonce = params.get('nonce');
    if (nonce !== undefined) {
      // Remember the nonce for as long as its timestamp could still be accepted.
      const claim = await deps.atomic.claim(`nonce:${gatewayId}:${nonce}`, '1', 2 * deps.maxSkewSeconds * 1000 + 1000);
      if (!claim.claimed) throw new ForbiddenError('This sign-in link was already used.', 'link_replayed');
    }
    next();
  }

  // A link without a nonce may be opened again (the contract allows it), but each opening must
  // not mint a session: the same signed link leads to the same session for as long as its
  // timestamp is accepted. Concurrent first openings may race; the loser follows the winner.
  const linkKey = (gatewayId: string, params: Map<string, string>) => `link:${gatewayId}:${createHash('sha256').update(params.get('sig') ?? '').digest('base64url')}`;

  async function reuseNonceLessLink(_req: Request, res: Response, next: NextFunction) {
    const { gatewayId, params } = state(res);
    if (params.has('nonce')) return next();
    const earlier = await deps.atomic.read<string>(linkKey(gatewayId, params));
    if (earlier && (await deps.sessions.byHandle(earlier.value))) {
      res.redirect(303, `/p/${earlier.value}`);
      return;
    }
    next();
  }

  async function createSession(_req: Request, res: Response) {
    const { gatewayId, assertion, params } = state(res);
    const { session } = await deps.sessions.create({
      gatewayId,
      via: 'redirect',
      sid: assertion!.sid,
      originalUrl: assertion!.url,
      client: { mac: assertion!.mac, ip: assertion!.ip },
      assertedDeviceId: assertion!.deviceId,
    });
    if (!params.has('nonce')) {
      const key = linkKey(gatewayId, params);
      if (!(await deps.atomic.compareAndSet(key, 0, session.handle, 2 * deps.maxSkewSeconds * 1000 + 1000))) {
        const winner = await deps.atomic.read<string>(key);
        if (winner) return res.redirect(303, `/p/${winner.value}`);
      }
    }
    res.redirect(303, `/p/${session.handle}`);
  }

  const limit: RequestHandler = deps.limit ?? ((_req, _res, next) => next());
  return [refuseHead, readQuery, checkSignature, checkTimestamp, limit, readAssertion, spendNonce, reuseNonceLessLink, createSession];
}
