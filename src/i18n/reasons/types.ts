import type { ReasonCode } from '../../core/compliance/reason-codes.js';
import type { Platform, Requirement } from '../../core/compliance/types.js';
import type { RichText } from '../messages/rich-text.js';

/**
 * What a reason section is rendered with. Every string value is untrusted text from the
 * backend or the device: the texts interpolate it as is, the views HTML-escape the result.
 */
export interface ReasonContext {
  platform: Platform;
  deviceName: string;
  currentValue?: string;
  required?: Requirement;
  settingName?: string;
  policyName?: string;
  detail?: string;
  /** Already formatted for display. */
  deadline?: string;
  /** When the device last checked in, already formatted for display. */
  lastCheckIn?: string;
}

/** The user-facing text for one reason code. Plain text only, never HTML. */
export interface ReasonText {
  /** Short heading. */
  title: string;
  /** What is wrong, followed by the current and required values when known; values set apart for the page (rich-text.ts). */
  problem(ctx: ReasonContext): RichText;
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
