import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../negotiate-language.js';
import { de } from './de.js';
import { en, type UiStrings } from './en.js';

export type { UiKey, UiStrings } from './en.js';

const DICTIONARIES: Record<Language, UiStrings> = { en, de };

/** The UI strings for `language`; English for anything not supported. */
export function uiStrings(language: Language | (string & {})): UiStrings {
  return DICTIONARIES[isLanguage(language) ? language : DEFAULT_LANGUAGE];
}

const PLACEHOLDER = /\{([A-Za-z0-9_]{1,40})\}/g;

/**
 * Replaces `{name}` placeholders with `values[name]` in one pass (so a value that itself
 * contains `{x}` is not expanded again). Unknown placeholders are left as they are. Values
 * are plain text; the result is plain text for the views to escape.
 */
export function format(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}
