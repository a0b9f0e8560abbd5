import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { bool, isMissingIssue, reportMissing, seconds } from './config-support.js';

/** A setting or settings file that stops the start; the message names the key or file. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * What the config needs of a compliance provider plug-in: its settings schema. The plug-ins
 * themselves (src/providers/registry.ts) are handed in by the composition layer
 * (src/load-config.ts), since this bottom layer imports nothing above it.
 */
export interface ProviderSettingsSource {
  settings(mode: { devMode: boolean }): z.ZodType<unknown>;
}

/**
 * Every core setting Vestibule reads, each with its doc line (`.describe`) and default; the
 * compliance provider's own keys are in its plug-in (src/providers/registry.ts). This schema,
 * its transform below and the plug-ins' schemas are the only description of the settings:
 * `Config` is their output type and docs/configuration.md is tested against them.
 */
export const envSchema = z.looseObject({
  NODE_ENV: z
    .enum(['development', 'production', 'test'])
    .default('development')
    .describe('`production` turns off every development default, the dev IdP and the demo pages.'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('TCP port to listen on.'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('Address at which browsers and gateways reach Vestibule; every absolute URL we build starts here.'),
  STORE_URL: z
    .string()
    .default('sqlite://./data/vestibule.sqlite')
    .describe('Where state lives: sqlite://path, redis://host:port, or memory:// (single process, tests).'),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/)
    .default('vestibule:')
    .describe('Redis only: prefix of every key and channel, so several deployments can share one Redis.'),
  SESSION_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe('Signs the browser session cookie; at least 32 characters. Random per start in development.'),
  GATEWAYS_FILE: z.string().optional().describe('JSON file listing the gateways, their secrets, API keys and return URLs.'),
  COMPLIANCE_PROVIDER: z
    .string()
    .default('local')
    .describe('Compliance authority, a registered provider: `local` (files + ingest API) or `intune` (Microsoft Graph).'),
  DEV_USERS_FILE: z.string().optional().describe('Development IdP: the users who can sign in.'),
  OIDC_ISSUER: z
    .url()
    .optional()
    .describe('OIDC issuer for sign-in, e.g. https://login.microsoftonline.com/{tenant}/v2.0. Unset in development: embedded dev IdP.'),
  OIDC_CLIENT_ID: z.string().min(1).optional().describe('OIDC client id of the sign-in app registration.'),
  OIDC_CLIENT_SECRET: z.string().min(1).optional().describe('OIDC client secret of the sign-in app registration.'),
  OIDC_CA_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('PEM file of CA certificate(s) trusted, next to the public roots, for TLS to the OIDC issuer only (an IdP with a private CA).'),
  EVALUATION_DEADLINE_SECONDS: seconds(20).describe('How long a portal visit waits for a fresh evaluation before showing the last known state.'),
  TRUST_PROXY: z.string().default('').describe('Comma-separated proxy addresses/CIDRs whose X-Forwarded-* and certificate headers are trusted.'),
  CLIENT_CERT_HEADER: z.string().default('X-Client-Cert').describe('Header in which the trusted TLS proxy forwards the client certificate (URL-encoded PEM).'),
  CLIENT_CA_FILE: z.string().optional().describe('PEM file of the CA(s) that issue device certificates.'),
  COMPLIANCE_BULK_WINDOW_SECONDS: seconds(3600).describe('Compliance API: length of a bulk window, in seconds.'),
  COMPLIANCE_BULK_PERIOD_SECONDS: seconds(14400).describe('Compliance API: period after a window opens before the next one may open, in seconds.'),
  SIGNATURE_MAX_SKEW_SECONDS: seconds(300).describe('Accepted clock difference for signed redirects, in seconds.'),
  SESSION_PENDING_TTL_SECONDS: seconds(900).describe('Lifetime of an access session that has no decision yet, in seconds.'),
  SESSION_DECISION_TTL_SECONDS: seconds(3600).describe('Lifetime of a decision, in seconds, counted from when it was made.'),
  GRACE_PERIOD_ALLOWS: bool
    .default(true)
    .describe('Whether a device in its grace period is allowed (with the deadline shown); also whether Cisco ISE is told such a device is compliant.'),
  ISE_QUERY_MAX_SIZE: z.coerce
    .number()
    .int()
    .min(2)
    .max(5000)
    .default(1000)
    .describe('Cisco ISE MDM API: most records per bulk page (`query_max_size` in mdminfo); at least 2, the most MACs one device is listed under.'),
  USERLESS_DEVICES: z
    .string()
    .trim()
    .regex(/^(deny|any-user|group:\S{1,128})$/, 'must be deny, any-user or group:<group object id>')
    .default('deny')
    .describe(
      "Devices without a primary user (shared/kiosk): `deny`, `any-user`, or `group:<group object id>` (only users whose ID token's `groups` claim lists it). See docs/intune-setup.md.",
    ),
  STORE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(2000)
    .describe('Store operations slower than this many milliseconds fail (fail fast, never hang).'),
  BIND_ADDRESS: z
    .string()
    .min(1)
    .default('0.0.0.0')
    .describe('Address to listen on: `0.0.0.0`/`::` for every interface, or one address such as 10.0.0.5 or 127.0.0.1.'),
  ADMIN_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .optional()
    .describe('Port of a separate admin listener serving /metrics and the detailed /readyz; unset: no admin listener.'),
  ADMIN_BIND_ADDRESS: z.string().min(1).default('127.0.0.1').describe('Address of the admin listener; keep it on loopback or a management network.'),
  METRICS_TOKEN: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe('Bearer token that unlocks /metrics and the detailed /readyz on the public port; at least 32 characters.'),
  RATE_LIMIT_WINDOW_SECONDS: seconds(60).describe('Rate limits: length of the counting window, in seconds; every RATE_LIMIT_* count is per window.'),
  RATE_LIMIT_INTAKE: seconds(20).describe('Rate limit: accepted signed redirects (/g/…) per gateway and device MAC.'),
  RATE_LIMIT_PORTAL: seconds(30).describe('Rate limit: sign-in starts and Check again presses per portal visit (/p/{handle}).'),
  RATE_LIMIT_SESSION_API: seconds(1200).describe('Rate limit: session API requests per API key (or client address when none is sent).'),
  RATE_LIMIT_SESSION_API_FAILURES: seconds(60).describe('Rate limit: session API requests answered 4xx (unknown token, bad key) per API key or address.'),
  RATE_LIMIT_COMPLIANCE_API: seconds(600).describe('Rate limit: compliance API requests per API key, the legacy NAC API (/nac/StatelessNACService) included.'),
  RATE_LIMIT_INVENTORY_API: seconds(3000).describe('Rate limit: inventory ingest API requests per API key.'),
  RATE_LIMIT_ISE_API: seconds(3000).describe(
    'Rate limit: Cisco ISE MDM API requests (mdminfo and device queries) per presented Basic credential; set it above the peak authentications ISE asks about per window.',
  ),
  RATE_LIMIT_RADIUS_API: seconds(3000).describe(
    'Rate limit: RADIUS authorize requests (FreeRADIUS rlm_rest) per API key; over it FreeRADIUS gets a 429 and rejects, so set it above the peak authentications per window.',
  ),
  DEVICE_CHECK_COOLDOWN_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(15)
    .describe("Intune: seconds a device's lookup and finished evaluation are reused by every visit and instance (0: off)."),
  TLS_CERT_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('PEM certificate chain: Vestibule then serves HTTPS itself (e.g. as an openNDS level-3 FAS). Needs TLS_KEY_FILE.'),
  TLS_KEY_FILE: z.string().min(1).optional().describe('PEM private key for TLS_CERT_FILE.'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level.'),
  ORG_NAME: z.string().trim().min(1).max(80).optional().describe('Organization name shown in the page header and the support block, e.g. `Contoso IT`.'),
  HELPDESK_PHONE: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()./-]{3,32}$/, 'digits, spaces and + ( ) - . / only')
    .optional()
    .describe('Helpdesk phone number shown on blocked and error pages (digits, spaces, + ( ) - . /).'),
  HELPDESK_EMAIL: z.email().max(120).optional().describe('Helpdesk e-mail address shown on blocked and error pages.'),
  HELPDESK_URL: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .optional()
    .describe('Helpdesk web page shown on blocked and error pages; a person on the captive network reaches it only if the gateway lets it through.'),
  LOGO_FILE: z
    .string()
    .regex(/\.(png|svg|webp)$/i, 'must be a .png, .svg or .webp file')
    .optional()
    .describe('Logo in the page header: a local PNG, SVG or WebP file of at most 8 KB, served by Vestibule at /brand/logo.'),
});

