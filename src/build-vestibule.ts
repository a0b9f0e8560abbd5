import { readFileSync } from 'node:fs';
import { Router, type Express, type Request } from 'express';
import type { Logger } from 'pino';
import { createComplianceApiRouter, createDiscoveryHandler } from './api/compliance/index.js';
import { createApp, type AppDeps } from './app.js';
import { createDevIdp } from './auth/dev-idp/create-dev-idp.js';
import { DevUsers } from './auth/dev-idp/dev-users.js';
import { devIdpCsp } from './auth/dev-idp/dev-idp-csp.js';
import { devIdpInteractions } from './auth/dev-idp/interaction-routes.js';
import { createOidcStrategy } from './auth/oidc-strategy.js';
import { createSignIn } from './auth/sign-in.js';
import { readClientCertificateFile } from './providers/intune/client-certificate.js';
import { createIntuneProvider, INTUNE_DEFAULTS } from './providers/intune/create-intune-provider.js';
import { createLocalProvider } from './providers/local/create-local-provider.js';
import { inventoryApi } from './api/inventory/inventory-api.js';
import { loadPolicyFile } from './providers/local/policy-schema.js';
import { evaluateDevice } from './providers/local/evaluate-device.js';
import type { InventoryDevice } from './providers/local/inventory-schema.js';
import { describeOutcome } from './demo/describe-outcome.js';
import { seedInventory, readInventoryFile } from './providers/local/seed-inventory.js';
import type { ComplianceProvider } from './core/compliance/types.js';
import type { Config } from './config/config.js';
import { readDemoGateway } from './demo/demo-gateway.js';
import { demoRoutes, demoScenarios } from './demo/demo-routes.js';
import { InvalidInputError } from './core/errors.js';
import { loadGateways } from './gateway/gateway-registry.js';
import { createClientCertReader } from './identity/client-cert.js';
import { openStores } from './store/open-stores.js';
import type { Stores } from './core/store/types.js';

export interface Vestibule {
  app: Express;
  stores: Stores;
  close(): Promise<void>;
}

const DEV_IDP_PATH = '/dev-idp';

/**
 * The composition root: turns a validated Config into stores, provider, sign-in and the
 * app. Used by src/server.ts and by the flow tests, so tests run exactly what ships.
 */
