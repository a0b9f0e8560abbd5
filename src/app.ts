import express, { type Express, type Request } from 'express';
import session from 'express-session';
import type { Logger } from 'pino';
import { KeyvSessionStore } from './auth/keyv-session-store.js';
import './auth/session-data.js';
import type { SignIn } from './auth/sign-in.js';
import { AccessEvaluation } from './core/visit/evaluate-access.js';
import type { ComplianceProvider, Evaluation } from './core/compliance/types.js';
import type { Config } from './config/config.js';
import { NotFoundError } from './http/errors.js';
import type { DialectServices } from './gateway/dialects/dialect.js';
import { releaseSession } from './gateway/gateway-intake.js';
import type { GatewayRegistry } from './gateway/gateway-registry.js';
import { sessionsApi } from './api/gateway/sessions-api.js';
import { errorHandler } from './http/error-handler.js';
import { healthRoutes } from './http/health-routes.js';
import { createMetrics } from './http/metrics.js';
import { accessLog } from './http/access-log.js';
import { requestLimits } from './http/request-limits.js';
import { securityHeaders } from './http/security-headers.js';
import { reasonCatalogue } from './i18n/index.js';
import { PUBLIC_DIR, VIEWS_DIR } from './config/paths.js';
import { intakeRoute } from './portal/intake-route.js';
import { fixRoutes } from './portal/fix-routes.js';
import { portalRoutes } from './portal/portal-routes.js';
import { AccessSessionRepository } from './core/sessions/access-session-repository.js';
import type { Stores } from './core/store/types.js';

export interface AppDeps {
  config: Config;
  stores: Stores;
  provider: ComplianceProvider;
  registry: GatewayRegistry;
  logger: Logger;
  signIn: SignIn;
  /** Routers that exist only in some setups (dev IdP, demo, inventory ingest, compliance API), mounted before the portal. */
  extraRoutes?: Array<{ path: string; router: express.RequestHandler }>;
  /** Device id from a trusted proxy's client certificate. */
  certificateDeviceId?: (req: Request) => string | undefined;
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

  const metrics = createMetrics();
  const sessions = new AccessSessionRepository(stores.atomic, stores.changes, { pendingTtlMs: config.pendingTtlMs, decisionTtlMs: config.decisionTtlMs, now });
  const evaluation = new AccessEvaluation({
    provider: deps.provider,
    sessions,
    lastKnown: stores.namespace<Evaluation>('last-evaluation'),
    evaluationDeadlineMs: config.evaluationDeadlineMs,
    graceAllows: config.graceAllows,
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
    log: (level, fields, message) => deps.logger[level](fields, message),
  };

  // Never logs headers (cookies, bearer keys) or raw URLs (handles, tokens, signatures).
  app.use(accessLog(deps.logger));
  app.use(metrics.observe);
  app.use(requestLimits);
  app.use(securityHeaders());
  app.use('/static', express.static(PUBLIC_DIR, { index: false, maxAge: '1h', fallthrough: false }));
  app.use(healthRoutes({ stores, provider: deps.provider, metrics: metrics.registry }));

  app.use('/api', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(
    '/api/v1/sessions',
    sessionsApi({ registry: deps.registry, sessions, changes: stores.changes, publicUrl: config.publicUrl, titleOf: (code) => english[code].title, now }),
  );
  app.all('/g/:gatewayId', ...intakeRoute({ registry: deps.registry, sessions, services: dialectServices }));

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
  app.get('/auth/callback', ...browserSession, (req, res, next) => deps.signIn.callback(req, res, next));
  app.use(
    '/fix',
    ...browserSession,
    fixRoutes({
      provider: deps.provider,
      registry: deps.registry,
      signIn: deps.signIn,
      certificateDeviceId: deps.certificateDeviceId ?? (() => undefined),
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
      certificateDeviceId: deps.certificateDeviceId ?? (() => undefined),
      now,
    }),
  );

  app.use(() => {
    throw new NotFoundError();
  });
  app.use(errorHandler(deps.logger));
  return app;
}
