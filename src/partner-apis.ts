import { readFileSync } from 'node:fs';
import { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { createComplianceApiRouter, createDiscoveryHandler } from './api/compliance/index.js';
import { inventoryApi } from './api/inventory/inventory-api.js';
import { createIseRouter } from './api/ise/ise-router.js';
import { nacLegacyRouter } from './api/nac-legacy/nac-legacy-router.js';
import { radiusApi } from './api/radius/radius-api.js';
import type { Config } from './config/config.js';
import { PROJECT_ROOT } from './config/paths.js';
import { AccessSessionRepository } from './core/sessions/access-session-repository.js';
import type { Stores } from './core/store/types.js';
import type { GatewayRegistry } from './gateway/gateway-registry.js';
import { RADIUS_CONTEXTS, RadiusSessions, type RadiusContext } from './gateway/dialects/radius/radius-sessions.js';
import type { RateLimiters } from './http/rate-limits.js';
import type { ProviderInstance, ProviderRoute } from './providers/provider-plugin.js';

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
 * The APIs gateways and partners call, each behind its own rate limit, as routes to mount
 * in front of the portal (src/build-vestibule.ts): a provider's own ingest APIs, the
 * compliance API, Cisco ISE's MDM API, the legacy NAC API, the RADIUS API (with the sessions
 * whose release sends a CoA) and the discovery document.
 */
export function partnerApiRoutes(deps: {
  config: Config;
  registry: GatewayRegistry;
  stores: Stores;
  instance: ProviderInstance;
  rateLimits: RateLimiters;
  logger: Logger;
  now?: () => number;
}): Array<{ path: string; router: RequestHandler }> {
  const { config, registry, stores, instance, rateLimits, logger, now } = deps;
  const provider = instance.provider;
  const routes: Array<{ path: string; router: RequestHandler }> = [];
  // A provider's own routes are ingest APIs (the local inventory): limited per API key like one.
  for (const route of instance.routes) routes.push({ path: route.path, router: Router().use(rateLimits.inventoryApi, providerApi(route)) });
  routes.push({
    path: '/api/compliance',
    router: createComplianceApiRouter({
      registry,
      provider,
      stores,
      bulkWindowSeconds: config.bulkWindowSeconds,
      bulkPeriodSeconds: config.bulkPeriodSeconds,
      publicUrl: config.publicUrl,
      cursorSecret: config.sessionSecret,
      limit: rateLimits.complianceApi,
      now,
    }),
  });
  routes.push({
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
  routes.push({
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
  routes.push({
    path: '/api/radius',
    // Over the limit rlm_rest gets a 429 problem: it reads no verdict from it and the shipped policy rejects (fails closed).
    router: Router().use(
      rateLimits.radiusApi,
      radiusApi({ registry, provider, radiusSessions, publicUrl: config.publicUrl, graceAllows: config.graceAllows, logger, now }),
    ),
  });
  routes.push({ path: '/.well-known/vestibule', router: Router().get('/', createDiscoveryHandler({ publicUrl: config.publicUrl })) });
  return routes;
}
