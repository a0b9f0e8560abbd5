import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, type Language } from '../negotiate-language.js';
import { readMessageFile, type MessageFile } from './locale-files.js';
import type { MessageArgs, MessageKey } from './message-keys.js';

/** Values a message is formatted with; text values are inserted verbatim (never parsed as ICU). */
export type MessageValues = Readonly<Record<string, string | number>>;

/** Keys whose message takes no arguments. */
export type PlainKey = { [K in MessageKey]: MessageArgs[K] extends Record<string, never> ? K : never }[MessageKey];

/**
 * Formats one message in one language. Typed by the generated keys: a key English lacks, or a
 * missing argument, fails the type check.
 */
export interface Translate {
  (key: PlainKey): string;
  <K extends Exclude<MessageKey, PlainKey>>(key: K, values: MessageArgs[K]): string;
}

/** Formats a key only known at run time (reason codes); falls back like {@link Translate}. */
export type TranslateDynamic = (key: string, values?: MessageValues) => string;

/** Formats `key` for `language` with `values`; the result is plain text for the views to escape. */
export type Formatter = (language: string, key: string, values?: MessageValues) => string;

/**
 * A formatter over the given message files (language → key → ICU text). For a key a
 * language's file lacks, the English text is used (per-key fallback: a half-translated
 * language still shows every page). A key English lacks too throws; the generated types rule
 * that out at compile time. Compiled messages are cached: parsing is the expensive part.
 */
export function createFormatter(files: ReadonlyMap<string, MessageFile>): { format: Formatter; has: (language: string, key: string) => boolean } {
  const compiledByLanguage = new Map<string, Map<string, IntlMessageFormat>>();
  const has = (language: string, key: string) => Object.hasOwn(files.get(language) ?? {}, key);
  function compiled(language: string, key: string): IntlMessageFormat {
    let table = compiledByLanguage.get(language);
    if (!table) compiledByLanguage.set(language, (table = new Map<string, IntlMessageFormat>()));
    const hit = table.get(key);
    if (hit) return hit;
    const own = has(language, key);
    const source = own ? files.get(language)![key] : has(DEFAULT_LANGUAGE, key) ? files.get(DEFAULT_LANGUAGE)![key] : undefined;
    if (source === undefined) throw new Error(`no message "${key}" in locales/${DEFAULT_LANGUAGE}.json`);
    // The locale decides plural rules and number formats; a fallback text keeps English rules.
    const message = new IntlMessageFormat(source, own ? language : DEFAULT_LANGUAGE, undefined, { ignoreTag: true });
    table.set(key, message);
    return message;
  }
  const format: Formatter = (language, key, values = {}) => {
    const result = compiled(language, key).format(values);
    return Array.isArray(result) ? result.join('') : String(result);
  };
  return { format, has };
}

const FILES: ReadonlyMap<string, MessageFile> = new Map(SUPPORTED_LANGUAGES.map((language) => [language, readMessageFile(language)]));
const MESSAGES = createFormatter(FILES);

/** Formats `key` for `language` from locales/*.json; see {@link createFormatter}. */
export const translate: Formatter = MESSAGES.format;

/** Whether English has `key` (so every language can show it). */
export function hasMessage(key: string): boolean {
  return MESSAGES.has(DEFAULT_LANGUAGE, key);
}

/** Whether `language`'s own file has `key` (no fallback). */
export function hasOwnMessage(language: Language, key: string): boolean {
  return MESSAGES.has(language, key);
}

/** The typed and the run-time translator for one language. */
export function translatorFor(language: Language): { t: Translate; tKey: TranslateDynamic } {
  const tKey: TranslateDynamic = (key, values) => translate(language, key, values);
  const t = ((key: string, values?: MessageValues) => translate(language, key, values)) as Translate;
  return { t, tKey };
}
