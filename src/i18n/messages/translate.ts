import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, type Language } from '../negotiate-language.js';
import { readMessageFile, type MessageFile } from './locale-files.js';
import type { MessageArgs, MessageKey } from './message-keys.js';
import { messageArguments } from './message-arguments.js';
import { flattenParts, isolated, type Isolated, type RichText } from './rich-text.js';

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
 * Values for rich formatting: numbers and select keys as usual. A string put into the text is
 * set apart as {@link isolated} (the browser guesses its direction); pass `ltr(value)` for
 * values that always read left to right, or already formatted rich text.
 */
export type RichValues = Readonly<Record<string, string | number | Isolated | RichText>>;

/** Like {@link Formatter}, but keeps isolated and rich values as parts of the result. */
export type RichFormatter = (language: string, key: string, values?: RichValues) => RichText;

/**
 * A formatter over the given message files (language → key → ICU text). For a key a
 * language's file lacks, the English text is used (per-key fallback: a half-translated
 * language still shows every page). A key English lacks too throws; the generated types rule
 * that out at compile time. Compiled messages are cached: parsing is the expensive part.
 */
export function createFormatter(files: ReadonlyMap<string, MessageFile>): {
  format: Formatter;
  formatRich: RichFormatter;
  has: (language: string, key: string) => boolean;
} {
  const compiledByLanguage = new Map<string, Map<string, IntlMessageFormat>>();
  const textArguments = new WeakMap<IntlMessageFormat, ReadonlySet<string>>();
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
    textArguments.set(message, new Set([...messageArguments(source)].filter(([, kind]) => kind === 'text').map(([name]) => name)));
    table.set(key, message);
    return message;
  }
  const format: Formatter = (language, key, values = {}) => {
    const result = compiled(language, key).format(values);
    return Array.isArray(result) ? result.join('') : String(result);
  };
  const formatRich: RichFormatter = (language, key, values = {}) => {
    const message = compiled(language, key);
    const text = textArguments.get(message)!;
    // Text put into the sentence is set apart; select keys and plural counts are not text.
    const apart = Object.fromEntries(
      Object.entries(values).map(([name, value]) => [name, typeof value === 'string' && text.has(name) ? isolated(value) : value]),
    );
    return flattenParts(message.formatToParts<Isolated | RichText>(apart).map((part) => part.value));
  };
  return { format, formatRich, has };
}

const FILES: ReadonlyMap<string, MessageFile> = new Map(SUPPORTED_LANGUAGES.map((language) => [language, readMessageFile(language)]));
const MESSAGES = createFormatter(FILES);

/** Formats `key` for `language` from locales/*.json; see {@link createFormatter}. */
export const translate: Formatter = MESSAGES.format;

/** Formats `key` for `language` keeping isolated values apart; see rich-text.ts. */
export const translateRich: RichFormatter = MESSAGES.formatRich;

/** The typed lookup for HTML: as {@link Translate}, with text values set apart (see {@link RichValues}). */
export interface TranslateRich {
  <K extends Exclude<MessageKey, PlainKey>>(key: K, values: { [A in keyof MessageArgs[K]]: MessageArgs[K][A] | Isolated }): RichText;
}

/** Whether English has `key` (so every language can show it). */
export function hasMessage(key: string): boolean {
  return MESSAGES.has(DEFAULT_LANGUAGE, key);
}

/** The typed and the run-time translator for one language. */
export function translatorFor(language: Language): { t: Translate; tKey: TranslateDynamic; tRich: TranslateRich } {
  const tKey: TranslateDynamic = (key, values) => translate(language, key, values);
  const t = ((key: string, values?: MessageValues) => translate(language, key, values)) as Translate;
  const tRich = ((key: string, values: RichValues) => translateRich(language, key, values)) as TranslateRich;
  return { t, tKey, tRich };
}
