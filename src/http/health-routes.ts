import { Router } from 'express';
import type { Registry } from 'prom-client';
import type { ComplianceProvider } from '../core/compliance/types.js';
import type { Stores } from '../core/store/types.js';

/** /healthz: the process answers. /readyz: the store and the compliance backend answer too. /metrics: Prometheus. */
export function healthRoutes(deps: { stores: Stores; provider: ComplianceProvider; metrics: Registry }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [store, provider] = await Promise.all([
      deps.stores.ping().then(() => ({ ok: true }), () => ({ ok: false })),
      deps.provider.health(),
    ]);
    const ready = store.ok && provider.ok;
    // Component names and states only: no error text, hosts or secrets.
    res.status(ready ? 200 : 503).set('Cache-Control', 'no-store').json({ status: ready ? 'ready' : 'unavailable', checks: { store: store.ok ? 'ok' : 'failing', compliance: provider.ok ? 'ok' : 'failing' } });
  });
  router.get('/metrics', async (_req, res) => {
    res.set('Content-Type', deps.metrics.contentType).send(await deps.metrics.metrics());
  });
  return router;
}
