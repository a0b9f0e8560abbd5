import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../http/errors.js';
import type { Gateway, GatewayRegistry, Scope } from '../gateway/gateway-registry.js';

/** The one answer for "no such session", whatever the real cause: no existence or key oracle. */
export const noSuchSession = () => new NotFoundError('No such session.', 'no_such_session');

/** Reads `Authorization: Bearer <key>`; anything else is "no key". */
export function bearerKey(req: Request): string | undefined {
  const header = req.get('authorization');
  if (!header || header.length > 512) return undefined;
  const match = /^Bearer ([A-Za-z0-9\-._~+/=]{1,400})$/.exec(header);
  return match?.[1];
}

/**
 * Authenticates a gateway's back-channel call and checks its scope; the gateway lands in
 * `res.locals.gateway`. With `hideExistence`, every failure looks like "not found", so a
 * caller without a valid key learns nothing about which tokens exist.
 */
export function requireApiKey(registry: GatewayRegistry, scope: Scope, options: { hideExistence?: boolean } = {}) {
  return function authenticateGateway(req: Request, res: Response, next: NextFunction): void {
    const key = bearerKey(req);
    const gateway = key ? registry.byApiKey(key) : undefined;
    if (!gateway) {
      if (options.hideExistence && key) throw noSuchSession();
      throw new UnauthorizedError();
    }
    if (!gateway.scopes.has(scope)) {
      if (options.hideExistence) throw noSuchSession();
      throw new ForbiddenError(`This key may not call the ${scope} API.`, 'scope_missing');
    }
    res.locals.gateway = gateway;
    next();
  };
}

export function gatewayOf(res: Response): Gateway {
  const gateway = res.locals.gateway as Gateway | undefined;
  if (!gateway) throw new Error('requireApiKey must run before this handler');
  return gateway;
}
