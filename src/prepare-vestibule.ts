import { readFileSync } from 'node:fs';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { createDevIdp } from './auth/dev-idp/create-dev-idp.js';
import { DevUsers } from './auth/dev-idp/dev-users.js';
import { devIdpInteractions } from './auth/dev-idp/interaction-routes.js';
import { createOidcStrategy } from './auth/oidc-strategy.js';
import { fetchTrustingCaFile } from './auth/idp-fetch.js';
import { createSignIn, type SignIn } from './auth/sign-in.js';
import type { Config } from './config/config.js';
import type { CertificateClaim } from './core/visit/evaluate-access.js';
import { readDemoGateway, type DemoGateway } from './demo/demo-gateway.js';
import { radiusCoaTotal } from './gateway/dialects/radius/index.js';
import { loadGateways, type GatewayRegistry } from './gateway/gateway-registry.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { createClientCertReader } from './identity/client-cert.js';
import type { ProviderPlugin } from './providers/provider-plugin.js';
import { providerPlugin } from './providers/registry.js';

const DEV_IDP_PATH = '/dev-idp';

/** Everything a start reads, checks and builds before it needs the store (src/build-vestibule.ts uses it). */
export interface PreparedVestibule {
  config: Config;
  registry: GatewayRegistry;
  plugin: ProviderPlugin<unknown>;
  signIn: SignIn;
  /** The embedded IdP's routers (development without OIDC_ISSUER), mounted after the APIs. */
  signInRoutes: Array<{ path: string; router: RequestHandler }>;
  /** The embedded IdP's users, to name the demo page's devices; undefined with a real IdP. */
  devUsers: DevUsers | undefined;
  /** The demo gateway (development with the embedded IdP), for the /demo page. */
  demoGateway: DemoGateway | undefined;
  /** The device a trusted proxy's client certificate names, a refusal, or undefined (the gateway decides). */
  certificate: (req: Request) => CertificateClaim | undefined;
  /** One set of metrics for the process: the starting app and the real one count into it. */
  metrics: Metrics;
}

/**
 * The part of the start that needs no store: the gateways file, the provider's files, the
 * sign-in (the embedded IdP's keys are made here, once), the client CA. Every bad setting
 * throws here (ConfigError with the key's name), before the store is waited for, so a
 * start that waiting cannot fix stops at once instead of retrying behind a 503.
 */
export async function prepareVestibule(config: Config, options: { logger: Logger; env: NodeJS.ProcessEnv; now?: () => number }): Promise<PreparedVestibule> {
  const { logger, now } = options;
  const registry = loadGateways(config.gatewaysFile, { devMode: config.devMode, env: options.env, publicUrl: config.publicUrl });
  const plugin = providerPlugin(config.provider);
  plugin.check(config.providerSettings);

  const callbackUrl = new URL('/auth/callback', config.publicUrl);
  const signInRoutes: PreparedVestibule['signInRoutes'] = [];
  let signIn: SignIn;
  let devUsers: DevUsers | undefined;
  if (config.oidc) {
    const oidc = config.oidc;
    // OIDC_CA_FILE is read and checked here, before anything is opened.
    const idpFetch = oidc.caFile ? fetchTrustingCaFile(oidc.caFile) : undefined;
    signIn = createSignIn(() => createOidcStrategy({ ...oidc, callbackUrl, fetch: idpFetch }));
  } else {
    const users = DevUsers.load(config.devUsersFile);
    const idp = await createDevIdp({
      devMode: config.devMode,
      publicUrl: config.publicUrl,
      users,
      mountPath: DEV_IDP_PATH,
      trustProxy: config.trustProxy.length > 0,
    });
    signInRoutes.push({ path: `${DEV_IDP_PATH}/interaction`, router: devIdpInteractions(idp, users) });
    signInRoutes.push({ path: DEV_IDP_PATH, router: idp.provider.callback() as never });
    signIn = createSignIn(() =>
      createOidcStrategy({
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        callbackUrl,
        allowInsecureRequests: config.publicUrl.protocol === 'http:',
      }),
    );
    devUsers = users;
    logger.warn('no OIDC_ISSUER: using the embedded development identity provider');
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
  metrics.registry.registerMetric(radiusCoaTotal);
  return {
    config,
    registry,
    plugin,
    signIn,
    signInRoutes,
    devUsers,
    demoGateway: devUsers && config.devMode ? readDemoGateway(config.gatewaysFile) : undefined,
    certificate,
    metrics,
  };
}
