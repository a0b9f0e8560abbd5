import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, isLanguage, pickLanguage, type Language } from './negotiate-language.js';

/** The cookie that remembers a language picked with the switcher (no JavaScript needed). */
export const LANGUAGE_COOKIE = 'vestibule.lang';

/** Each language's name in itself, as the switcher shows it (not translated: a reader looks for their own). */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> & Readonly<Record<string, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  it: 'Italiano',
  nl: 'Nederlands',
  'pt-BR': 'Português (Brasil)',
  pl: 'Polski',
  ja: '日本語',
  ar: 'العربية',
};

/** Languages written right to left (the page gets dir="rtl"). */
const RIGHT_TO_LEFT: ReadonlySet<string> = new Set(['ar']);

/** "rtl" or "ltr" for `<html dir>`. */
export function directionOf(language: Language): 'rtl' | 'ltr' {
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
}

/**
 * The language the switcher cookie names, if any. The Cookie header is client input: only the
 * first 4 KB are looked at and the value must be one of our languages exactly.
 */
export function languageFromCookie(cookieHeader: string | undefined): Language | undefined {
  if (typeof cookieHeader !== 'string') return undefined;
  for (const part of cookieHeader.slice(0, 4096).split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== LANGUAGE_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (isLanguage(value)) return value;
  }
  return undefined;
}

/** The page language: the switcher's choice, else the best match for Accept-Language, else English. */
export function chooseLanguage(cookieHeader: string | undefined, acceptLanguage: string | undefined): Language {
  return languageFromCookie(cookieHeader) ?? pickLanguage(acceptLanguage) ?? DEFAULT_LANGUAGE;
}

/** A same-site path to return to after switching language, or "/" for anything else (no open redirect). */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[A-Za-z0-9/_\-.~]{0,200}$/.test(value) ? value : '/';
}

/** Switcher entries for a page at `path`: one link per language, in a stable order. */
export function languageLinks(path: string): { code: Language; name: string; href: string }[] {
  const back = encodeURIComponent(safeReturnPath(path));
  return SUPPORTED_LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code], href: `/language/${code}?back=${back}` }));
}
