import { readFileSync } from 'node:fs';
import express, { Router, type Express, type Request } from 'express';
import type { Logger } from 'pino';
import { createComplianceApiRouter, createDiscoveryHandler } from './api/compliance/index.js';
import { createApp, type AppDeps } from './app.js';
import { createIseRouter } from './api/ise/ise-router.js';
import { nacLegacyRouter } from './api/nac-legacy/nac-legacy-router.js';
import { PROJECT_ROOT } from './config/paths.js';
import { createDevIdp } from './auth/dev-idp/create-dev-idp.js';
import { DevUsers } from './auth/dev-idp/dev-users.js';
import { devIdpCsp } from './auth/dev-idp/dev-idp-csp.js';
import { devIdpInteractions } from './auth/dev-idp/interaction-routes.js';
import { createOidcStrategy } from './auth/oidc-strategy.js';
import { createSignIn } from './auth/sign-in.js';
import { inventoryApi } from './api/inventory/inventory-api.js';
import type { ProviderInstance, ProviderRoute } from './providers/provider-plugin.js';
import { providerPlugin } from './providers/registry.js';
import type { Config } from './config/config.js';
import { readDemoGateway } from './demo/demo-gateway.js';
import { demoRoutes, demoScenarios } from './demo/demo-routes.js';
import type { CertificateClaim } from './core/visit/evaluate-access.js';
import { describeOutcome } from './demo/describe-outcome.js';
import type { InventoryDevice } from './providers/local/inventory-schema.js';
import { loadGateways } from './gateway/gateway-registry.js';
import { createClientCertReader } from './identity/client-cert.js';
import { createRateLimiters } from './http/rate-limits.js';
import { healthRoutes } from './http/health-routes.js';
import { createMetrics } from './http/metrics.js';
import { openStores } from './store/open-stores.js';
import { rateLimitStoreFactory } from './store/rate-limit-stores.js';
import type { Stores } from './core/store/types.js';
import { AccessSessionRepository } from './core/sessions/access-session-repository.js';
import { radiusApi } from './api/radius/radius-api.js';
import { radiusCoaTotal } from './gateway/dialects/radius/index.js';
import { RADIUS_CONTEXTS, RadiusSessions, type RadiusContext } from './gateway/dialects/radius/radius-sessions.js';

export interface Vestibule {
  app: Express;
  /** /healthz, the detailed /readyz and /metrics for the admin listener (ADMIN_PORT); undefined when not configured. */
  admin: Express | undefined;
  stores: Stores;
  close(): Promise<void>;
}

const DEV_IDP_PATH = '/dev-idp';
/** Our version as partners see it (ISE's mdminfo `product_version`). */
const PRODUCT_VERSION = (JSON.parse(readFileSync(`${PROJECT_ROOT}/package.json`, 'utf8')) as { version: string }).version;

/** The router for an API a provider declared (providers do not import express). */
function providerApi(route: ProviderRoute): Router {
  switch (route.api) {
    case 'inventory':
      return inventoryApi({ inventory: route.inventory, apiKey: route.apiKey });
  }
}

/**
 * The composition root: turns a validated Config into stores, provider, sign-in and the
 * app. Used by src/server.ts and by the flow tests, so tests run exactly what ships.
 */
