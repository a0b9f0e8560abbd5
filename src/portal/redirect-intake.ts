import type { NextFunction, Request, Response } from 'express';
import { InvalidInputError, RefusedError } from '../core/errors.js';
import type { AccessSessionRepository } from '../core/sessions/access-session-repository.js';
import type { AtomicStore } from '../core/store/types.js';
import { parseClientAssertion, type ClientAssertion } from '../gateway/client-assertion.js';
import { GATEWAY_ID, type GatewayRegistry } from '../gateway/gateway-registry.js';
import { parseSignedQuery } from '../gateway/signed-query.js';
import { signatureMatches } from '../gateway/verify-signature.js';

export interface RedirectIntakeDeps {
  registry: GatewayRegistry;
  sessions: AccessSessionRepository;
  atomic: AtomicStore;
  maxSkewSeconds: number;
  now?: () => number;
}

interface IntakeState {
  gatewayId: string;
  params: Map<string, string>;
  assertion?: ClientAssertion;
}

// Unknown gateway and bad signature must be indistinguishable: one error for both.
const notAuthentic = () => new RefusedError('link_invalid');

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
    if (skew > deps.maxSkewSeconds) throw new RefusedError('link_expired');
    next();
  }

  function readAssertion(_req: Request, res: Response, next: NextFunction) {
    const { params } = state(res);
    const nonce = params.get('nonce');
    if (nonce !== undefined && !/^[A-Za-z0-9_-]{8,128}$/.test(nonce)) throw new InvalidInputError('link_invalid', 'nonce is malformed.');
    state(res).assertion = parseClientAssertion(Object.fromEntries(params));
    next();
  }

  async function spendNonce(_req: Request, res: Response, next: NextFunction) {
    const { gatewayId, params } = state(res);
    const nonce = params.get('nonce');
    if (nonce !== undefined) {
      // Remember the nonce for as long as its timestamp could still be accepted.
      const claim = await deps.atomic.claim(`nonce:${gatewayId}:${nonce}`, '1', 2 * deps.maxSkewSeconds * 1000 + 1000);
      if (!claim.claimed) throw new RefusedError('link_replayed');
    }
    next();
  }

  async function createSession(_req: Request, res: Response) {
    const { gatewayId, assertion } = state(res);
    const { session } = await deps.sessions.create({
      gatewayId,
      via: 'redirect',
      sid: assertion!.sid,
      originalUrl: assertion!.url,
      client: { mac: assertion!.mac, ip: assertion!.ip },
      assertedDeviceId: assertion!.deviceId,
    });
    res.redirect(303, `/p/${session.handle}`);
  }

  return [refuseHead, readQuery, checkSignature, checkTimestamp, readAssertion, spendNonce, createSession];
}
