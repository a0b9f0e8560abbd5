import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ConfigError } from './config.js';

/** The first problem of a zod error as "path: message", for 400 bodies and startup errors. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}

/**
 * Reads a JSON file named by a setting and validates it. Any problem stops the start with
 * a ConfigError naming the setting, the file and the exact field.
 */
export function readConfigFile<S extends z.ZodType>(setting: string, path: string, schema: S): { value: z.infer<S>; text: string } {
  let text: string;
  let raw: unknown;
  try {
    text = readFileSync(path, 'utf8');
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${setting} ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${setting} ${path}: ${describeIssue(parsed.error)}`);
  return { value: parsed.data, text };
}