export async function buildVestibule(config: Config, options: { logger: Logger; env: NodeJS.ProcessEnv; now?: () => number }): Promise<Vestibule> {
  const { logger, now } = options;
  const registry = loadGateways(config.gatewaysFile, { devMode: config.devMode, env: options.env, publicUrl: config.publicUrl });
  const stores = await openStores(config.storeUrl, { timeoutMs: config.storeTimeoutMs, now, redisKeyPrefix: config.redisKeyPrefix });
  const extraRoutes: NonNullable<AppDeps['extraRoutes']> = [];
  const rateLimits = createRateLimiters(config.rateLimits, rateLimitStoreFactory(stores, config.redisKeyPrefix, config.storeTimeoutMs), logger);
  const closers: Array<() => void> = [];

  let instance: ProviderInstance;
  try {
    instance = await providerPlugin(config.provider).create(config.providerSettings, { stores, logger, now });
  } catch (error) {
    await stores.close(); // e.g. a bad certificate or policy file: leave nothing open behind the ConfigError
    throw error;
  }
  const provider = instance.provider;
  closers.push(() => instance.close());
  // A provider's own routes are ingest APIs (the local inventory): limited per API key like one.
  for (const route of instance.routes) extraRoutes.push({ path: route.path, router: Router().use(rateLimits.inventoryApi, providerApi(route)) });
  extraRoutes.push({
    path: '/api/compliance',
    router: Router().use(
      rateLimits.complianceApi,
      createComplianceApiRouter({
        registry,
        provider,
        stores,
        bulkWindowSeconds: config.bulkWindowSeconds,
        bulkPeriodSeconds: config.bulkPeriodSeconds,
        publicUrl: config.publicUrl,
        cursorSecret: config.sessionSecret,
        now,
      }),
    ),
  });
  extraRoutes.push({
    path: '/',
    router: createIseRouter({
      registry,
      provider,
      stores,
      publicUrl: config.publicUrl,
      graceAllows: config.graceAllows,
      queryMaxSize: config.iseQueryMaxSize,
      productVersion: PRODUCT_VERSION,
      now,
    }),
  });
  extraRoutes.push({ path: '/nac/StatelessNACService', router: nacLegacyRouter({ registry, provider, graceAllows: config.graceAllows }) });
  // RADIUS (FreeRADIUS rlm_rest): quarantined devices get portal sessions; their release (an allow) is a CoA.
  const radiusSessions = new RadiusSessions({
    sessions: new AccessSessionRepository(stores.atomic, stores.changes, { pendingTtlMs: config.pendingTtlMs, decisionTtlMs: config.decisionTtlMs, now }),
    index: stores.namespace<string>('radius-device-session'),
    contexts: stores.namespace<RadiusContext>(RADIUS_CONTEXTS),
    ttlMs: config.pendingTtlMs + config.decisionTtlMs,
    now,
  });
  extraRoutes.push({
    path: '/api/radius',
    router: radiusApi({ registry, provider, radiusSessions, publicUrl: config.publicUrl, graceAllows: config.graceAllows, logger, now }),
  });
  extraRoutes.push({ path: '/.well-known/vestibule', router: Router().get('/', createDiscoveryHandler({ publicUrl: config.publicUrl })) });

  const callbackUrl = new URL('/auth/callback', config.publicUrl);
  let signIn;
  if (config.oidc) {
    const oidc = config.oidc;
    signIn = createSignIn(() => createOidcStrategy({ ...oidc, callbackUrl }));
  } else {
    const users = DevUsers.load(config.devUsersFile);
    const idp = await createDevIdp({
      devMode: config.devMode,
      publicUrl: config.publicUrl,
      users,
      mountPath: DEV_IDP_PATH,
      trustProxy: config.trustProxy.length > 0,
    });
    extraRoutes.push({ path: `${DEV_IDP_PATH}/interaction`, router: devIdpInteractions(idp, users) });
    extraRoutes.push({ path: DEV_IDP_PATH, router: devIdpCsp });
    extraRoutes.push({ path: DEV_IDP_PATH, router: idp.provider.callback() as never });
    signIn = createSignIn(() =>
      createOidcStrategy({
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        callbackUrl,
        allowInsecureRequests: config.publicUrl.protocol === 'http:',
      }),
    );
    logger.warn('no OIDC_ISSUER: using the embedded development identity provider');

    const demoGateway = config.devMode ? readDemoGateway(config.gatewaysFile) : undefined;
    if (demoGateway) {
      // Local: one button per demo device. Intune: the free-form form only (devices live in the tenant or the fake Graph).
      const devices = instance.demoDevices?.() ?? [];
      const usernameOf = (oid: string) => users.byOid(oid)?.username ?? 'nobody';
      const judge = instance.demoEvaluate;
      const outcomeOf = judge ? (device: InventoryDevice) => describeOutcome(judge(device)) : undefined;
      extraRoutes.push({
        path: '/demo',
        router: demoRoutes({ gateway: demoGateway, scenarios: demoScenarios(devices, usernameOf, outcomeOf), publicUrl: config.publicUrl, now }),
      });
    }
  }

  const readCert = createClientCertReader({
    trustProxy: config.trustProxy,
    headerName: config.clientCertHeader,
    caPem: config.clientCaFile ? readFileSync(config.clientCaFile, 'utf8') : undefined,
    now,
  });
  const certificate = (req: Request): CertificateClaim | undefined => {
    const identity = readCert(req);
    if (identity.kind === 'device') return identity;
    if (identity.kind === 'invalid') {
      logger.warn({ reason: identity.reason }, 'client certificate refused; the attempt is denied');
      return { kind: 'refused', reason: identity.reason };
    }
    // Verified, but it names no device: the gateway's assertion decides, as without a certificate.
    if (identity.kind === 'unnamed') logger.info('client certificate names no device; using what the gateway asserted');
    return undefined;
  };

  const metrics = createMetrics();
  const app = createApp({
    config,
    stores,
    provider,
    registry,
    logger,
    signIn,
    extraRoutes,
    rateLimits,
    metrics,
    certificate,
    extraMetrics: [radiusCoaTotal],
    now,
  });
  const admin = config.admin
    ? express()
        .disable('x-powered-by')
        .use(healthRoutes({ stores, provider, metrics: metrics.registry, detail: 'everyone' }))
    : undefined;
  return {
    app,
    admin,
    stores,
    async close() {
      for (const close of closers) close();
      await stores.close();
    },
  };
}
