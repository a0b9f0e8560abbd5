import { ALL_REASON_CODES, type ReasonCode } from '../../core/compliance/reason-codes.js';
import type { Platform, Requirement } from '../../core/compliance/types.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../negotiate-language.js';
import type { MessageKey } from '../messages/message-keys.js';
import { hasMessage, translate, translateRich, type MessageValues } from '../messages/translate.js';
import { flattenParts, ltr, type RichText } from '../messages/rich-text.js';
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

/**
 * A requirement in `language`: "17.0 or later", "at least 6 characters" (locales: requirement.*).
 * The version or date stays apart from the words around it (it reads left to right in Arabic too).
 */
function requirementText(language: Language, required: Requirement): RichText {
  return 'unit' in required
    ? translateRich(language, `requirement.${required.comparison}.${required.unit}`, { count: required.count })
    : translateRich(language, `requirement.${required.comparison}`, { value: ltr(required.value) });
}

function reasonText(language: Language, code: ReasonCode): ReasonText {
  const key = (part: string) => `reason.${code}.${part}`;
  const t = (part: string, values?: MessageValues) => translate(language, key(part), values);
  /** A value line ("Your version: 16.2.") when the value is known and the code has a label for it. */
  const line = (part: 'current' | 'expected' | 'detail', value: RichText | string | undefined): RichText[] =>
    value !== undefined && value.length > 0 && hasMessage(key(part)) ? [translateRich(language, key(part), { value })] : [];
  return {
    title: t('title'),
    why: t('why'),
    after: t('after'),
    problem: (ctx) => {
      const current = ctx.lastCheckIn ?? (ctx.currentValue !== undefined ? [ltr(ctx.currentValue)] : undefined);
      const lines = [
        translateRich(language, key('problem'), valuesOf(ctx)),
        ...line('current', current),
        ...line('expected', ctx.required ? requirementText(language, ctx.required) : undefined),
        ...line('detail', ctx.detail),
      ];
      return flattenParts(lines.map((rich, i) => (i === 0 ? rich : [' ', ...rich])));
    },
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
