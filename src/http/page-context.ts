import type { Request, Response } from 'express';
import { richHtml, translatorFor, type Language, type RichText, type Translate, type TranslateDynamic, type TranslateRich } from '../i18n/index.js';
import { chooseLanguage, directionOf, languageLinks } from '../i18n/language-choice.js';

export interface PageContext {
  lang: Language;
  dir: 'ltr' | 'rtl';
  /** Typed message lookup for the views: t('landing.title'), t('signedInAs', { user }). */
  t: Translate;
  /** Lookup for keys built at run time. */
  tKey: TranslateDynamic;
  /** Typed lookup that sets the values apart (a name, a version): render with `richHtml`. */
  tRich: TranslateRich;
  /** HTML for rich text (escaped, values in <bdi>): `<%- richHtml(...) %>`. */
  richHtml: (rich: RichText) => string;
  /** The no-JavaScript language switcher's links for this page. */
  languages: ReturnType<typeof languageLinks>;
}

/**
 * The locals every page needs: the language (switcher cookie, else Accept-Language), its
 * direction and messages. Set once per request; `language` forces one (pages only in English).
 */
export function pageContext(req: Request, res: Response, language?: Language): PageContext {
  const cached = res.locals.page as PageContext | undefined;
  if (cached && (language === undefined || cached.lang === language)) return cached;
  const lang = language ?? chooseLanguage(req.get('cookie'), req.get('accept-language'));
  const { t, tKey, tRich } = translatorFor(lang);
  const page: PageContext = { lang, dir: directionOf(lang), t, tKey, tRich, richHtml, languages: languageLinks(req.originalUrl.split('?')[0] ?? '/') };
  res.locals.page = page;
  return page;
}

/** Renders `view` with exactly `locals` plus the page context: never req.query or req.body. */
export function renderPage(req: Request, res: Response, view: string, status: number, locals: Record<string, unknown>, language?: Language): void {
  res
    .status(status)
    .vary('Accept-Language')
    .vary('Cookie')
    .set('Cache-Control', 'no-store')
    .render(view, { ...pageContext(req, res, language), ...locals });
}