export async function buildVestibule(config: Config, options: { logger: Logger; env: NodeJS.ProcessEnv; now?: () => number }): Promise<Vestibule> {
  const { logger, now } = options;
  // Read and checked before anything is opened: a bad certificate file stops the start with a ConfigError.
  const certificateFile = config.provider === 'intune' ? config.intune.clientCertificateFile : undefined;
  const intuneCertificate = certificateFile ? readClientCertificateFile(certificateFile) : undefined;
  if (intuneCertificate && intuneCertificate.validTo.getTime() <= (now ?? Date.now)()) {
    logger.warn({ file: certificateFile, validTo: intuneCertificate.validTo.toISOString() }, 'INTUNE_CLIENT_CERTIFICATE_FILE: the certificate has expired; Entra will refuse it');
  }
  const registry = loadGateways(config.gatewaysFile, { devMode: config.devMode, env: options.env, publicUrl: config.publicUrl });
  const stores = await openStores(config.storeUrl, { timeoutMs: config.storeTimeoutMs, now, redisKeyPrefix: config.redisKeyPrefix });
  const extraRoutes: NonNullable<AppDeps['extraRoutes']> = [];
  const closers: Array<() => void> = [];

  let provider: ComplianceProvider;
  if (config.provider === 'local') {
    const local = createLocalProvider({ stores, policy: loadPolicyFile(config.localPolicyFile), now });
    const { loaded } = await seedInventory(config.localInventoryFile, local.inventory, stores, (now ?? Date.now)());
    if (loaded > 0) logger.info({ devices: loaded, file: config.localInventoryFile }, 'inventory file loaded into the store');
    if (config.inventoryApiKey) extraRoutes.push({ path: '/api/v1/inventory', router: inventoryApi({ inventory: local.inventory, apiKey: config.inventoryApiKey }) });
    provider = local;
  } else {
    const { clientCertificateFile: _file, clientSecret, ...intuneSettings } = config.intune;
    const credential = intuneCertificate ? { clientCertificate: intuneCertificate } : { clientSecret };
    const intune = createIntuneProvider({ ...INTUNE_DEFAULTS, ...intuneSettings, ...credential, stores, syncMinIntervalMs: config.deviceSyncMinIntervalMs, logger, now });
    closers.push(() => intune.close());
    provider = intune;
  }
  extraRoutes.push({ path: '/api/compliance', router: createComplianceApiRouter({ registry, provider, stores, bulkWindowSeconds: config.bulkWindowSeconds, bulkPeriodSeconds: config.bulkPeriodSeconds, publicUrl: config.publicUrl, cursorSecret: config.sessionSecret, now }) });
  extraRoutes.push({ path: '/.well-known/vestibule', router: Router().get('/', createDiscoveryHandler({ publicUrl: config.publicUrl })) });

  const callbackUrl = new URL('/auth/callback', config.publicUrl);
  let signIn;
  if (config.oidc) {
    const oidc = config.oidc;
    signIn = createSignIn(() => createOidcStrategy({ ...oidc, callbackUrl }));
  } else {
    const users = DevUsers.load(config.devUsersFile);
    const idp = await createDevIdp({ devMode: config.devMode, publicUrl: config.publicUrl, users, mountPath: DEV_IDP_PATH, trustProxy: config.trustProxy.length > 0 });
    extraRoutes.push({ path: `${DEV_IDP_PATH}/interaction`, router: devIdpInteractions(idp, users) });
    extraRoutes.push({ path: DEV_IDP_PATH, router: devIdpCsp });
    extraRoutes.push({ path: DEV_IDP_PATH, router: idp.provider.callback() as never });
    signIn = createSignIn(() => createOidcStrategy({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, callbackUrl, allowInsecureRequests: config.publicUrl.protocol === 'http:' }));
    logger.warn('no OIDC_ISSUER: using the embedded development identity provider');

    const demoGateway = config.devMode ? readDemoGateway(config.gatewaysFile) : undefined;
    if (demoGateway) {
      // Local: one button per demo device. Intune: the free-form form only (devices live in the tenant or the fake Graph).
      const devices = config.provider === 'local' ? readInventoryFile(config.localInventoryFile, (now ?? Date.now)()).devices : [];
      const usernameOf = (oid: string) => users.byOid(oid)?.username ?? 'nobody';
      const policy = config.provider === 'local' ? loadPolicyFile(config.localPolicyFile) : undefined;
      const outcomeOf = (device: InventoryDevice) => (policy ? describeOutcome(evaluateDevice(device, policy, (now ?? Date.now)())) : 'Sign in and see');
      extraRoutes.push({ path: '/demo', router: demoRoutes({ gateway: demoGateway, scenarios: demoScenarios(devices, usernameOf, outcomeOf), publicUrl: config.publicUrl, now }) });
    }
  }

  const readCert = createClientCertReader({ trustProxy: config.trustProxy, headerName: config.clientCertHeader, caPem: config.clientCaFile ? readFileSync(config.clientCaFile, 'utf8') : undefined, now });
  const certificateDeviceId = (req: Request) => {
    const identity = readCert(req);
    if (identity.kind === 'invalid') throw new InvalidInputError('certificate_invalid');
    return identity.kind === 'device' ? identity.deviceId : undefined;
  };

  const app = createApp({ config, stores, provider, registry, logger, signIn, extraRoutes, certificateDeviceId, now });
  return {
    app,
    stores,
    async close() {
      for (const close of closers) close();
      await stores.close();
    },
  };
}
