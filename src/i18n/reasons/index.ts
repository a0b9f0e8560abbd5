import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../negotiate-language.js';
import { de } from './de/index.js';
import { en } from './en/index.js';
import type { ReasonCatalogue } from './types.js';

export type { PlatformSteps, ReasonCatalogue, ReasonContext, ReasonText } from './types.js';

const CATALOGUES: Record<Language, ReasonCatalogue> = { en, de };

/** The reason texts for `language`; English for anything not supported. */
export function reasonCatalogue(language: Language | (string & {})): ReasonCatalogue {
  return CATALOGUES[isLanguage(language) ? language : DEFAULT_LANGUAGE];
}
