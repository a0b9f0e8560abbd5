import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/paths.js';

/** Where the message files live: one `<language>.json` per language (docs/translating.md). */
export const LOCALES_DIR = join(PROJECT_ROOT, 'locales');

/** One language's messages: message key → ICU MessageFormat text. */
export type MessageFile = Readonly<Record<string, string>>;

/**
 * Reads `locales/<language>.json`. The file must be one flat JSON object of string values;
 * anything else is a broken file and throws (at start-up, not on a user's request).
 * A language without a file yet gets an empty table, so every key falls back to English.
 */
export function readMessageFile(language: string, dir = LOCALES_DIR): MessageFile {
  let text: string;
  try {
    text = readFileSync(join(dir, `${language}.json`), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`locales/${language}.json must be a JSON object of key → message`);
  }
  const messages = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') throw new Error(`locales/${language}.json: "${key}" must be a string`);
    messages[key] = value;
  }
  return Object.freeze(messages);
}
