export {
  DEFAULT_LANGUAGE,
  SUPPORTED_LANGUAGES,
  isLanguage,
  negotiateLanguage,
  pickLanguage,
  type Language,
} from './negotiate-language.js';
export { reasonCatalogue, type ReasonCatalogue, type ReasonContext, type ReasonText } from './reasons/index.js';
export { format, uiStrings, type UiKey, type UiStrings } from './ui/index.js';
