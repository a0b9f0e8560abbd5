import express from 'express';

/**
 * Picks the page language from an `Accept-Language` header (RFC 9110 §12.5.4).
 *
 * The header is attacker-controlled, so the work is bounded: only the first
 * {@link MAX_HEADER_CHARS} characters and the first {@link MAX_ENTRIES} list entries are
 * looked at, and parsing is done with `split` and anchored, non-backtracking patterns.
 * Anything malformed is skipped; when nothing acceptable is left, English is used.
 */

/** Every language with a message file (locales/<tag>.json); English is the source and the fallback. */
export const SUPPORTED_LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** Characters of the header we look at; the rest is ignored. */
export const MAX_HEADER_CHARS = 1000;
/** List entries we look at; the rest are ignored. */
export const MAX_ENTRIES = 30;

/** `language-range` (RFC 4647 §2.1): "*" or 1*8ALPHA *("-" 1*8alphanum). Linear: each group starts with "-". */
const LANGUAGE_RANGE = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/;
/** `qvalue` (RFC 9110 §12.4.2). */
const QVALUE = /^(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)$/;

interface Preference {
  /** Lower-cased range, "*" for any. */
  range: string;
  q: number;
  /** Position in the header, for stable tie-breaking. */
  index: number;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** Parses the bounded header into preferences; malformed entries are dropped. */
export function parseAcceptLanguage(header: string | undefined): Preference[] {
  if (typeof header !== 'string' || header.length === 0) return [];
  let text = header;
  let truncated = false;
  if (text.length > MAX_HEADER_CHARS) {
    text = text.slice(0, MAX_HEADER_CHARS);
    truncated = true;
  }
  const pieces = text.split(',');
  // The last piece of a cut header is probably cut too: do not guess what it said.
  if (truncated) pieces.pop();

  const preferences: Preference[] = [];
  let entries = 0;
  for (const piece of pieces) {
    const entry = piece.trim();
    if (entry === '') continue; // RFC 9110 §5.6.1: empty list elements are allowed and ignored.
    if (++entries > MAX_ENTRIES) break;
    const preference = parseEntry(entry, entries - 1);
    if (preference) preferences.push(preference);
  }
  return preferences;
}

function parseEntry(entry: string, index: number): Preference | undefined {
  const parts = entry.split(';');
  // Lenient with `en_US`, which some clients send.
  const range = (parts[0] ?? '').trim().toLowerCase().replaceAll('_', '-');
  if (!LANGUAGE_RANGE.test(range)) return undefined;
  let q = 1;
  for (let i = 1; i < parts.length; i++) {
    const param = (parts[i] ?? '').trim();
    const eq = param.indexOf('=');
    if (eq < 0) return undefined;
    const name = param.slice(0, eq).trim().toLowerCase();
    if (name !== 'q') continue; // Unknown parameters are not ours to judge.
    const value = param.slice(eq + 1).trim();
    if (!QVALUE.test(value)) return undefined;
    q = Number(value);
  }
  return { range, q, index };
}

/**
 * Returns the supported language the client prefers most, or English (or the first
 * supported language when English is not offered) when none is acceptable.
 *
 * Our bounded parser above reads the untrusted header; the cleaned preferences are then
 * matched by express's own `req.acceptsLanguages` (the `negotiator` rules: for each supported
 * tag the most specific matching range decides its q-value, so `de;q=0` excludes German even
 * with `*` present; ties go to the range listed first, then to the order of `supported`).
 */
export function negotiateLanguage(acceptLanguage: string | undefined, supported: readonly string[]): string {
  const fallback = supported.includes(DEFAULT_LANGUAGE) ? DEFAULT_LANGUAGE : (supported[0] ?? DEFAULT_LANGUAGE);
  const preferences = parseAcceptLanguage(acceptLanguage);
  // With no tags, acceptsLanguages lists the client's languages instead of choosing one.
  if (preferences.length === 0 || supported.length === 0) return fallback;
  const cleaned = preferences.map((preference) => `${preference.range};q=${preference.q}`).join(', ');
  const match = acceptsLanguages.call({ headers: { 'accept-language': cleaned } }, ...supported) as string | false;
  return typeof match === 'string' ? match : fallback;
}

/** express's `req.acceptsLanguages`, applied to the cleaned header rather than the raw request. */
// eslint-disable-next-line @typescript-eslint/unbound-method -- deliberately unbound: it is called with the cleaned header as `this`
const acceptsLanguages = express.request.acceptsLanguages as (this: { headers: Record<string, string> }, ...languages: string[]) => string | false | string[];

/** {@link negotiateLanguage} over {@link SUPPORTED_LANGUAGES}, typed. */
export function pickLanguage(acceptLanguage: string | undefined): Language {
  const language = negotiateLanguage(acceptLanguage, SUPPORTED_LANGUAGES);
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}
