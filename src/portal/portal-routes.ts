import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { SignIn } from '../auth/sign-in.js';
import type { AccessEvaluation, CertificateClaim } from '../core/visit/evaluate-access.js';
import { MissingError } from '../core/errors.js';
import type { Release } from '../gateway/dialects/dialect.js';
import type { AccessSession } from '../core/sessions/access-session.js';
import { effectiveStatus } from '../core/sessions/access-session.js';
import type { AccessSessionRepository } from '../core/sessions/access-session-repository.js';
import { checkCsrf } from './csrf.js';
import { renderPage, pageContext } from '../http/page-context.js';
import { renderSession } from './render-session.js';

export interface PortalDeps {
  sessions: AccessSessionRepository;
  evaluation: AccessEvaluation;
  /** Hands an allowed session back to its gateway (the gateway's dialect decides how); `none` for anything else. */
  release: (session: AccessSession) => Promise<Release>;
  signIn: SignIn;
  /** What a client certificate forwarded by a trusted TLS proxy claims, if anything. */
  certificate: (req: Request) => CertificateClaim | undefined;
  now?: () => number;
}

const linkGone = () => new MissingError('link_expired');

/**
 * /p/{handle}: the user's pages for one access session. Landing until this browser has
 * signed in *for this session*; after that every visit advances the evaluation and
 * shows where it stands.
 */
export function portalRoutes(deps: PortalDeps): Router {
  const router = Router();
  const now = deps.now ?? Date.now;

  async function loadSession(req: Request): Promise<AccessSession> {
    const stored = await deps.sessions.byHandle(String(req.params.handle));
    if (!stored || effectiveStatus(stored.session, now()) === 'expired') throw linkGone();
    return stored.session;
  }

  const signedInFor = (req: Request, session: AccessSession) => req.user !== undefined && req.session.signedInFor === session.handle;

  // Store and backend failures become the "try again" page (503) in the error handler.
  const advance = (req: Request, session: AccessSession, recheck: boolean) =>
    deps.evaluation.advance(session.token, req.user!, { recheck, certificate: deps.certificate(req) });

  router.get('/:handle', async function showPortal(req: Request, res: Response) {
    const session = await loadSession(req);
    if (!signedInFor(req, session)) {
      const { t } = pageContext(req, res);
      renderPage(req, res, 'portal/landing', 200, { title: t('landing.title'), handle: session.handle });
      return;
    }
    const current = await advance(req, session, false);
    // `?connected=1`: the browser came back through the gateway's release (openNDS landing); don't send it there again.
    renderSession(req, res, current, req.query.connected === '1' ? { kind: 'none' } : await deps.release(current), now());
  });

  router.get('/:handle/sign-in', async function startSignIn(req: Request, res: Response, next: NextFunction) {
    const session = await loadSession(req);
    await deps.signIn.start(req, res, next, session.handle);
  });

  // "Sign in with another account" on the not-yours page: the IdP must ask again, not reuse its session.
  router.get('/:handle/switch-account', async function switchAccount(req: Request, res: Response, next: NextFunction) {
    const session = await loadSession(req);
    await deps.signIn.start(req, res, next, session.handle, { prompt: 'login' });
  });

  router.post(
    '/:handle/check',
    express.urlencoded({ extended: false, limit: '1kb', parameterLimit: 4 }),
    async function checkAgain(req: Request, res: Response) {
      const session = await loadSession(req);
      if (!signedInFor(req, session)) {
        res.redirect(303, `/p/${session.handle}`);
        return;
      }
      checkCsrf(req);
      // Remember what was wrong before, so the next page can say what the check changed.
      req.session.lastCheck = { handle: session.handle, before: session.reasons.map((reason) => reason.code) };
      await advance(req, session, true);
      // Post/redirect/get: a reload of the result page must not re-submit the check.
      res.redirect(303, `/p/${session.handle}`);
    },
  );

  return router;
}
