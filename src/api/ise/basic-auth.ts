import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../../http/errors.js';
import type { Gateway, GatewayRegistry } from '../../gateway/gateway-registry.js';

/** The challenge ISE (and any Basic client) expects on a refused call (RFC 7617). */
export const BASIC_CHALLENGE = 'Basic realm="vestibule"';

/** A 401 that carries the Basic challenge; the ISE router answers it as short plain text. */
export function basicUnauthorized(): HttpError {
  const error = new HttpError(401, 'unauthorized', 'Authentication required.');
  error.headers['WWW-Authenticate'] = BASIC_CHALLENGE;
  return error;
}

/** `Authorization: Basic base64(user:password)` → its two parts (RFC 7617); anything else → undefined. */
export function basicCredentials(req: Request): { user: string; password: string } | undefined {
  const header = req.get('authorization');
  if (!header || header.length > 1024) return undefined;
  const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(header.trim());
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * ISE's MDM API authenticates with HTTP Basic: the user name is the gateway id, the
 * password one of its API keys, and the gateway must have the `ise` scope. With
 * `pathGateway`, the id in the URL (the api_path we issued) must be that gateway too.
 * Every failure is the same 401 with the Basic challenge: no hint which part was wrong.
 * The authenticated gateway lands in `res.locals.gateway`.
 */
export function requireIseGateway(registry: GatewayRegistry, options: { pathGateway?: (req: Request) => string } = {}) {
  return function authenticateIse(req: Request, res: Response, next: NextFunction): void {
    const credentials = basicCredentials(req);
    // The key lookup compares digests of every key in constant time; the id check follows it.
    const gateway = credentials ? registry.byApiKey(credentials.password) : undefined;
    const ok =
      gateway !== undefined &&
      gateway.id === credentials!.user &&
      gateway.scopes.has('ise') &&
      (!options.pathGateway || options.pathGateway(req) === gateway.id);
    if (!ok) throw basicUnauthorized();
    res.locals.gateway = gateway;
    next();
  };
}

export function iseGatewayOf(res: Response): Gateway {
  const gateway = res.locals.gateway as Gateway | undefined;
  if (!gateway) throw new Error('requireIseGateway must run before this handler');
  return gateway;
}
