import express, { type Express } from 'express';
import session from 'express-session';
import type { Logger } from 'pino';
import { KeyvSessionStore } from './auth/keyv-session-store.js';
import './auth/session-data.js';
import type { SignIn } from './auth/sign-in.js';
import { AccessEvaluation } from './core/visit/evaluate-access.js';
import { DeviceCheckBudget, type RecentCheck, type RecentLookup } from './core/visit/device-check-budget.js';
import type { ComplianceProvider, Evaluation } from './core/compliance/types.js';
import type { Config } from './config/config.js';
import { siteRoutes } from './http/site-routes.js';
import { createAppShell } from './http/app-shell.js';
import { NotFoundError } from './http/errors.js';
import type { DialectServices } from './gateway/dialects/dialect.js';
import { releaseSession } from './gateway/gateway-intake.js';
import type { GatewayRegistry } from './gateway/gateway-registry.js';
import { mountSessionsApi } from './api/gateway/sessions-api.js';
import { errorHandler } from './http/error-handler.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import type { RateLimiters } from './http/rate-limits.js';
import { reasonCatalogue } from './i18n/index.js';
import { intakeRoute } from './portal/intake-route.js';
import { fixRoutes } from './portal/fix-routes.js';
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
  const metrics = deps.metrics ?? createMetrics();
  const app = createAppShell({ config, logger: deps.logger, metrics, health: { stores, provider: deps.provider } });
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
      lookups: stores.namespace<RecentLookup>('recent-lookup'),
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
