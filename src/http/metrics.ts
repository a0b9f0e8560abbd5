import type { Request, Response } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics for one app: request durations by route shape, and decisions by outcome. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'vestibule_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const decisions = new Counter({
    name: 'vestibule_decisions_total',
    help: 'Access decisions made, by status, outcome and gateway dialect',
    labelNames: ['status', 'outcome', 'dialect'] as const,
    registers: [registry],
  });

  const intakeRefusals = new Counter({
    name: 'vestibule_intake_refusals_total',
    help: 'Gateway redirects refused at /g/{gateway}, by gateway ("unknown" for ids not configured) and reason code',
    labelNames: ['gateway', 'reason'] as const,
    registers: [registry],
  });

  /**
   * Records one finished response (`seconds` from arrival to the end). Called by the access
   * log's single end-of-response listener rather than from a listener of its own: one
   * listener per request, not two, matters with ten thousand held long-polls.
   */
  function record(req: Request, res: Response, seconds: number): void {
    // The matched route pattern, never the raw path: paths carry tokens and unbounded values.
    // express types req.route as any; a matched route's path is what app.get/post/… were given.
    const matched = req.route as { path?: string | RegExp | Array<string | RegExp> } | undefined;
    const route = matched?.path ? `${req.baseUrl}${String(matched.path)}` : 'unmatched';
    duration.observe({ route, method: req.method, status: String(res.statusCode) }, seconds);
  }

  return { registry, record, decisions, intakeRefusals };
}

export type Metrics = ReturnType<typeof createMetrics>;
