import type { Express, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { StoreUnavailableError, type HealthCheck } from '../core/store/types.js';
import type { ComplianceProvider } from '../core/compliance/types.js';
import { createAppShell } from './app-shell.js';
import { errorHandler, sendError } from './error-handler.js';
import { adminApp } from './health-routes.js';
import type { Metrics } from './metrics.js';

/** What /readyz checks before the store has answered once: neither the store nor the backend is there yet. */
const NOT_STARTED: HealthCheck & Pick<ComplianceProvider, 'health'> = {
  ping: () => Promise.reject(new StoreUnavailableError('the store has not answered since the start')),
  health: () => Promise.resolve({ ok: false, detail: 'starts once the store answers' }),
};

/** The apps that answer while the store has not answered once since the start. */
export interface StartingApps {
  app: Express;
  /** For the admin listener (ADMIN_PORT); undefined when none is configured. */
  admin: Express | undefined;
}

/**
 * What the listeners serve until the store answers (src/server.ts then swaps in the real
 * apps on the same listeners): /healthz 200, since the process is alive and a supervisor
 * must not restart it; /readyz 503 (`{"status":"unavailable"}`, the components only for
 * operators, as always); every other request the same 503 a store outage gives later, with
 * a jittered Retry-After and every security header: a page in the person's language, or a
 * problem document (`store_unavailable`) for API clients. Static files and the logo are
 * served so the page looks as it always does. Each request gets its access-log line but no
 * error line with a stack: src/start-when-ready.ts logs each failed try once, with its reason.
 */
export function startingApps(deps: {
  config: Pick<Config, 'trustProxy' | 'branding' | 'metricsToken' | 'admin'>;
  logger: Logger;
  metrics: Metrics;
}): StartingApps {
  const app = createAppShell({ ...deps, health: { stores: NOT_STARTED, provider: NOT_STARTED } });
  app.use((req: Request, res: Response) => sendError(req, res, new StoreUnavailableError('the store has not answered since the start')));
  app.use(errorHandler(deps.logger));
  return {
    app,
    admin: deps.config.admin ? adminApp({ stores: NOT_STARTED, provider: NOT_STARTED, metrics: deps.metrics.registry }) : undefined,
  };
}
