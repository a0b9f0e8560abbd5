import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { PUBLIC_DIR, VIEWS_DIR } from '../config/paths.js';
import { accessLog } from './access-log.js';
import { loadBranding, mountBrandingRoutes } from './branding.js';
import { mountHealthRoutes, type HealthRoutesDeps } from './health-routes.js';
import type { Metrics } from './metrics.js';
import { requestLimits } from './request-limits.js';
import { installSecurityHeaders } from './security-headers.js';

/**
 * The front every portal-port app shares, in order: settings (views, proxies, no body
 * ETag), the request log and metrics, security headers (on every response's head), request limits, static files,
 * branding, /healthz and /readyz. createApp (src/app.ts) adds the routes behind it; the
 * starting app (starting-app.ts) its 503, so both answer with the same headers and pages.
 * `health.stores`/`health.provider` are what /readyz checks.
 */
export function createAppShell(deps: {
  config: Pick<Config, 'trustProxy' | 'branding' | 'metricsToken'>;
  logger: Logger;
  metrics: Metrics;
  health: Pick<HealthRoutesDeps, 'stores' | 'provider'>;
}): Express {
  const { config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // the polling API sets its own version ETag
  app.set('trust proxy', config.trustProxy.length > 0 ? config.trustProxy : false);
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  app.set('view cache', true);

  // Never logs headers (cookies, bearer keys) or raw URLs (handles, tokens, signatures).
  // One close listener for both the log line and the metrics.
  app.use(accessLog(deps.logger, deps.metrics.record));
  // On every response's head: even a request refused for its size (414/400) leaves with CSP, DENY and nosniff.
  installSecurityHeaders(app.response);
  app.use(requestLimits);
  app.use('/static', express.static(PUBLIC_DIR, { index: false, maxAge: '1h', fallthrough: false }));
  mountBrandingRoutes(app, loadBranding(config.branding));
  mountHealthRoutes(app, { ...deps.health, metrics: deps.metrics.registry, detail: config.metricsToken ? { token: config.metricsToken } : 'nobody' });
  return app;
}
