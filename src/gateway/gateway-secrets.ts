import { ConfigError } from '../config/config.js';

// Values people paste from examples. A secret that contains one of these is not a secret.
const PLACEHOLDERS = ['changeme', 'change-me', 'placeholder', 'example', 'password', 'secret', 'demo', 'test', '<', 'xxxx', '0000'];

/** Rejects short, repetitive or well-known values; development allows demo values with a warning. */
export function checkSecret(value: string, what: string, options: { devMode: boolean; minBytes: number }): string[] {
  const problems: string[] = [];
  if (Buffer.byteLength(value) < options.minBytes) problems.push(`${what} is shorter than ${options.minBytes} bytes`);
  if (new Set(value).size < 8) problems.push(`${what} is too repetitive`);
  const lower = value.toLowerCase();
  if (!options.devMode && PLACEHOLDERS.some((word) => lower.includes(word))) problems.push(`${what} looks like a placeholder`);
  return problems;
}

/** Resolves `env:NAME` references so secrets can stay out of the file. Throws ConfigError when NAME is unset. */
export function resolveEnv(value: string, env: NodeJS.ProcessEnv, what: string): string {
  if (!value.startsWith('env:')) return value;
  const resolved = env[value.slice(4)];
  if (!resolved) throw new ConfigError(`${what} refers to ${value}, which is not set`);
  return resolved;
}

/**
 * Remembers which gateway uses which secret or key: a value shared by two gateways would
 * let one impersonate the other. `what` is `gateways[i] (id).field`; the owner is its
 * part before the first dot.
 */
export class SecretOwners {
  private readonly owners = new Map<string, string>();

  /** Returns a problem when another gateway already uses `value`. */
  claim(value: string, what: string): string | undefined {
    const owner = this.owners.get(value);
    const self = what.split('.')[0]!;
    this.owners.set(value, self);
    return owner !== undefined && owner !== self ? `${what} is also used by ${owner}` : undefined;
  }
}
