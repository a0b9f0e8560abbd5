import express, { type Express } from 'express';
import session from 'express-session';
import type { Logger } from 'pino';
import { KeyvSessionStore } from './auth/keyv-session-store.js';
import './auth/session-data.js';
import type { SignIn } from './auth/sign-in.js';
import { AccessEvaluation } from './core/visit/evaluate-access.js';
import { DeviceCheckBudget, type RecentCheck } from './core/visit/device-check-budget.js';
import type { ComplianceProvider, Evaluation, LookupResult } from './core/compliance/types.js';
import type { Config } from './config/config.js';
import { brandingRoutes, loadBranding } from './http/branding.js';
import { siteRoutes } from './http/site-routes.js';
import { NotFoundError } from './http/errors.js';
import type { DialectServices } from './gateway/dialects/dialect.js';
import { releaseSession } from './gateway/gateway-intake.js';
import type { GatewayRegistry } from './gateway/gateway-registry.js';
import { mountSessionsApi } from './api/gateway/sessions-api.js';
import { errorHandler } from './http/error-handler.js';
import { healthRoutes } from './http/health-routes.js';
import { accessLog } from './http/access-log.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import type { RateLimiters } from './http/rate-limits.js';
import { requestLimits } from './http/request-limits.js';
import { installSecurityHeaders } from './http/security-headers.js';
import { reasonCatalogue } from './i18n/index.js';
import { PUBLIC_DIR, VIEWS_DIR } from './config/paths.js';
import { intakeRoute } from './portal/intake-route.js';
import { fixRoutes } from './portal/fix-routes.js';
import type { Metric } from 'prom-client';
import { portalRoutes, type PortalDeps } from './portal/portal-routes.js';
import { AccessSessionRepository } from './core/sessions/access-session-repository.js';
import type { Stores } from './core/store/types.js';
import { parseUserlessPolicy } from './core/visit/userless-policy.js';

export interface AppDeps {
  config: Config;
  stores: Stores;
  provider: ComplianceProvider;
  registry: GatewayRegistry;
  logger: Logger;
  signIn: SignIn;
  /** Routers that exist only in some setups (dev IdP, demo, inventory ingest, compliance API), mounted before the portal. */
  extraRoutes?: Array<{ path: string; router: express.RequestHandler }>;
  /** Shared with the admin listener (src/build-vestibule.ts); one of its own otherwise. */
  metrics?: Metrics;
  /** Per-client request limits (src/http/rate-limits.ts), mounted in front of each kind of route. */
  rateLimits: RateLimiters;
  /** Device id from a trusted proxy's client certificate. */
  /** Metrics owned by other parts (e.g. the RADIUS CoA counter), served on /metrics too. */
  extraMetrics?: Metric[];
  certificate?: PortalDeps['certificate'];
  now?: () => number;
}

/**
 * Builds the app: middleware in order, routers, not-found, error handler. Never listens
 * and never reads the environment; src/server.ts does both.
 */
