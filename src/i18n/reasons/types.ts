import type { ReasonCode } from '../../core/compliance/reason-codes.js';
import type { Platform } from '../../core/compliance/types.js';

/**
 * What a reason section is rendered with. Every string value is untrusted text from the
 * backend or the device: the texts interpolate it as is, the views HTML-escape the result.
 */
export interface ReasonContext {
  platform: Platform;
  deviceName: string;
  currentValue?: string;
  expectedValue?: string;
  settingName?: string;
  policyName?: string;
  detail?: string;
  /** Already formatted for display. */
  deadline?: string;
}

/** The user-facing text for one reason code. Plain text only, never HTML. */
export interface ReasonText {
  /** Short heading. */
  title: string;
  /** What is wrong, followed by the current and required values when known. */
  problem(ctx: ReasonContext): string;
  /** Why it matters, one sentence. */
  why: string;
  /** Steps for ctx.platform, with a generic fallback for other platforms. */
  steps(ctx: ReasonContext): string[];
  /** True when the steps differ per platform (so general steps for an unknown device need saying). */
  stepsVary: boolean;
  /** What to do after fixing. */
  after: string;
}

export type ReasonCatalogue = Record<ReasonCode, ReasonText>;
