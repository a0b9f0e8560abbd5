import type { Platform, Reason } from '../core/compliance/types.js';
import { reasonCatalogue, translate, type Language } from '../i18n/index.js';
import { formatUtc } from '../http/support-facts.js';

export interface ReasonSection {
  title: string;
  problem: string;
  why: string;
  steps: string[];
  after: string;
}

const PLATFORMS: readonly Platform[] = ['iOS', 'Android', 'Windows', 'macOS', 'Linux'];

/** The device's platform, or a guess from the browser for devices we do not know (enrolment steps). */
export function platformOf(operatingSystem: string | undefined, userAgent: string | undefined): Platform {
  const known = PLATFORMS.find((p) => p.toLowerCase() === operatingSystem?.toLowerCase());
  if (known) return known;
  const ua = userAgent ?? '';
  if (/iPhone|iPad|iPod/.test(ua)) return 'iOS';
  if (/Android/.test(ua)) return 'Android';
  if (/Windows/.test(ua)) return 'Windows';
  if (/Macintosh|Mac OS X/.test(ua)) return 'macOS';
  if (/Linux/.test(ua)) return 'Linux';
  return 'other';
}

/** Relative-time units from largest to smallest, with their length in seconds. */
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * Formats an ISO date for people: the date in UTC (we do not know the phone's time zone) and,
 * next to it, how far away it is ("in 5 days", "vor 2 Stunden") from `now` (ms).
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
      expectedValue: reason.expectedValue,
      requiredVersion: reason.requiredVersion,
      settingName: reason.settingName,
      policyName: reason.policyName,
      detail: reason.detail,
      deadline: reason.deadline ? formatDeadline(reason.deadline, options.language, options.now) : undefined,
    };
    return { title: text.title, problem: text.problem(context), why: text.why, steps: text.steps(context), after: text.after };
  });
}
