import express, { type Request, type RequestHandler, type Response } from 'express';
import type { IntakeRequest } from '../gateway/dialects/dialect.js';
import { acceptIntake, answerBackChannel, resolveGateway, type GatewayIntakeDeps } from '../gateway/gateway-intake.js';

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
export function intakeRoute(deps: GatewayIntakeDeps): RequestHandler[] {
  // Back-channel bodies are small forms; kept as text so a dialect parses them as strictly as a query.
  const formText = express.text({ type: 'application/x-www-form-urlencoded', limit: '4kb' });

  async function intake(req: Request, res: Response) {
    const resolved = resolveGateway(deps.registry, String(req.params.gatewayId));
    if (req.method === 'GET') {
      const session = await acceptIntake(deps, resolved, describe(req));
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
