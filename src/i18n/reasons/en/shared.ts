import type { PlatformSteps, ReasonContext } from '../types.js';
import { when } from '../types.js';

/* Pieces several English reason groups share: closing lines, offline tips, value snippets and step helpers. */

export const AFTER = 'When you’re done, press Check again. It can take a few minutes to update.';
export const AFTER_RECONNECT =
  'When you’re done, reconnect to this Wi-Fi if you left it, and press Check again. It can take a few minutes to update.';
export const AFTER_HELPDESK = 'Once the helpdesk has sorted it out, press Check again.';

export const OFFLINE_PHONE = 'This needs internet. For now, use mobile data or another Wi-Fi network, or ask the helpdesk.';
const OFFLINE_COMPUTER =
  'This needs internet. For now, use another network (for example your phone’s hotspot), or ask the helpdesk.';
const OFFLINE_OTHER = 'This needs internet. For now, use another network, or ask the helpdesk.';
export const HELPDESK_UNSURE = 'If you’re not sure what to do, contact the helpdesk.';

/** " Label: value." for the current value, when known. */
export function current(ctx: ReasonContext, label = 'Your device reports'): string {
  return when(ctx.currentValue, (value) => ` ${label}: ${value}.`);
}

/** " Label: value." for the expected value, when known. */
export function expected(ctx: ReasonContext, label = 'Required'): string {
  return when(ctx.expectedValue, (value) => ` ${label}: ${value}.`);
}

export function values(ctx: ReasonContext, currentLabel?: string, expectedLabel?: string): string {
  return current(ctx, currentLabel) + expected(ctx, expectedLabel);
}

export function detail(ctx: ReasonContext): string {
  return when(ctx.detail, (text) => ` Details: ${text}`);
}

export function withOffline(map: PlatformSteps): PlatformSteps {
  const result: PlatformSteps = { other: [OFFLINE_OTHER, ...map.other] };
  for (const platform of ['iOS', 'Android', 'Windows', 'macOS', 'Linux'] as const) {
    const steps = map[platform];
    if (!steps) continue;
    const tip = platform === 'iOS' || platform === 'Android' ? OFFLINE_PHONE : OFFLINE_COMPUTER;
    result[platform] = [tip, ...steps];
  }
  return result;
}

export function append(map: PlatformSteps, ...extra: string[]): PlatformSteps {
  const result: PlatformSteps = { other: [...map.other, ...extra] };
  for (const platform of ['iOS', 'Android', 'Windows', 'macOS', 'Linux'] as const) {
    const steps = map[platform];
    if (steps) result[platform] = [...steps, ...extra];
  }
  return result;
}

export const HELPDESK_ONLY: PlatformSteps = {
  other: ['Contact the helpdesk and show them this message.'],
};
