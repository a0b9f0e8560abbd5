import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Every setting Vestibule reads, with one line of documentation each. `loadConfig` is the
 * only reader of the environment; the rest of the code receives the parsed `Config`.
 * Development gets working defaults so `npm start` runs offline; production refuses them.
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  /** `production` turns off every development default, the dev IdP and the demo pages. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** TCP port to listen on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address at which browsers and gateways reach Vestibule; every absolute URL we build starts here. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Where state lives: sqlite://path, redis://host:port, or memory:// (single process, tests). */
  STORE_URL: z.string().default('sqlite://./data/vestibule.sqlite'),
  /** Redis only: prefix of every key and channel, so several deployments can share one Redis. */
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/).default('vestibule:'),
  /** Signs the browser session cookie; at least 32 characters. Random per start in development. */
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  /** JSON file listing the gateways, their secrets, API keys and return URLs. */
  GATEWAYS_FILE: z.string().optional(),
  /** Compliance authority: `local` (files + ingest API) or `intune` (Microsoft Graph). */
  COMPLIANCE_PROVIDER: z.enum(['local', 'intune']).default('local'),
  /** Local provider: device inventory file, loaded into the store at start. */
  LOCAL_INVENTORY_FILE: z.string().optional(),
  /** Local provider: compliance policies per platform. */
  LOCAL_POLICY_FILE: z.string().optional(),
  /** Bearer key for the inventory ingest API; the API is off when unset. At least 32 characters. */
  INVENTORY_API_KEY: z.string().min(32, 'INVENTORY_API_KEY must be at least 32 characters').optional(),
  /** Development IdP: the users who can sign in. */
  DEV_USERS_FILE: z.string().optional(),
  /** OIDC issuer for sign-in, e.g. https://login.microsoftonline.com/{tenant}/v2.0. Unset in development: embedded dev IdP. */
  OIDC_ISSUER: z.url().optional(),
  /** OIDC client id of the sign-in app registration. */
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** OIDC client secret of the sign-in app registration. */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Intune: Entra tenant id of the Graph app registration. */
  INTUNE_TENANT_ID: z.string().optional(),
  /** Intune: client id of the Graph app registration. */
  INTUNE_CLIENT_ID: z.string().optional(),
  /** Intune: client secret of the Graph app registration. */
  INTUNE_CLIENT_SECRET: z.string().optional(),
  /** Intune: PEM file with the Graph app's certificate and its private key; used instead of INTUNE_CLIENT_SECRET. */
  INTUNE_CLIENT_CERTIFICATE_FILE: z.string().optional(),
  /** Intune: token authority (sovereign clouds and tests point elsewhere). */
  INTUNE_AUTHORITY_URL: z.url().default('https://login.microsoftonline.com'),
  /** Intune: Microsoft Graph base URL. */
  GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com'),
  /** Intune: minimum seconds between two device syncs of one device, across instances. */
  DEVICE_SYNC_MIN_INTERVAL_SECONDS: seconds(300),
  /** How long a portal visit waits for a fresh evaluation before showing the last known state. */
  EVALUATION_DEADLINE_SECONDS: seconds(20),
  /** Comma-separated proxy addresses/CIDRs whose X-Forwarded-* and certificate headers are trusted. */
  TRUST_PROXY: z.string().default(''),
  /** Header in which the trusted TLS proxy forwards the client certificate (URL-encoded PEM). */
  CLIENT_CERT_HEADER: z.string().default('X-Client-Cert'),
  /** PEM file of the CA(s) that issue device certificates. */
  CLIENT_CA_FILE: z.string().optional(),
  /** Compliance API: length of a bulk window, in seconds. */
  COMPLIANCE_BULK_WINDOW_SECONDS: seconds(3600),
  /** Compliance API: period after a window opens before the next one may open, in seconds. */
  COMPLIANCE_BULK_PERIOD_SECONDS: seconds(14400),
  /** Accepted clock difference for signed redirects, in seconds. */
  SIGNATURE_MAX_SKEW_SECONDS: seconds(300),
  /** Lifetime of an access session that has no decision yet, in seconds. */
  SESSION_PENDING_TTL_SECONDS: seconds(900),
  /** Lifetime of a decision, in seconds, counted from when it was made. */
  SESSION_DECISION_TTL_SECONDS: seconds(3600),
  /** Whether a device in its grace period is allowed (with the deadline shown). */
  GRACE_PERIOD_ALLOWS: bool.default(true),
  /** Store operations slower than this many milliseconds fail (fail fast, never hang). */
  STORE_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  /** Organization name shown in the page header and the support block, e.g. `Contoso IT`. */
  ORG_NAME: z.string().trim().min(1).max(80).optional(),
  /** Helpdesk phone number shown on blocked and error pages (digits, spaces, + ( ) - . /). */
  HELPDESK_PHONE: z.string().trim().regex(/^\+?[0-9 ()./-]{3,32}$/, 'HELPDESK_PHONE: digits, spaces and + ( ) - . / only').optional(),
  /** Helpdesk e-mail address shown on blocked and error pages. */
  HELPDESK_EMAIL: z.email().max(120).optional(),
  /** Helpdesk web page shown on blocked and error pages (http or https). */
  HELPDESK_URL: z.url({ protocol: /^https?$/ }).max(300).optional(),
  /** Logo shown in the page header: a local PNG, SVG or WebP file of at most 8 KB, served by Vestibule itself. */
  LOGO_FILE: z.string().regex(/\.(png|svg|webp)$/i, 'LOGO_FILE must be a .png, .svg or .webp file').optional(),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof schema>;

