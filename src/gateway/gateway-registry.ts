import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { readConfigFile } from '../config/config-file.js';
import { ConfigError } from '../config/config.js';

export type Scope = 'sessions' | 'compliance';

export interface Gateway {
  id: string;
  name: string;
  dialect: 'native';
  /** Signing secrets; any one may verify, so secrets rotate without downtime. */
  secrets: Buffer[];
  /** Where an allowed browser is sent back to (with ?state=&sid=). */
  returnUrl: URL | undefined;
  scopes: ReadonlySet<Scope>;
}

/** What a gateway id looks like (PROTOCOL.md): checked before any lookup. */
export const GATEWAY_ID = /^[a-z0-9-]{1,64}$/;

const secretText = z.string().min(1);
const fileSchema = z.object({
  gateways: z
    .array(
      z.strictObject({
        id: z.string().regex(GATEWAY_ID, 'id must match [a-z0-9-]{1,64}'),
        name: z.string().min(1).max(200),
        dialect: z.literal('native'),
        secrets: z.array(secretText).min(1),
        apiKeys: z.array(secretText).default([]),
        // An absolute http(s) URL, or a path on Vestibule itself (e.g. a co-hosted gateway simulator).
        returnUrl: z.union([z.url({ protocol: /^https?$/ }), z.string().regex(/^\/[A-Za-z0-9\-._~/]*$/, 'must be an http(s) URL or a path')]).optional(),
        scopes: z.array(z.enum(['sessions', 'compliance'])).default(['sessions']),
      }),
    )
    .min(1),
});

// Values people paste from examples. A secret that contains one of these is not a secret.
const PLACEHOLDERS = ['changeme', 'change-me', 'placeholder', 'example', 'password', 'secret', 'demo', 'test', '<', 'xxxx', '0000'];

/** Rejects short, repetitive or well-known values; development allows demo values with a warning. */
function checkSecret(value: string, what: string, options: { devMode: boolean; minBytes: number }): string[] {
  const problems: string[] = [];
  if (Buffer.byteLength(value) < options.minBytes) problems.push(`${what} is shorter than ${options.minBytes} bytes`);
  if (new Set(value).size < 8) problems.push(`${what} is too repetitive`);
  const lower = value.toLowerCase();
  if (!options.devMode && PLACEHOLDERS.some((word) => lower.includes(word))) problems.push(`${what} looks like a placeholder`);
  return problems;
}

/** Resolves `env:NAME` references so secrets can stay out of the file. */
function resolve(value: string, env: NodeJS.ProcessEnv, what: string): string {
  if (!value.startsWith('env:')) return value;
  const resolved = env[value.slice(4)];
  if (!resolved) throw new ConfigError(`${what} refers to ${value}, which is not set`);
  return resolved;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

export class GatewayRegistry {
  private readonly byKeyDigest: Array<{ digest: Buffer; gateway: Gateway }> = [];
  private readonly gateways = new Map<string, Gateway>();

  constructor(entries: Array<{ gateway: Gateway; apiKeys: string[] }>) {
    for (const { gateway, apiKeys } of entries) {
      this.gateways.set(gateway.id, gateway);
      for (const key of apiKeys) this.byKeyDigest.push({ digest: digest(key), gateway });
    }
  }

  byId(id: string): Gateway | undefined {
    return this.gateways.get(id);
  }

  /** Finds the gateway a bearer key belongs to. Compares digests in constant time, all of them. */
  byApiKey(key: string): Gateway | undefined {
    const presented = digest(key);
    let found: Gateway | undefined;
    for (const entry of this.byKeyDigest) {
      if (timingSafeEqual(entry.digest, presented)) found = entry.gateway;
    }
    return found;
  }
}

/** Reads and checks GATEWAYS_FILE. Throws ConfigError naming the exact gateway and field. */
export function loadGateways(file: string, options: { devMode: boolean; env: NodeJS.ProcessEnv; publicUrl: URL }): GatewayRegistry {
  const { value: parsedFile } = readConfigFile('GATEWAYS_FILE', file, fileSchema);
  const problems: string[] = [];
  const seen = new Set<string>();
  // A key or secret shared by two gateways would make one impersonate the other.
  const owners = new Map<string, string>();
  const unique = (value: string, what: string) => {
    const owner = owners.get(value);
    if (owner !== undefined && owner !== what.split('.')[0]) problems.push(`${what} is also used by ${owner}`);
    owners.set(value, what.split('.')[0]!);
  };
  const entries = parsedFile.gateways.map((entry, index) => {
    const where = `gateways[${index}] (${entry.id})`;
    if (seen.has(entry.id)) problems.push(`${where}: duplicate id`);
    seen.add(entry.id);
    const secrets = entry.secrets.map((secret, i) => resolve(secret, options.env, `${where}.secrets[${i}]`));
    const apiKeys = entry.apiKeys.map((key, i) => resolve(key, options.env, `${where}.apiKeys[${i}]`));
    secrets.forEach((s, i) => problems.push(...checkSecret(s, `${where}.secrets[${i}]`, { devMode: options.devMode, minBytes: 32 })));
    apiKeys.forEach((k, i) => problems.push(...checkSecret(k, `${where}.apiKeys[${i}]`, { devMode: options.devMode, minBytes: 32 })));
    [...secrets, ...apiKeys].forEach((value, i) => unique(value, `${where}.${i < secrets.length ? `secrets[${i}]` : `apiKeys[${i - secrets.length}]`}`));
    const gateway: Gateway = {
      id: entry.id,
      name: entry.name,
      dialect: entry.dialect,
      secrets: secrets.map((s) => Buffer.from(s, 'utf8')),
      returnUrl: entry.returnUrl ? new URL(entry.returnUrl, options.publicUrl) : undefined,
      scopes: new Set(entry.scopes),
    };
    return { gateway, apiKeys };
  });
  if (problems.length > 0) throw new ConfigError(`GATEWAYS_FILE ${file}:\n  ${problems.join('\n  ')}`);
  return new GatewayRegistry(entries);
}
