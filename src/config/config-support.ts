import { z } from 'zod';

/** Issue parameter marking "required and unset", so loadConfig can list every missing key in one line. */
const MISSING = 'vestibule.missing';

/**
 * Reports `key` as missing on a zod transform's context. Schemas for the core settings
 * (src/config.ts) and for each provider (src/providers/registry.ts) use it alike.
 */
export function reportMissing(ctx: z.RefinementCtx, key: string): void {
  ctx.addIssue({ code: 'custom', message: `${key} is required`, path: [key], params: { [MISSING]: true } });
}

/** True for an issue made by {@link reportMissing}. */
export function isMissingIssue(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'custom' && issue.params?.[MISSING] === true;
}

/** An environment value counting seconds: a positive integer, `fallback` when unset. */
export const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** An environment flag: true/false/1/0. */
export const bool = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