/** Requests allowed per `windowMs`, per client (address, API key, portal visit or device); see docs/operations.md. */
export interface RateLimits {
  windowMs: number;
  intake: number;
  portal: number;
  sessionApi: number;
  sessionApiFailures: number;
  complianceApi: number;
  inventoryApi: number;
  iseApi: number;
  radiusApi: number;
}

/** Demo files shipped in config/demo/; development only. */
const DEMO = {
  gateways: './config/demo/gateways.json',
  users: './config/demo/users.json',
};

/**
 * The environment → `Config`. Development gets working defaults so `npm start` runs
 * offline; production refuses them: each required and unset key is reported as missing.
 */
export const configSchema = (providers: ReadonlyMap<string, ProviderSettingsSource>) =>
  envSchema.transform((e, ctx) => {
    const devMode = e.NODE_ENV !== 'production';
    const need = <T>(value: T | undefined, key: string, devDefault?: T): T => {
      if (value !== undefined && value !== '') return value;
      if (devMode && devDefault !== undefined) return devDefault;
      reportMissing(ctx, key);
      return undefined as T;
    };
    const port = e.PORT;
    // Missing in production: a placeholder keeps the URL constructor quiet until the missing-keys error.
    const publicUrl = new URL(need(e.PUBLIC_URL, 'PUBLIC_URL', `http://localhost:${port}`) ?? 'http://localhost');
    const sessionSecret = need(e.SESSION_SECRET, 'SESSION_SECRET', randomBytes(32).toString('base64url'));
    const gatewaysFile = need(e.GATEWAYS_FILE, 'GATEWAYS_FILE', DEMO.gateways);
    const providerSettings = readProviderSettings(e, devMode, ctx, providers);
    // In development an unset OIDC issuer means "use the embedded dev IdP".
    const oidc = e.OIDC_ISSUER
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: need(e.OIDC_CLIENT_ID, 'OIDC_CLIENT_ID'),
          clientSecret: need(e.OIDC_CLIENT_SECRET, 'OIDC_CLIENT_SECRET'),
          caFile: e.OIDC_CA_FILE,
        }
      : undefined;
    if (!e.OIDC_ISSUER && !devMode) reportMissing(ctx, 'OIDC_ISSUER');
    if (e.OIDC_CA_FILE && !e.OIDC_ISSUER) ctx.addIssue({ code: 'custom', message: 'OIDC_CA_FILE is for OIDC_ISSUER; set the issuer, or remove the CA file' });
    // Every URL we build is origin + absolute path; a PUBLIC_URL with a path would be half-honoured.
    if (publicUrl.pathname !== '/' || publicUrl.search || publicUrl.hash) {
      ctx.addIssue({ code: 'custom', message: 'PUBLIC_URL must be an origin without a path, query or fragment (e.g. https://portal.example.com)' });
    }
    if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) {
      ctx.addIssue({ code: 'custom', message: 'TLS_CERT_FILE and TLS_KEY_FILE go together: set both to serve HTTPS, or neither' });
    }
    if (!devMode && e.STORE_URL.startsWith('memory:')) {
      ctx.addIssue({ code: 'custom', message: 'STORE_URL=memory:// loses every session on restart and cannot be used in production' });
    }
    return {
      env: e.NODE_ENV,
      /** True outside production: demo data, dev IdP and demo pages are allowed. */
      devMode,
      port,
      publicUrl,
      storeUrl: e.STORE_URL,
      redisKeyPrefix: e.REDIS_KEY_PREFIX,
      sessionSecret,
      gatewaysFile,
      /** Name of the compliance provider plug-in (a key of src/providers/registry.ts). */
      provider: e.COMPLIANCE_PROVIDER,
      /** That plug-in's settings, as its own schema produced them; only its factory reads them. */
      providerSettings,
      devUsersFile: e.DEV_USERS_FILE ?? DEMO.users,
      oidc,
      evaluationDeadlineMs: e.EVALUATION_DEADLINE_SECONDS * 1000,
      /** Who the person on a blocked page should call: all optional, shown where set. */
      branding: { orgName: e.ORG_NAME, helpdeskPhone: e.HELPDESK_PHONE, helpdeskEmail: e.HELPDESK_EMAIL, helpdeskUrl: e.HELPDESK_URL, logoFile: e.LOGO_FILE },
      trustProxy: e.TRUST_PROXY.split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
      clientCertHeader: e.CLIENT_CERT_HEADER.toLowerCase(),
      clientCaFile: e.CLIENT_CA_FILE,
      bulkWindowSeconds: e.COMPLIANCE_BULK_WINDOW_SECONDS,
      bulkPeriodSeconds: e.COMPLIANCE_BULK_PERIOD_SECONDS,
      signatureMaxSkewSeconds: e.SIGNATURE_MAX_SKEW_SECONDS,
      pendingTtlMs: e.SESSION_PENDING_TTL_SECONDS * 1000,
      decisionTtlMs: e.SESSION_DECISION_TTL_SECONDS * 1000,
      graceAllows: e.GRACE_PERIOD_ALLOWS,
      iseQueryMaxSize: e.ISE_QUERY_MAX_SIZE,
      /** USERLESS_DEVICES as written (checked above, read by core/visit/userless-policy.ts). */
      userless: e.USERLESS_DEVICES,
      storeTimeoutMs: e.STORE_TIMEOUT_MS,
      bindAddress: e.BIND_ADDRESS,
      /** Admin listener (/metrics, detailed /readyz); undefined: none. */
      admin: e.ADMIN_PORT === undefined ? undefined : { port: e.ADMIN_PORT, bindAddress: e.ADMIN_BIND_ADDRESS },
      metricsToken: e.METRICS_TOKEN,
      rateLimits: {
        windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000,
        intake: e.RATE_LIMIT_INTAKE,
        portal: e.RATE_LIMIT_PORTAL,
        sessionApi: e.RATE_LIMIT_SESSION_API,
        sessionApiFailures: e.RATE_LIMIT_SESSION_API_FAILURES,
        complianceApi: e.RATE_LIMIT_COMPLIANCE_API,
        inventoryApi: e.RATE_LIMIT_INVENTORY_API,
        iseApi: e.RATE_LIMIT_ISE_API,
        radiusApi: e.RATE_LIMIT_RADIUS_API,
      } satisfies RateLimits,
      deviceCheckCooldownMs: e.DEVICE_CHECK_COOLDOWN_SECONDS * 1000,
      /** Files to serve HTTPS with; undefined: plain HTTP (behind a TLS proxy, or development). */
      tls: e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE } : undefined,
      logLevel: e.LOG_LEVEL,
    };
  });

