import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { readConfigFile } from '../config/config-file.js';
import { ConfigError } from '../config/config.js';
import type { Dialect, SettingsContext } from './dialects/dialect.js';
import { DIALECTS } from './dialects/index.js';
import { GATEWAY_ID, type Gateway, type Scope } from './gateway.js';
import { checkSecret, resolveEnv, SecretOwners } from './gateway-secrets.js';

export { GATEWAY_ID, type Gateway, type Scope } from './gateway.js';

const secretText = z.string().min(1);
/** The part of an entry every dialect shares; the rest belongs to the entry's dialect. */
const COMMON_KEYS = ['id', 'name', 'dialect', 'apiKeys', 'scopes'];
const fileSchema = z.object({
  gateways: z
    .array(
      z.looseObject({
        id: z.string().regex(GATEWAY_ID, 'id must match [a-z0-9-]{1,64}'),
        name: z.string().min(1).max(200),
        dialect: z.string().min(1).max(64),
        apiKeys: z.array(secretText).default([]),
        scopes: z.array(z.enum(['sessions', 'compliance', 'ise', 'radius'])).default(['sessions']),
      }),
    )
    .min(1),
});

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

/** The raw object a dialect's settings schema validates: its top-level keys, or the object under its name. */
function dialectPart(dialect: Dialect, entry: Record<string, unknown>): unknown {
  if (!dialect.settings.topLevelKeys) return entry[dialect.name] ?? {};
  return Object.fromEntries(dialect.settings.topLevelKeys.filter((key) => entry[key] !== undefined).map((key) => [key, entry[key]]));
}

/**
 * Reads and checks GATEWAYS_FILE: the common part of each entry here, the rest by the
 * entry's dialect. Throws ConfigError naming the exact gateway and field, including for a
 * dialect that is not registered.
 */
export function loadGateways(file: string, options: { devMode: boolean; env: NodeJS.ProcessEnv; publicUrl: URL }): GatewayRegistry {
  const { value: parsedFile } = readConfigFile('GATEWAYS_FILE', file, fileSchema);
  const problems: string[] = [];
  const seen = new Set<string>();
  const owners = new SecretOwners();
  const secret = (value: string, what: string) => {
    const resolved = resolveEnv(value, options.env, what);
    problems.push(...checkSecret(resolved, what, { devMode: options.devMode, minBytes: 32 }));
    const shared = owners.claim(resolved, what);
    if (shared) problems.push(shared);
    return resolved;
  };
  const entries: Array<{ gateway: Gateway; apiKeys: string[] }> = [];
  parsedFile.gateways.forEach((entry, index) => {
    const where = `gateways[${index}] (${entry.id})`;
    if (seen.has(entry.id)) problems.push(`${where}: duplicate id`);
    seen.add(entry.id);
    const dialect = DIALECTS.get(entry.dialect);
    if (!dialect) {
      problems.push(`${where}: unknown dialect "${entry.dialect}" (known: ${[...DIALECTS.keys()].join(', ')})`);
      return;
    }
    const owned = new Set([...COMMON_KEYS, ...(dialect.settings.topLevelKeys ?? [dialect.name])]);
    const stray = Object.keys(entry).filter((key) => !owned.has(key));
    if (stray.length > 0)
      problems.push(`${where}: unknown key${stray.length > 1 ? 's' : ''} ${stray.map((k) => `"${k}"`).join(', ')} for dialect ${dialect.name}`);
    const raw = dialect.settings.schema.safeParse(dialectPart(dialect, entry));
    if (!raw.success) {
      const prefix = dialect.settings.topLevelKeys ? '' : `${dialect.name}.`;
      for (const issue of raw.error.issues) problems.push(`${where}.${prefix}${issue.path.join('.') || '(settings)'}: ${issue.message}`);
      return;
    }
    const context: SettingsContext = {
      where,
      devMode: options.devMode,
      publicUrl: options.publicUrl,
      secret: (value, field) => secret(value, `${where}.${field}`),
      problem: (message) => problems.push(`${where}: ${message}`),
    };
    // Settings first, then keys: the order the messages have always come in.
    const settings: unknown = dialect.settings.prepare(raw.data, context);
    const apiKeys = entry.apiKeys.map((key, i) => secret(key, `${where}.apiKeys[${i}]`));
    entries.push({ gateway: { id: entry.id, name: entry.name, dialect: dialect.name, settings, scopes: new Set<Scope>(entry.scopes) }, apiKeys });
  });
  if (problems.length > 0) throw new ConfigError(`GATEWAYS_FILE ${file}:\n  ${problems.join('\n  ')}`);
  return new GatewayRegistry(entries);
}
