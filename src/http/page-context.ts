import type { Request, Response } from 'express';
import { format, pickLanguage, uiStrings, type Language, type UiStrings } from '../i18n/index.js';

export interface PageContext {
  lang: Language;
  t: UiStrings;
  format: typeof format;
}

/** The locals every page needs: the negotiated language and its strings. Set once per request. */
export function pageContext(req: Request, res: Response): PageContext {
  const cached = res.locals.page as PageContext | undefined;
  if (cached) return cached;
  const lang = pickLanguage(req.get('accept-language'));
  const page: PageContext = { lang, t: uiStrings(lang), format };
  res.locals.page = page;
  return page;
}

/** Renders `view` with exactly `locals` plus the page context: never req.query or req.body. */
export function renderPage(req: Request, res: Response, view: string, status: number, locals: Record<string, unknown>): void {
  res.status(status).vary('Accept-Language').set('Cache-Control', 'no-store').render(view, { ...pageContext(req, res), ...locals });
}
