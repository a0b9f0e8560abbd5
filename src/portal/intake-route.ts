import express, { type Request, type RequestHandler, type Response } from 'express';
import type { IntakeRequest } from '../gateway/dialects/dialect.js';
import { acceptIntake, answerBackChannel, resolveGateway, type GatewayIntakeDeps } from '../gateway/gateway-intake.js';
import { DomainError, InvalidInputError, RefusedError } from '../core/errors.js';

/** One refused redirect, for the log and the metric: never shown to the person. */
export interface IntakeRefusal {
  /** The configured gateway's id, or `unknown` (an id not configured; keeps the metric's labels bounded). */
  gateway: string;
  /** The dialect's code: `link_invalid`, `link_expired`, `link_replayed`, or an input code. */
  reason: string;
  /** What the dialect measured, e.g. `skewSeconds` for `link_expired`. */
  facts: Readonly<Record<string, number | string>>;
}

/** The request as a dialect sees it: plain data, the query exactly as sent, the TCP peer. */
function describe(req: Request): IntakeRequest {
  const question = req.originalUrl.indexOf('?');
  return {
    method: req.method,
    path: req.path,
    rawQuery: question === -1 ? '' : req.originalUrl.slice(question + 1),
    formBody: typeof req.body === 'string' ? req.body : undefined,
    remoteAddress: req.socket.remoteAddress,
  };
}

/**
 * `/g/{gatewayId}` and `/g/{gatewayId}/`: where a gateway sends the browser (GET) and,
 * for dialects that have one, where the gateway itself calls back (POST, e.g. openNDS's
 * authmon). The gateway's dialect verifies; a verified GET becomes an access session and
 * a `303` to `/p/{handle}`, so the gateway's parameters leave the address bar.
 */
export function intakeRoute(deps: GatewayIntakeDeps, options: { limit?: RequestHandler; refused?: (refusal: IntakeRefusal) => void } = {}): RequestHandler[] {
  // Back-channel bodies are small forms; kept as text so a dialect parses them as strictly as a query.
  const formText = express.text({ type: 'application/x-www-form-urlencoded', limit: '4kb' });

  async function intake(req: Request, res: Response) {
    const resolved = resolveGateway(deps.registry, String(req.params.gatewayId));
    if (req.method === 'GET') {
      let session;
      try {
        session = await acceptIntake(deps, resolved, describe(req), {
          // The limit counts per gateway and verified device, so a forged link cannot spend someone else's budget.
          beforeCreate: async ({ assertion }) => {
            if (!options.limit) return;
            res.locals.intakeKey = `${resolved.gateway.id}:${assertion.mac ?? assertion.deviceId ?? assertion.sid ?? ''}`;
            await new Promise<void>((resolve, reject) =>
              options.limit!(req, res, (error?: unknown) =>
                error ? reject(error instanceof Error ? error : new Error('the intake rate limiter failed', { cause: error })) : resolve(),
              ),
            );
          },
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const known = deps.registry.byId(resolved.gateway.id) !== undefined;
        const refusal: IntakeRefusal = { gateway: known ? resolved.gateway.id : 'unknown', reason: error.code, facts: error.facts ?? {} };
        // The log says why (an unknown gateway is named as such); the person's page stays as vague as PROTOCOL.md §1 asks.
        req.log?.warn({ ...refusal, ...(known ? {} : { unknownGatewayId: resolved.gateway.id.slice(0, 64) }) }, 'gateway redirect refused');
        options.refused?.(refusal);
        // A timestamp off by more than the allowed skew: an old link, or a clock to fix on the network's side.
        if (error.code === 'link_expired' && typeof error.facts?.skewSeconds === 'number') throw new RefusedError('link_clock_skew');
        // A malformed field in the gateway's link is nothing the person can fix or go back to: like any bad link, reconnect.
        if (error instanceof InvalidInputError && !error.code.startsWith('link_')) throw new InvalidInputError('link_invalid', error.detail);
        throw error;
      }
      res.redirect(303, `/p/${session.handle}`);
      return;
    }
    if (req.method === 'POST' && resolved.dialect.backChannel) {
      const reply = (await answerBackChannel(deps, resolved, describe(req)))!;
      res.status(reply.status).type(reply.contentType).set('Cache-Control', 'no-store').send(reply.body);
      return;
    }
    // HEAD included: a link prefetcher must not spend a nonce or create a session.
    res
      .status(405)
      .set('Allow', resolved.dialect.backChannel ? 'GET, POST' : 'GET')
      .end();
  }

  return [formText, intake];
}
