import type { Platform, Reason } from '../core/compliance/types.js';
import { reasonCatalogue, translate, type Language, type RichText } from '../i18n/index.js';
import { formatUtc } from '../http/support-facts.js';

export interface ReasonSection {
  title: string;
  /** With the values in it set apart; the view renders it with richHtml. */
  problem: RichText;
  why: string;
  steps: string[];
  /** Said above general steps: we do not know the device, so they are not for its platform. */
  stepsNote?: string;
  after: string;
}

/** Graph's `operatingSystem` values (and the local inventory's) by the platform whose steps fit them. */
const OPERATING_SYSTEMS: ReadonlyArray<[RegExp, Platform]> = [
  [/^(ios|ipados)\b/i, 'iOS'],
  [/^android/i, 'Android'],
  [/^windows/i, 'Windows'],
  [/^(macos|mac ?os ?x|os ?x)\b/i, 'macOS'],
  [/^linux/i, 'Linux'],
];

/**
 * The platform whose steps a device gets: the operating system the compliance backend reports
 * for it, never a guess from the browser (a laptop's browser says nothing about the phone being
 * fixed, and a desktop browser is not the device the gateway named). No device: `unknown`.
 */
export function platformOf(operatingSystem: string | undefined): Platform {
  const reported = operatingSystem?.trim() ?? '';
  if (reported === '') return 'unknown';
  return OPERATING_SYSTEMS.find(([pattern]) => pattern.test(reported))?.[1] ?? 'other';
}

/** Relative-time units from largest to smallest, with their length in seconds. */
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * Formats an ISO date for people: the date in UTC (we do not know the phone's time zone) and,
 * next to it, how far away it is ("in 5 days", "vor 2 Stunden") from `now` (ms). For
 * deadlines and for when something last happened.
 */
export function formatDeadline(iso: string, language: Language, now: number = Date.now()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const absolute = formatUtc(date.getTime(), language);
  const seconds = (date.getTime() - now) / 1000;
  const [unit, size] = UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? UNITS[UNITS.length - 1]!;
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(Math.round(seconds / size), unit);
  return translate(language, 'deadline.withRelative', { absolute, relative });
}

/** "true", "false" and "unknown" say nothing to a person that the problem text does not say better. */
function forPeople(value: string | undefined): string | undefined {
  return value === undefined || /^(true|false|unknown)$/i.test(value.trim()) ? undefined : value;
}

/** One section per reason: what is wrong, why it matters, steps for this platform, what next. */
export function reasonSections(reasons: Reason[], options: { language: Language; platform: Platform; deviceName: string; now?: number }): ReasonSection[] {
  const catalogue = reasonCatalogue(options.language);
  return reasons.map((reason) => {
    const text = catalogue[reason.code];
    const context = {
      platform: options.platform,
      deviceName: options.deviceName,
      currentValue: forPeople(reason.currentValue),
      required: reason.required,
      settingName: reason.settingName,
      policyName: reason.policyName,
      detail: reason.detail,
      deadline: reason.deadline ? formatDeadline(reason.deadline, options.language, options.now) : undefined,
      lastCheckIn: reason.lastCheckIn ? formatDeadline(reason.lastCheckIn, options.language, options.now) : undefined,
    };
    const stepsNote = options.platform === 'unknown' && text.stepsVary ? translate(options.language, 'blocked.stepsGeneral') : undefined;
    return {
      title: text.title,
      problem: text.problem(context),
      why: text.why,
      steps: text.steps(context),
      ...(stepsNote ? { stepsNote } : {}),
      after: text.after,
    };
  });
}
