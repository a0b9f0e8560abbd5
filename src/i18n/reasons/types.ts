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
  /** What is wrong, weaving in currentValue / expectedValue when present. */
  problem(ctx: ReasonContext): string;
  /** Why it matters, one sentence. */
  why: string;
  /** Steps for ctx.platform, with a generic fallback for other platforms. */
  steps(ctx: ReasonContext): string[];
  /** What to do after fixing. */
  after: string;
}

export type ReasonCatalogue = Record<ReasonCode, ReasonText>;

/** Steps per platform; `other` is used for any platform without its own list. */
export type PlatformSteps = Partial<Record<Platform, readonly string[]>> & { other: readonly string[] };

/** Builds a `steps` function from per-platform lists. */
export function stepsFor(map: PlatformSteps): (ctx: ReasonContext) => string[] {
  return (ctx) => {
    const own = Object.hasOwn(map, ctx.platform) ? map[ctx.platform] : undefined;
    return [...(own ?? map.other)];
  };
}

/** Returns `text` when `value` is a non-empty string, else `otherwise`. */
export function when(value: string | undefined, text: (value: string) => string, otherwise = ''): string {
  return value !== undefined && value !== '' ? text(value) : otherwise;
}

/** The reason codes defined in more than one of `Groups` (object types); `never` when each is defined once. */
export type DuplicateCodes<Groups extends readonly object[], Seen = never> = Groups extends readonly [
  infer Head,
  ...infer Rest extends readonly object[],
]
  ? (keyof Head & Seen) | DuplicateCodes<Rest, Seen | keyof Head>
  : never;

/** Compiles only when `T` is `never`; otherwise the error names what `T` is (e.g. the duplicated code). */
export type ExpectNone<T extends never> = T;
