import type { PlatformSteps } from './types.js';

/* Language-neutral helpers for building reason texts; each language passes its own words. */

const PLATFORMS = ['iOS', 'Android', 'Windows', 'macOS', 'Linux'] as const;

/** " Label: value." when the value is known, else "". */
export function labelled(value: string | undefined, label: string): string {
  return value !== undefined && value !== '' ? ` ${label}: ${value}.` : '';
}

/** Prepends the right "this needs internet" tip to each platform's steps (phones and computers differ). */
export function withOfflineTip(map: PlatformSteps, tips: { phone: string; computer: string; other: string }): PlatformSteps {
  const result: PlatformSteps = { other: [tips.other, ...map.other] };
  for (const platform of PLATFORMS) {
    const steps = map[platform];
    if (steps) result[platform] = [platform === 'iOS' || platform === 'Android' ? tips.phone : tips.computer, ...steps];
  }
  return result;
}

/** Appends the same closing steps to every platform's list. */
export function appendSteps(map: PlatformSteps, ...extra: string[]): PlatformSteps {
  const result: PlatformSteps = { other: [...map.other, ...extra] };
  for (const platform of PLATFORMS) {
    const steps = map[platform];
    if (steps) result[platform] = [...steps, ...extra];
  }
  return result;
}