export interface Config {
  env: Env['NODE_ENV'];
  /** True outside production: demo data, dev IdP and demo pages are allowed. */
  devMode: boolean;
  port: number;
  publicUrl: URL;
  storeUrl: string;
  redisKeyPrefix: string;
  sessionSecret: string;
  gatewaysFile: string;
  provider: Env['COMPLIANCE_PROVIDER'];
  localInventoryFile: string;
  localPolicyFile: string;
  inventoryApiKey: string | undefined;
  devUsersFile: string;
  oidc: { issuer: string; clientId: string; clientSecret: string } | undefined;
  intune: {
    tenantId: string;
    clientId: string;
    /** Empty when the app authenticates with a certificate. */
    clientSecret: string;
    /** Path of the PEM (certificate + RSA key); read and checked by the composition root. */
    clientCertificateFile: string | undefined;
    authorityUrl: string;
    graphBaseUrl: string;
  };
  deviceSyncMinIntervalMs: number;
  evaluationDeadlineMs: number;
  trustProxy: string[];
  clientCertHeader: string;
  clientCaFile: string | undefined;
  bulkWindowSeconds: number;
  bulkPeriodSeconds: number;
  signatureMaxSkewSeconds: number;
  pendingTtlMs: number;
  decisionTtlMs: number;
  graceAllows: boolean;
  storeTimeoutMs: number;
  logLevel: Env['LOG_LEVEL'];
  /** Who the person on a blocked page should call: all optional, shown where set. */
  branding: { orgName?: string; helpdeskPhone?: string; helpdeskEmail?: string; helpdeskUrl?: string; logoFile?: string };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const DEMO = {
  gateways: './config/demo/gateways.json',
  inventory: './config/demo/inventory.json',
  policy: './config/demo/policy.json',
  users: './config/demo/users.json',
  inventoryApiKey: 'demo-inventory-key-for-development-only-0000',
};

/** Parses and checks the environment. Throws ConfigError naming every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const devMode = e.NODE_ENV !== 'production';
  const missing: string[] = [];
  const need = <T>(value: T | undefined, key: string, devDefault?: T): T => {
    if (value !== undefined && value !== '') return value;
    if (devMode && devDefault !== undefined) return devDefault;
    missing.push(key);
    return undefined as T;
  };

  // In development an unset OIDC issuer means "use the embedded dev IdP".
  const requireInProduction = (key: string): undefined => {
    if (!devMode) missing.push(key);
    return undefined;
  };
  const port = e.PORT;
  // Missing in production: a placeholder keeps the URL constructor quiet until the missing-keys error below.
  const publicUrl = need(e.PUBLIC_URL, 'PUBLIC_URL', `http://localhost:${port}`) ?? 'http://localhost';
  const config: Config = {
    env: e.NODE_ENV,
    devMode,
    port,
    publicUrl: new URL(publicUrl),
    storeUrl: e.STORE_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    sessionSecret: need(e.SESSION_SECRET, 'SESSION_SECRET', randomBytes(32).toString('base64url')),
    gatewaysFile: need(e.GATEWAYS_FILE, 'GATEWAYS_FILE', DEMO.gateways),
    provider: e.COMPLIANCE_PROVIDER,
    localInventoryFile: e.COMPLIANCE_PROVIDER === 'local' ? need(e.LOCAL_INVENTORY_FILE, 'LOCAL_INVENTORY_FILE', DEMO.inventory) : (e.LOCAL_INVENTORY_FILE ?? DEMO.inventory),
    localPolicyFile: e.COMPLIANCE_PROVIDER === 'local' ? need(e.LOCAL_POLICY_FILE, 'LOCAL_POLICY_FILE', DEMO.policy) : (e.LOCAL_POLICY_FILE ?? DEMO.policy),
    inventoryApiKey: e.INVENTORY_API_KEY ?? (devMode ? DEMO.inventoryApiKey : undefined),
    devUsersFile: e.DEV_USERS_FILE ?? DEMO.users,
    oidc: e.OIDC_ISSUER
      ? { issuer: e.OIDC_ISSUER, clientId: need(e.OIDC_CLIENT_ID, 'OIDC_CLIENT_ID'), clientSecret: need(e.OIDC_CLIENT_SECRET, 'OIDC_CLIENT_SECRET') }
      : requireInProduction('OIDC_ISSUER'),
    intune: {
      tenantId: e.INTUNE_TENANT_ID ?? '',
      clientId: e.INTUNE_CLIENT_ID ?? '',
      clientSecret: e.INTUNE_CLIENT_SECRET ?? '',
      clientCertificateFile: e.INTUNE_CLIENT_CERTIFICATE_FILE || undefined,
      authorityUrl: e.INTUNE_AUTHORITY_URL,
      graphBaseUrl: e.GRAPH_BASE_URL,
    },
    deviceSyncMinIntervalMs: e.DEVICE_SYNC_MIN_INTERVAL_SECONDS * 1000,
    evaluationDeadlineMs: e.EVALUATION_DEADLINE_SECONDS * 1000,
    trustProxy: e.TRUST_PROXY.split(',').map((entry) => entry.trim()).filter(Boolean),
    clientCertHeader: e.CLIENT_CERT_HEADER.toLowerCase(),
    clientCaFile: e.CLIENT_CA_FILE,
    bulkWindowSeconds: e.COMPLIANCE_BULK_WINDOW_SECONDS,
    bulkPeriodSeconds: e.COMPLIANCE_BULK_PERIOD_SECONDS,
    signatureMaxSkewSeconds: e.SIGNATURE_MAX_SKEW_SECONDS,
    pendingTtlMs: e.SESSION_PENDING_TTL_SECONDS * 1000,
    decisionTtlMs: e.SESSION_DECISION_TTL_SECONDS * 1000,
    graceAllows: e.GRACE_PERIOD_ALLOWS,
    storeTimeoutMs: e.STORE_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    branding: { orgName: e.ORG_NAME, helpdeskPhone: e.HELPDESK_PHONE, helpdeskEmail: e.HELPDESK_EMAIL, helpdeskUrl: e.HELPDESK_URL, logoFile: e.LOGO_FILE },
  };
  if (config.provider === 'intune') {
    for (const key of ['INTUNE_TENANT_ID', 'INTUNE_CLIENT_ID'] as const) {
      if (!e[key]) missing.push(key);
    }
    // Exactly one credential: a secret, or a certificate file.
    if (e.INTUNE_CLIENT_SECRET && e.INTUNE_CLIENT_CERTIFICATE_FILE) {
      throw new ConfigError('INTUNE_CLIENT_SECRET and INTUNE_CLIENT_CERTIFICATE_FILE are both set: pick one credential for the Graph app and unset the other');
    }
    if (!e.INTUNE_CLIENT_SECRET && !e.INTUNE_CLIENT_CERTIFICATE_FILE) missing.push('INTUNE_CLIENT_SECRET (or INTUNE_CLIENT_CERTIFICATE_FILE)');
  }
  // Every URL we build is origin + absolute path; a PUBLIC_URL with a path would be half-honoured.
  if (config.publicUrl.pathname !== '/' || config.publicUrl.search || config.publicUrl.hash) {
    throw new ConfigError('PUBLIC_URL must be an origin without a path, query or fragment (e.g. https://portal.example.com)');
  }
  if (!devMode && config.storeUrl.startsWith('memory:')) {
    throw new ConfigError('STORE_URL=memory:// loses every session on restart and cannot be used in production');
  }
  if (missing.length > 0) {
    throw new ConfigError(`missing required settings for NODE_ENV=${e.NODE_ENV}: ${missing.join(', ')}`);
  }
  return config;
}
