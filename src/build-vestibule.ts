import { readFileSync } from 'node:fs';
import { Router, type Express } from 'express';
import type { Logger } from 'pino';
import { createComplianceApiRouter, createDiscoveryHandler } from './api/compliance/index.js';
import { createApp, type AppDeps } from './app.js';
import { createIseRouter } from './api/ise/ise-router.js';
import { nacLegacyRouter } from './api/nac-legacy/nac-legacy-router.js';
import { PROJECT_ROOT } from './config/paths.js';
import { inventoryApi } from './api/inventory/inventory-api.js';
import type { ProviderInstance, ProviderRoute } from './providers/provider-plugin.js';
import type { Config } from './config/config.js';
import { demoRoutes, demoScenarios } from './demo/demo-routes.js';
import { describeOutcome } from './demo/describe-outcome.js';
import type { InventoryDevice } from './providers/local/inventory-schema.js';
import { createRateLimiters } from './http/rate-limits.js';
import { adminApp } from './http/health-routes.js';
import { openStores } from './store/open-stores.js';
import { rateLimitStoreFactory } from './store/rate-limit-stores.js';
import type { Stores } from './core/store/types.js';
import { AccessSessionRepository } from './core/sessions/access-session-repository.js';
import { radiusApi } from './api/radius/radius-api.js';
import { RADIUS_CONTEXTS, RadiusSessions, type RadiusContext } from './gateway/dialects/radius/radius-sessions.js';
import { prepareVestibule, type PreparedVestibule } from './prepare-vestibule.js';

export interface Vestibule {
  app: Express;
  /** /healthz, the detailed /readyz and /metrics for the admin listener (ADMIN_PORT); undefined when not configured. */
  admin: Express | undefined;
  stores: Stores;
  close(): Promise<void>;
}

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
 * The part of the start that needs the store: opens it, creates the provider (the local one
 * seeds its inventory), mounts every route and builds the app. Throws StoreUnavailableError
 * while the store does not answer, and then leaves nothing open (no store client, no
 * provider timer), so src/start-when-ready.ts can simply call it again. Aborting `signal`
 * drops a store connection still being made.
 */
export async function connectVestibule(prepared: PreparedVestibule, options: { logger: Logger; now?: () => number; signal?: AbortSignal }): Promise<Vestibule> {
  const { config } = prepared;
  const stores = await openStores(config.storeUrl, {
    timeoutMs: config.storeTimeoutMs,
    now: options.now,
    redisKeyPrefix: config.redisKeyPrefix,
    signal: options.signal,
  });
  let instance: ProviderInstance | undefined;
  try {
    instance = await prepared.plugin.create(config.providerSettings, { stores, logger: options.logger, now: options.now });
    return routesAndApp(prepared, stores, instance, options);
  } catch (error) {
    // A store that failed half-way (while seeding), or a bad file: leave nothing open behind the error.
    instance?.close();
    await stores.close();
    throw error;
  }
}

/** Mounts the APIs, the sign-in and the demo around the portal and builds the app (and the admin app). */
function routesAndApp(prepared: PreparedVestibule, stores: Stores, instance: ProviderInstance, options: { logger: Logger; now?: () => number }): Vestibule {
  const { config, registry } = prepared;
  const { logger, now } = options;
  const provider = instance.provider;
  const extraRoutes: NonNullable<AppDeps['extraRoutes']> = [];
  const rateLimits = createRateLimiters(config.rateLimits, rateLimitStoreFactory(stores, config.redisKeyPrefix, config.storeTimeoutMs), logger);
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
      limit: rateLimits.iseApi,
      now,
    }),
  });
  extraRoutes.push({
    path: '/nac/StatelessNACService',
    // The same compliance reads as /api/compliance, with the same keys: one budget per key for both.
    router: nacLegacyRouter({ registry, provider, graceAllows: config.graceAllows, limit: rateLimits.complianceApi }),
  });
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
    // Over the limit rlm_rest gets a 429 problem: it reads no verdict from it and the shipped policy rejects (fails closed).
    router: Router().use(
      rateLimits.radiusApi,
      radiusApi({ registry, provider, radiusSessions, publicUrl: config.publicUrl, graceAllows: config.graceAllows, logger, now }),
    ),
  });
  extraRoutes.push({ path: '/.well-known/vestibule', router: Router().get('/', createDiscoveryHandler({ publicUrl: config.publicUrl })) });
  extraRoutes.push(...prepared.signInRoutes);

  const { devUsers, demoGateway } = prepared;
  if (devUsers && demoGateway) {
    // Local: one button per demo device. Intune: the free-form form only (devices live in the tenant or the fake Graph).
    const devices = instance.demoDevices?.() ?? [];
    const usernameOf = (oid: string) => devUsers.byOid(oid)?.username ?? 'nobody';
    const judge = instance.demoEvaluate;
    const outcomeOf = judge ? (device: InventoryDevice) => describeOutcome(judge(device)) : undefined;
    extraRoutes.push({
      path: '/demo',
      router: demoRoutes({ gateway: demoGateway, scenarios: demoScenarios(devices, usernameOf, outcomeOf), publicUrl: config.publicUrl, now }),
    });
  }

  const { metrics } = prepared;
  const app = createApp({
    config,
    stores,
    provider,
    registry,
    logger,
    signIn: prepared.signIn,
    extraRoutes,
    rateLimits,
    metrics,
    certificate: prepared.certificate,
    now,
  });
  const admin = config.admin ? adminApp({ stores, provider, metrics: metrics.registry }) : undefined;
  return {
    app,
    admin,
    stores,
    async close() {
      instance.close();
      await stores.close();
    },
  };
}

/**
 * The composition root in one call: prepareVestibule (no store), then connectVestibule.
 * Used by the tests, so they run exactly what ships; src/server.ts calls the two halves
 * itself so that it can answer 503 and retry while the store is not there yet.
 */
export async function buildVestibule(config: Config, options: { logger: Logger; env: NodeJS.ProcessEnv; now?: () => number }): Promise<Vestibule> {
  return connectVestibule(await prepareVestibule(config, options), options);
}