/** The parsed settings every part of Vestibule receives; `loadConfig` is the only reader of the environment. */
export type Config = z.output<ReturnType<typeof configSchema>>;

/** Runs the chosen provider plug-in's schema over the environment, carrying its issues over. */
function readProviderSettings(
  env: Record<string, unknown>,
  devMode: boolean,
  ctx: z.RefinementCtx,
  providers: ReadonlyMap<string, ProviderSettingsSource>,
): unknown {
  const name = env.COMPLIANCE_PROVIDER as string;
  const plugin = providers.get(name);
  if (!plugin) {
    ctx.addIssue({
      code: 'custom',
      path: ['COMPLIANCE_PROVIDER'],
      message: `unknown provider "${name}"; known providers: ${[...providers.keys()].join(', ')}`,
    });
    return undefined;
  }
  const parsed = plugin.settings({ devMode }).safeParse(env);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, params: issue.code === 'custom' ? issue.params : undefined });
  return undefined;
}

/**
 * Parses and checks the environment, reading the chosen provider's keys with its plug-in from
 * `providers`. A variable set to the empty string counts as unset (`ORG_NAME=` in an env file
 * or a compose file means "not configured", not "an empty name"). Throws ConfigError naming
 * every bad key, or every missing one. The composition layer's `loadConfig`
 * (src/load-config.ts) passes the registry.
 */
export function loadConfigWith(env: NodeJS.ProcessEnv, providers: ReadonlyMap<string, ProviderSettingsSource>): Config {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema(providers).safeParse(set);
  if (parsed.success) return parsed.data;
  const invalid = parsed.error.issues.filter((issue) => !isMissingIssue(issue));
  if (invalid.length > 0) {
    const lines = invalid.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const missing = parsed.error.issues.map((issue) => issue.path.join('.'));
  throw new ConfigError(`missing required settings for NODE_ENV=${set.NODE_ENV ?? 'development'}: ${missing.join(', ')}`);
}
