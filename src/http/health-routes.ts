import express, { type Express, type Request } from 'express';
import type { Registry } from 'prom-client';
import type { ComplianceProvider } from '../core/compliance/types.js';
import type { HealthCheck } from '../core/store/types.js';
import { NotFoundError, UnauthorizedError } from './errors.js';
import { sameSecret } from './same-secret.js';

export interface HealthRoutesDeps {
  stores: HealthCheck;
  provider: Pick<ComplianceProvider, 'health'>;
  metrics: Registry;
  /**
   * Who may read /metrics and which components /readyz checked: `'everyone'` on the admin
   * listener (ADMIN_PORT), `{ token }` for a bearer token (METRICS_TOKEN) on the public port,
   * `'nobody'` when neither is configured.
   */
  detail: 'everyone' | 'nobody' | { token: string };
}

/**
 * /healthz: the process answers (public: load balancers and supervisors need it). /readyz:
 * the store and the compliance backend answer too; its status code is public, the list of
 * components only for operators. /metrics: Prometheus, only for operators — on the public
 * port it would tell any guest our traffic, decisions and failure rates. Mounted straight
 * on the app (three route layers), not as a router every request would enter and leave.
 */
export function mountHealthRoutes(app: Express, deps: HealthRoutesDeps): void {
  const allowed = (req: Request) => {
    if (deps.detail === 'everyone') return true;
    if (deps.detail === 'nobody') return false;
    const presented = /^Bearer (\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    return presented !== undefined && sameSecret(presented, deps.detail.token);
  };
  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  app.get('/readyz', async (req, res) => {
    const [store, provider] = await Promise.all([
      deps.stores.ping().then(
        () => ({ ok: true }),
        () => ({ ok: false }),
      ),
      deps.provider.health(),
    ]);
    const ready = store.ok && provider.ok;
    // Component names and states only, and only for operators: no error text, hosts or secrets.
    const checks = allowed(req) ? { checks: { store: store.ok ? 'ok' : 'failing', compliance: provider.ok ? 'ok' : 'failing' } } : {};
    res
      .status(ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ready ? 'ready' : 'unavailable', ...checks });
  });
  app.get('/metrics', async (req, res) => {
    if (!allowed(req)) throw deps.detail === 'nobody' ? new NotFoundError() : new UnauthorizedError('METRICS_TOKEN is required.');
    res
      .set('Content-Type', deps.metrics.contentType)
      .set('Cache-Control', 'no-store')
      .send(await deps.metrics.metrics());
  });
}

/** The admin listener's app (ADMIN_PORT): the health routes with every detail, nothing else. */
export function adminApp(deps: Omit<HealthRoutesDeps, 'detail'>): Express {
  const app = express().disable('x-powered-by');
  mountHealthRoutes(app, { ...deps, detail: 'everyone' });
  return app;
}
