import type { Platform, Reason } from '../core/compliance/types.js';
import { reasonCatalogue, type Language } from '../i18n/index.js';

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

/** Formats an ISO date for people, in UTC (we do not know the phone's time zone). */
export function formatDeadline(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
}

/** "true", "false" and "unknown" say nothing to a person that the problem text does not say better. */
function forPeople(value: string | undefined): string | undefined {
  return value === undefined || /^(true|false|unknown)$/i.test(value.trim()) ? undefined : value;
}

/** One section per reason: what is wrong, why it matters, steps for this platform, what next. */
export function reasonSections(reasons: Reason[], options: { language: Language; platform: Platform; deviceName: string }): ReasonSection[] {
  const catalogue = reasonCatalogue(options.language);
  return reasons.map((reason) => {
    const text = catalogue[reason.code];
    const context = {
      platform: options.platform,
      deviceName: options.deviceName,
      currentValue: forPeople(reason.currentValue),
      expectedValue: reason.expectedValue,
      settingName: reason.settingName,
      policyName: reason.policyName,
      detail: reason.detail,
      deadline: reason.deadline ? formatDeadline(reason.deadline, options.language) : undefined,
    };
    return { title: text.title, problem: text.problem(context), why: text.why, steps: text.steps(context), after: text.after };
  });
}
