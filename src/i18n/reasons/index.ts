import { ALL_REASON_CODES, type ReasonCode } from '../../core/compliance/reason-codes.js';
import type { Platform } from '../../core/compliance/types.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../negotiate-language.js';
import type { MessageKey } from '../messages/message-keys.js';
import { hasMessage, translate, type MessageValues } from '../messages/translate.js';
import type { ReasonCatalogue, ReasonContext, ReasonText } from './types.js';

export type { ReasonCatalogue, ReasonContext, ReasonText } from './types.js';

/*
 * Reason texts come from the message files (locales/<language>.json), one group of keys per
 * reason code: reason.<CODE>.title / problem / current / expected / detail / why /
 * steps.<platform> / after. Steps are one message per platform, one step per line.
 */

/** Compile-time proof that English has the keys every reason code needs. */
type Required<C extends ReasonCode> = `reason.${C}.${'title' | 'problem' | 'why' | 'after' | 'steps.other'}`;
type MissingReasonKeys = Exclude<Required<ReasonCode>, MessageKey>;
const _everyCodeHasItsKeys: [MissingReasonKeys] extends [never] ? true : MissingReasonKeys = true;
void _everyCodeHasItsKeys;

/** Select keys and values for the optional context fields, so messages can say "your device “X”" or "your device". */
function valuesOf(ctx: ReasonContext): MessageValues {
  const flag = (value: string | undefined) => (value !== undefined && value !== '' ? 'yes' : 'no');
  return {
    device: ctx.deviceName,
    hasDevice: flag(ctx.deviceName),
    setting: ctx.settingName ?? '',
    hasSetting: flag(ctx.settingName),
    policy: ctx.policyName ?? '',
    hasPolicy: flag(ctx.policyName),
    deadline: ctx.deadline ?? '',
    hasDeadline: flag(ctx.deadline),
  };
}

/** The platforms a reason may have its own steps for (`steps.<platform>`). */
const PLATFORMS_WITH_STEPS: readonly Platform[] = ['iOS', 'Android', 'Windows', 'macOS', 'Linux'];

function reasonText(language: Language, code: ReasonCode): ReasonText {
  const key = (part: string) => `reason.${code}.${part}`;
  const t = (part: string, values?: MessageValues) => translate(language, key(part), values);
  /** A value line ("Your version: 16.2.") when the value is known and the code has a label for it. */
  const line = (part: 'current' | 'expected' | 'detail', value: string | undefined) =>
    value !== undefined && value !== '' && hasMessage(key(part)) ? [t(part, { value })] : [];
  return {
    title: t('title'),
    why: t('why'),
    after: t('after'),
    problem: (ctx) =>
      [t('problem', valuesOf(ctx)), ...line('current', ctx.currentValue), ...line('expected', ctx.expectedValue), ...line('detail', ctx.detail)].join(' '),
    stepsVary: PLATFORMS_WITH_STEPS.some((platform) => hasMessage(key(`steps.${platform}`))),
    steps: (ctx) => {
      const part = hasMessage(key(`steps.${ctx.platform}`)) ? `steps.${ctx.platform}` : 'steps.other';
      return t(part, valuesOf(ctx))
        .split('\n')
        .map((step) => step.trim())
        .filter((step) => step !== '');
    },
  };
}

const CATALOGUES = new Map<Language, ReasonCatalogue>();

/** The reason texts for `language`; English for anything not supported, and per key where a translation lacks it. */
export function reasonCatalogue(language: Language | (string & {})): ReasonCatalogue {
  const lang = isLanguage(language) ? language : DEFAULT_LANGUAGE;
  let catalogue = CATALOGUES.get(lang);
  if (!catalogue) {
    catalogue = Object.fromEntries(ALL_REASON_CODES.map((code) => [code, reasonText(lang, code)])) as ReasonCatalogue;
    CATALOGUES.set(lang, catalogue);
  }
  return catalogue;
}
