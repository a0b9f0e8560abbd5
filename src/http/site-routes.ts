import { Router, type Request, type Response } from 'express';
import { isLanguage } from '../i18n/index.js';
import { LANGUAGE_COOKIE, safeReturnPath } from '../i18n/language-choice.js';
import { NotFoundError } from './errors.js';
import { pageContext, renderPage } from './page-context.js';

/** A year: the language choice is a preference, not a secret. */
const LANGUAGE_COOKIE_MAX_AGE_MS = 365 * 24 * 3600 * 1000;

/**
 * `/`: the demo in development (when it is mounted), otherwise a short page saying what this
 * is; and `/language/{tag}?back=/path`, the language switcher that works without JavaScript:
 * it remembers the choice in a cookie and goes back to the page (same-site paths only).
 */
export function siteRoutes(options: { homeRedirect?: string }): Router {
  const router = Router();
  router.get('/', (req: Request, res: Response) => {
    if (options.homeRedirect) {
      res.redirect(303, options.homeRedirect);
      return;
    }
    renderPage(req, res, 'home', 200, { title: pageContext(req, res).t('home.title') });
  });
  router.get('/language/:tag', (req: Request, res: Response) => {
    const tag = String(req.params.tag);
    if (!isLanguage(tag)) throw new NotFoundError('No such language.', 'not_found');
    res.cookie(LANGUAGE_COOKIE, tag, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: LANGUAGE_COOKIE_MAX_AGE_MS });
    res.set('Cache-Control', 'no-store').redirect(303, safeReturnPath(req.query.back));
  });
  return router;
}