export function createApp(deps: AppDeps): Express {
  const { config, stores } = deps;
  const now = deps.now ?? Date.now;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // the polling API sets its own version ETag
  app.set('trust proxy', config.trustProxy.length > 0 ? config.trustProxy : false);
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  app.set('view cache', true);

  const metrics = deps.metrics ?? createMetrics();
  for (const metric of deps.extraMetrics ?? []) metrics.registry.registerMetric(metric);
  const sessions = new AccessSessionRepository(stores.atomic, stores.changes, { pendingTtlMs: config.pendingTtlMs, decisionTtlMs: config.decisionTtlMs, now });
  const evaluation = new AccessEvaluation({
    provider: deps.provider,
    sessions,
    lastKnown: stores.namespace<Evaluation>('last-evaluation'),
    evaluationDeadlineMs: config.evaluationDeadlineMs,
    graceAllows: config.graceAllows,
    userless: parseUserlessPolicy(config.userless),
    // The cool-down protects Graph's tenant-wide budget; local reads are cheap and should show a fix at once.
    budget: new DeviceCheckBudget({
      atomic: stores.atomic,
      recent: stores.namespace<RecentCheck>('recent-check'),
      lookups: stores.namespace<LookupResult>('recent-lookup'),
      cooldownMs: deps.provider.name === 'intune' ? config.deviceCheckCooldownMs : 0,
      now,
    }),
    onDecision: (status, outcome, session) => {
      const dialect = deps.registry.byId(session.gatewayId)?.dialect ?? 'unknown';
      metrics.decisions.inc({ status, outcome, dialect });
      deps.logger.info({ gateway: session.gatewayId, dialect, status, outcome, macVerified: session.client.macVerified }, 'access decision');
    },
    now,
  });
  const english = reasonCatalogue('en');
  const dialectServices: DialectServices = {
    atomic: stores.atomic,
    stores,
    signatureMaxSkewSeconds: config.signatureMaxSkewSeconds,
    publicUrl: config.publicUrl,
    now,
    logger: deps.logger,
  };

  // Never logs headers (cookies, bearer keys) or raw URLs (handles, tokens, signatures).
  app.use(accessLog(deps.logger, metrics.record));
  // On every response's head: even a request refused for its size (414/400) leaves with CSP, DENY and nosniff.
  installSecurityHeaders(app.response);
  app.use(requestLimits);
  app.use('/static', express.static(PUBLIC_DIR, { index: false, maxAge: '1h', fallthrough: false }));
  app.use(brandingRoutes(loadBranding(config.branding)));
  app.use(
    healthRoutes({ stores, provider: deps.provider, metrics: metrics.registry, detail: config.metricsToken ? { token: config.metricsToken } : 'nobody' }),
  );

  app.use('/api', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  const limits = deps.rateLimits;
  mountSessionsApi(
    app,
    { registry: deps.registry, sessions, changes: stores.changes, publicUrl: config.publicUrl, titleOf: (code) => english[code].title, now },
    { before: [limits.sessionApi, limits.sessionApiFailures.check], after: [limits.sessionApiFailures.count] },
  );
  app.all(
    '/g/:gatewayId',
    ...intakeRoute(
      { registry: deps.registry, sessions, services: dialectServices },
      { limit: limits.intake, refused: (r) => metrics.intakeRefusals.inc({ gateway: r.gateway, reason: r.reason }) },
    ),
  );

  const browserSession = [
    session({
      name: 'vestibule.sid',
      secret: config.sessionSecret,
      store: new KeyvSessionStore(stores.namespace('browser-sessions'), config.pendingTtlMs + config.decisionTtlMs),
      resave: false,
      saveUninitialized: false,
      proxy: config.trustProxy.length > 0,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.publicUrl.protocol === 'https:', maxAge: config.pendingTtlMs + config.decisionTtlMs },
    }),
    deps.signIn.passport.initialize(),
    deps.signIn.passport.session(),
  ];
  for (const extra of deps.extraRoutes ?? []) {
    app.use(extra.path, extra.router);
  }
  // Presses and sign-in starts cost compliance reads and IdP round trips: bounded per portal visit.
  app.post('/p/:handle/check', limits.portal);
  app.get(['/p/:handle/sign-in', '/p/:handle/switch-account'], limits.portal);
  app.get('/auth/callback', ...browserSession, (req, res, next) => deps.signIn.callback(req, res, next));
  app.use(
    '/fix',
    ...browserSession,
    fixRoutes({
      provider: deps.provider,
      registry: deps.registry,
      signIn: deps.signIn,
      certificateDeviceId: (req) => {
        const claim = deps.certificate?.(req);
        return claim?.kind === 'device' ? claim.deviceId : undefined;
      },
      graceAllows: config.graceAllows,
      evaluationDeadlineMs: config.evaluationDeadlineMs,
      now,
    }),
  );
  app.use(
    '/p',
    ...browserSession,
    portalRoutes({
      sessions,
      evaluation,
      release: (s) => releaseSession(deps.registry, dialectServices, s),
      signIn: deps.signIn,
      certificate: deps.certificate ?? (() => undefined),
      now,
    }),
  );

  app.use(siteRoutes({ homeRedirect: deps.extraRoutes?.some((extra) => extra.path === '/demo') ? '/demo' : undefined }));

  app.use(() => {
    throw new NotFoundError();
  });
  app.use(errorHandler(deps.logger));
  return app;
}
