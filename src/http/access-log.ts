import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { redactUrl } from './redact-url.js';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request id: in the access log line, in 5xx logs and on the error page as a reference. */
    id: string;
    /** The app's logger, for a handler's own lines (e.g. why a gateway redirect was refused). */
    log?: Logger;
  }
}

/** Paths that are probed every few seconds and would drown the log. */
const QUIET = new Set(['/healthz', '/metrics']);

/**
 * One JSON log line per request when the response finishes or the client goes away:
 * request id, method, *redacted* URL (redact-url.ts), status and duration in ms. Never a
 * header, cookie or raw URL. `finished` is called for every answered request (the request
 * metrics), from the same listener.
 *
 * Replaces pino-http, which built two child loggers per request (serialising the request
 * twice and running the logger's redaction on it) and kept three listeners per response;
 * the profile showed it as the largest single cost on the polling path. The line carries
 * the same `req`/`res`/`responseTime` fields, so log queries keep working.
 */
export function accessLog(logger: Logger, finished: (req: Request, res: Response, seconds: number) => void = () => {}) {
  return function logRequest(req: Request, res: Response, next: NextFunction): void {
    req.id = randomUUID();
    // The shared logger, not a per-request child: a child per request was the cost removed here.
    req.log = logger;
    const started = performance.now();
    // 'close' comes once per response, after 'finish' or when the client hung up first, so
    // one plain listener covers both (no once-wrappers: they add up over held long-polls).
    res.on('close', () => {
      const ms = performance.now() - started;
      // Metrics count answered requests only; a long-poll the gateway ended is not an answer.
      if (res.writableFinished) finished(req, res, ms / 1000);
      if (QUIET.has(req.url)) return;
      const line = {
        req: { id: req.id, method: req.method, url: redactUrl(req.originalUrl) },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(ms),
      };
      // 5xx at error (the error handler logs the cause); a client that hung up first (a gateway ending a long-poll) is normal.
      if (res.statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, res.writableFinished ? 'request completed' : 'request aborted');
    });
    next();
  };
}
