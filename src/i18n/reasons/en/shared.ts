import type { PlatformSteps, ReasonContext } from '../types.js';
import { when } from '../types.js';
import { appendSteps, labelled, withOfflineTip } from '../step-helpers.js';

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
  return labelled(ctx.currentValue, label);
}

/** " Label: value." for the expected value, when known. */
export function expected(ctx: ReasonContext, label = 'Required'): string {
  return labelled(ctx.expectedValue, label);
}

export function values(ctx: ReasonContext, currentLabel?: string, expectedLabel?: string): string {
  return current(ctx, currentLabel) + expected(ctx, expectedLabel);
}

export function detail(ctx: ReasonContext): string {
  return when(ctx.detail, (text) => ` Details: ${text}`);
}

export function withOffline(map: PlatformSteps): PlatformSteps {
  return withOfflineTip(map, { phone: OFFLINE_PHONE, computer: OFFLINE_COMPUTER, other: OFFLINE_OTHER });
}

export const append = appendSteps;

export const HELPDESK_ONLY: PlatformSteps = {
  other: ['Contact the helpdesk and show them this message.'],
};
