import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { ComplianceProvider } from '../../core/compliance/types.js';
import { BadRequestError, ForbiddenError } from '../../http/errors.js';
import { InvalidAccessRequestError, readAccessRequest } from '../../gateway/dialects/radius/access-request.js';
import { identify } from './radius-identity.js';
import { restAnswer } from '../../gateway/dialects/radius/rest-answer.js';
import type { RadiusSessions } from '../../gateway/dialects/radius/radius-sessions.js';
import { radiusVerdict, type RadiusDecision } from '../../gateway/dialects/radius/radius-verdict.js';
import type { GatewayRegistry } from '../../gateway/gateway-registry.js';
import type { Gateway } from '../../gateway/gateway.js';
import { radiusDialect, type RadiusSettings } from '../../gateway/dialects/radius/index.js';
import { gatewayOf, requireApiKey } from '../require-api-key.js';
import { jsonBody } from '../../http/json-body.js';

export interface RadiusApiDeps {
  registry: GatewayRegistry;
  provider: ComplianceProvider;
  radiusSessions: RadiusSessions;
  publicUrl: URL;
  graceAllows: boolean;
  logger: Logger;
  /** How long the provider may take before the answer is the fail-closed one; below rlm_rest's own timeout. */
  lookupBudgetMs?: number;
  now?: () => number;
}

/**
 * `POST /api/radius/v1/authorize` (mount at `/api/radius`): FreeRADIUS's rlm_rest asks
 * about one Access-Request (`body = 'json'`) with a `radius`-scope gateway key, and gets
 * 200 with an answer in rlm_rest's own attribute format: `control:Vestibule-Verdict`
 * (accept, quarantine or reject) plus the gateway's attribute set. Any failure behind the
 * decision (provider, store) is answered with the gateway's `failClosed` verdict, never
 * accept. Bad requests get a 400 problem, which rlm_rest reports as `invalid` and the
 * shipped policy rejects.
 */
export function radiusApi(deps: RadiusApiDeps): Router {
  const router = Router();
  const now = deps.now ?? Date.now;

  router.post('/v1/authorize', requireApiKey(deps.registry, 'radius'), ...jsonBody({ limit: '32kb' }), async function authorize(req: Request, res: Response) {
    const gateway = gatewayOf(res);
    if (gateway.dialect !== radiusDialect.name) throw new ForbiddenError('This key belongs to a gateway that is not a radius gateway.', 'not_radius_gateway');
    const settings = (gateway as Gateway<RadiusSettings>).settings;
    let request;
    try {
      request = readAccessRequest(req.body);
    } catch (error) {
      if (error instanceof InvalidAccessRequestError) throw new BadRequestError(error.message, 'invalid_access_request');
      throw error;
    }
    const nasIpAddress = request.nasIpAddress;
    // The CoA goes to the NAS that asked; the shipped policy fills NAS-IP-Address from the packet source when a switch leaves it out.
    if (!nasIpAddress) throw new BadRequestError('NAS-IP-Address is required.', 'invalid_access_request');
    const identity = identify(request);

    let decision: RadiusDecision;
    try {
      decision = await radiusVerdict(deps.provider, identity, settings, {
        graceAllows: deps.graceAllows,
        now: now(),
        signal: AbortSignal.timeout(deps.lookupBudgetMs ?? 2000),
      });
    } catch (error) {
      deps.logger.warn({ err: error, gateway: gateway.id, event: 'radius_authorize' }, 'radius: the provider could not answer; fail-closed verdict');
      decision = { verdict: settings.failClosed, why: 'provider_unavailable', deviceId: null };
    }

    let portalUrl: string | undefined;
    if (decision.verdict === 'quarantine') {
      if (identity.kind === 'none') {
        // Neither a MAC nor a usable certificate: there is no device the portal could ever check.
        decision = { ...decision, verdict: 'reject' };
      } else {
        try {
          const session = await deps.radiusSessions.portalSessionFor(
            gateway.id,
            { mac: identity.mac, deviceId: identity.deviceId },
            { ...request, nasIpAddress },
          );
          portalUrl = new URL(`/p/${session.handle}`, deps.publicUrl).href;
        } catch (error) {
          deps.logger.warn({ err: error, gateway: gateway.id, event: 'radius_authorize' }, 'radius: no portal session could be stored; rejecting');
          decision = { verdict: 'reject', why: 'store_unavailable', deviceId: decision.deviceId };
        }
      }
    }
    deps.logger.info(
      {
        event: 'radius_authorize',
        gateway: gateway.id,
        nas: nasIpAddress,
        mac: identity.kind === 'device' ? identity.mac : null,
        device: decision.deviceId,
        verdict: decision.verdict,
        why: decision.why,
      },
      `radius ${decision.verdict}`,
    );
    res.status(200).json(restAnswer(decision.verdict, settings, { why: decision.why, portalUrl }));
  });

  return router;
}
