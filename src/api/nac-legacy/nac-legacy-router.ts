import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { ComplianceProvider } from '../../core/compliance/types.js';
import { normaliseMac } from '../../core/device/mac-address.js';
import type { GatewayRegistry } from '../../gateway/gateway-registry.js';
import { lookUpDevice } from '../compliance/device-lookup.js';
import { BadRequestError, toProblem } from '../../http/errors.js';
import { requireApiKey } from '../require-api-key.js';
import { toLegacyNacDevice } from './legacy-device.js';

export interface NacLegacyDeps {
  registry: GatewayRegistry;
  provider: ComplianceProvider;
  /** GRACE_PERIOD_ALLOWS: whether an inGracePeriod device answers `complianceState: true`. */
  graceAllows: boolean;
  /** Rate limit per API key, before authentication (the compliance API's, RATE_LIMIT_COMPLIANCE_API); its 429 is a problem document here too. */
  limit?: RequestHandler;
}

const VERSIONS = new Set(['1.1', '1.3']);
const KNOWN = new Set(['querycriteria', 'value', 'api-version', 'paging']);
const bad = (message: string) => new BadRequestError(message, 'invalid_parameter');

/**
 * Intune's retired NAC API (NACAPIService) for clients built against it, such as
 * Forescout's Intune Connect app: mount at `/nac/StatelessNACService`. One route,
 * `GET /devices/?querycriteria=macaddress&value={mac}&api-version=1.1|1.3`, parameters in
 * any order, the MAC in any notation (the app sends 12 lower-case hex digits), often no
 * Accept header: the answer is always JSON. Bearer key with the `compliance` scope.
 */
export function nacLegacyRouter(deps: NacLegacyDeps): Router {
  const router = Router({ caseSensitive: false, strict: false });
  if (deps.limit) router.use(deps.limit);
  router.use(requireApiKey(deps.registry, 'compliance'));

  router.get('/devices', async function answerLegacyQuery(req: Request, res: Response) {
    const mac = parseLegacyQuery(req.originalUrl);
    const device = await lookUpDevice(deps.provider, { by: 'mac', mac });
    const state = device?.complianceState;
    const compliant = state === 'compliant' || (state === 'inGracePeriod' && deps.graceAllows);
    res.set('Cache-Control', 'no-store').json(toLegacyNacDevice(device, { mac, compliant }));
  });

  // These clients send no Accept header: errors are problem+json here, never the people's error page.
  router.use(function legacyErrors(error: unknown, _req: Request, res: Response, next: NextFunction) {
    if (res.headersSent) return next(error);
    const { problem, headers } = toProblem(error);
    if (problem.status >= 500 && problem.status !== 503) return next(error);
    res.status(problem.status).set(headers).set('Cache-Control', 'no-store').type('application/problem+json').send(JSON.stringify(problem));
  });
  return router;
}

/** The MAC a legacy query asks about; a 400 naming the parameter for anything else. */
export function parseLegacyQuery(rawUrl: string): string {
  const params = new Map<string, string>();
  for (const [rawName, value] of new URL(rawUrl, 'http://query.invalid').searchParams) {
    const name = rawName.toLowerCase();
    if (!KNOWN.has(name)) throw bad(`Unknown query parameter "${rawName.slice(0, 40)}".`);
    if (params.has(name)) throw bad(`Query parameter "${name}" is given more than once.`);
    if (value.length > 64) throw bad(`Query parameter "${name}" is too long.`);
    params.set(name, value);
  }
  const version = params.get('api-version');
  if (!version || !VERSIONS.has(version)) throw bad('Query parameter "api-version" must be 1.1 or 1.3.');
  if (params.get('querycriteria')?.toLowerCase() !== 'macaddress') throw bad('Query parameter "querycriteria" must be "macaddress".');
  const paging = params.get('paging');
  if (paging !== undefined && paging !== '0') throw bad('Query parameter "paging" must be 0.');
  const mac = normaliseMac(params.get('value') ?? '');
  if (!mac) throw bad('Query parameter "value" is not a MAC address.');
  return mac;
}
