import type { Express } from 'express';
import type { Logger } from 'pino';
import { createApp, type AppDeps } from './app.js';
import type { ProviderInstance } from './providers/provider-plugin.js';
import type { Config } from './config/config.js';
import { demoRoutes, demoScenarios } from './demo/demo-routes.js';
import { describeOutcome } from './demo/describe-outcome.js';
import type { InventoryDevice } from './providers/local/inventory-schema.js';
import { createRateLimiters } from './http/rate-limits.js';
import { adminApp } from './http/health-routes.js';
import { openStores } from './store/open-stores.js';
import { rateLimitStoreFactory } from './store/rate-limit-stores.js';
import type { Stores } from './core/store/types.js';
import { partnerApiRoutes } from './partner-apis.js';
import { prepareVestibule, type PreparedVestibule } from './prepare-vestibule.js';

/** A built Vestibule: the portal app, the admin app, its stores, and how to let go of them. */
export interface Vestibule {
  app: Express;
  /** /healthz, the detailed /readyz and /metrics for the admin listener (ADMIN_PORT); undefined when not configured. */
  admin: Express | undefined;
  stores: Stores;
  close(): Promise<void>;
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

/** Mounts the partner APIs (partner-apis.ts), the sign-in and the demo around the portal and builds the app (and the admin app). */
function routesAndApp(prepared: PreparedVestibule, stores: Stores, instance: ProviderInstance, options: { logger: Logger; now?: () => number }): Vestibule {
  const { config, registry } = prepared;
  const { logger, now } = options;
  const provider = instance.provider;
  const extraRoutes: NonNullable<AppDeps['extraRoutes']> = [];
  const rateLimits = createRateLimiters(config.rateLimits, rateLimitStoreFactory(stores, config.redisKeyPrefix, config.storeTimeoutMs), logger);
  extraRoutes.push(...partnerApiRoutes({ config, registry, stores, instance, rateLimits, logger, now }));
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
