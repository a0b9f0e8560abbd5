export { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, isLanguage, negotiateLanguage, pickLanguage, type Language } from './negotiate-language.js';
export { reasonCatalogue, type ReasonCatalogue, type ReasonContext, type ReasonText } from './reasons/index.js';
export type { MessageArgs, MessageKey } from './messages/message-keys.js';
export { richHtml, type RichText } from './messages/rich-text.js';
export {
  translate,
  translatorFor,
  type PlainKey,
  type MessageValues,
  type Translate,
  type TranslateDynamic,
  type TranslateRich,
} from './messages/translate.js';
