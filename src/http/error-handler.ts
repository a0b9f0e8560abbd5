import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type {} from './access-log.js'; // adds req.id
import { userTextKey } from './domain-errors.js';
import { normalise, toProblem } from './errors.js';
import type { PlainKey } from '../i18n/index.js';
import { pageContext } from './page-context.js';
import { looksLikeSecret } from '../core/sessions/secrets.js';
import { supportFacts } from './support-facts.js';
import { languageLinks } from '../i18n/language-choice.js';

/**
 * Which page explains an error to a person: the title and body keys. Only a 5xx says the
 * fault is ours; a 404 says not found and a 4xx says what was wrong with the request.
 */
function pageFor(code: string, status: number): { heading: PlainKey; body: PlainKey } {
  if (code.startsWith('link_')) return { heading: 'linkInvalid.title', body: userTextKey(code) ?? 'linkInvalid.body' };
  if (status === 429) return { heading: 'tooMany.title', body: 'tooMany.body' };
  if (code === 'idp_unavailable') return { heading: 'signInUnavailable.title', body: 'signInUnavailable.body' };
  if (status === 503) return { heading: 'unavailable.title', body: 'unavailable.body' };
  const known = userTextKey(code);
  if (status >= 500) return { heading: 'error.title', body: 'error.body' };
  if (status === 404) return { heading: 'notFound.title', body: known ?? 'notFound.body' };
  return { heading: status === 400 ? 'badRequest.title' : 'error.title', body: known ?? 'badRequest.body' };
}

const wantsJson = (req: Request) => req.path.startsWith('/api/') || req.path.startsWith('/.well-known/') || req.accepts(['html', 'json']) === 'json';

/**
 * The one error handler. APIs get RFC 9457 problem documents; people get a page in the
 * portal's layout and language. Neither ever carries a stack, a secret or a token; 5xx
 * details go to the log only, with the request id the page shows as a reference.
 */
export function errorHandler(logger: Logger) {
  return function handleError(error: unknown, req: Request, res: Response, _next: NextFunction): void {
    const http = normalise(error);
    if (http.status >= 500) logger.error({ err: http.cause ?? error, reqId: req.id, code: http.code }, 'request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendError(req, res, http);
  };
}

/**
 * Answers with `error` as the error handler would, without logging it: for an answer that
 * is expected and logged elsewhere (the 503 of every request while the store has not
 * answered since the start, src/http/starting-app.ts).
 */
export function sendError(req: Request, res: Response, error: unknown): void {
  const http = normalise(error);
  const { problem, headers } = toProblem(http);
  res.status(problem.status).set(headers).set('Cache-Control', 'no-store');
  if (wantsJson(req)) {
    res.type('application/problem+json').send(JSON.stringify(problem));
    return;
  }
  const page = pageContext(req, res);
  const copy = pageFor(http.code, http.status);
  const segment = /^\/p\/([^/]+)(\/|$)/.exec(req.path)?.[1];
  const handle = segment !== undefined && looksLikeSecret(segment) ? segment : undefined;
  res
    .vary('Accept-Language')
    .vary('Cookie')
    .render('error', {
      ...page,
      // Back to the portal page after switching language; any other failing path (a signed
      // redirect, a typo) is not worth returning to and must not make two refusals differ.
      languages: languageLinks(handle ? `/p/${handle}` : '/'),
      title: page.t(copy.heading),
      heading: page.t(copy.heading),
      message: page.t(copy.body),
      retryUrl: http.status === 503 && handle ? `/p/${handle}` : null,
      // A 5xx is ours to investigate: its request id (first 8 characters) finds the log line.
      // 4xx pages carry no per-request facts, so refusals that must look alike stay identical.
      support:
        http.status >= 500
          ? supportFacts({ requestId: (typeof req.id === 'string' ? req.id : JSON.stringify(req.id)).slice(0, 8), now: Date.now(), language: page.lang })
          : null,
    });
}
