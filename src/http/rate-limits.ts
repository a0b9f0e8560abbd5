import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { RateLimits } from '../config/config.js';
import { HttpError } from './errors.js';
import { failureBudget, type FailureBudget } from './failure-budget.js';
import { apiKeyBuckets } from './api-key-buckets.js';

/** Builds the shared store of one limiter (`prefix` keeps limiters apart); undefined: this process's memory. */
export type RateLimitStoreFactory = (prefix: string) => Store | undefined;

/** The limiters the app mounts, one per kind of client traffic (see docs/operations.md). */
export interface RateLimiters {
  intake: RequestHandler;
  portal: RequestHandler;
  sessionApi: RequestHandler;
  /** `check` before the session API's routes, `count` (an error handler) after them. */
  sessionApiFailures: FailureBudget;
  /** The compliance API and the legacy NAC API: one budget per key for compliance reads. */
  complianceApi: RequestHandler;
  inventoryApi: RequestHandler;
  iseApi: RequestHandler;
  radiusApi: RequestHandler;
}

/** 429 with Retry-After (RFC 6585 §4, RFC 9110 §10.2.3); the error handler makes it a problem document or a page. */
export class TooManyRequestsError extends HttpError {
  constructor(retryAfterSeconds: number) {
    super(429, 'rate_limited', 'Too many requests. Wait a moment, then try again.');
    this.headers['Retry-After'] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  }
}

/** The client address, IPv6 grouped by /56 (one household or site), as express-rate-limit advises. */
const byAddress = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

/**
 * One portal visit (the handle in /p/{handle}/…): guests behind one NAT share an address,
 * so an address budget would let one loud guest lock out a whole site.
 */
const byHandle = (req: Request) => `handle:${createHash('sha256').update(String(req.params.handle)).digest('base64url').slice(0, 22)}`;

/**
 * One device at one gateway: `res.locals.intakeKey`, set by the intake route from a request
 * whose signature was already verified, so a forger cannot spend someone else's budget.
 */
const byGatewayDevice = (_req: Request, res: Response) => `device:${String(res.locals.intakeKey ?? '')}`;

/**
 * API clients are counted per presented key (a hash of it: the key itself never reaches the
 * store), so gateways behind one NAT do not share a budget; no key: per address.
 */
const bucketOfKey = apiKeyBuckets();
const byApiKey = (req: Request) => {
  const authorization = req.get('authorization');
  return authorization ? bucketOfKey(authorization) : `ip:${byAddress(req)}`;
};

/**
 * One express-rate-limit middleware per kind of traffic, fixed windows of `limits.windowMs`.
 * A store that fails lets the request through (`passOnStoreError`): the store is the same
 * one the request then needs, so it is refused with a 503 anyway, and a flaky limiter must
 * not block gateways on its own.
 */
export function createRateLimiters(limits: RateLimits, storeFor: RateLimitStoreFactory, logger?: Pick<Logger, 'error'>): RateLimiters {
  const limiter = (name: string, limit: number, keyGenerator: (req: Request, res: Response) => string) =>
    rateLimit({
      windowMs: limits.windowMs,
      limit,
      keyGenerator,
      store: storeFor(`rl:${name}:`),
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      passOnStoreError: true,
      // Our key generators already group IPv6 addresses; trust proxy is configured by TRUST_PROXY.
      validate: { keyGeneratorIpFallback: false, trustProxy: false, xForwardedForHeader: false },
      handler: (req, _res, next) => {
        const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
        next(new TooManyRequestsError(resetTime ? (resetTime.getTime() - Date.now()) / 1000 : limits.windowMs / 1000));
      },
    });
  return {
    intake: limiter('intake', limits.intake, byGatewayDevice),
    portal: limiter('portal', limits.portal, byHandle),
    sessionApi: limiter('sessions', limits.sessionApi, byApiKey),
    // Guessing tokens or keys shows up as 4xx answers: those get a much smaller budget, read
    // per request and written only on a failure (the total budget above counts up front).
    sessionApiFailures: failureBudget({
      limit: limits.sessionApiFailures,
      windowMs: limits.windowMs,
      keyOf: byApiKey,
      store: storeFor('rl:sessions-failed:'),
      refuse: (retryAfterSeconds) => new TooManyRequestsError(retryAfterSeconds),
      logger,
    }),
    complianceApi: limiter('compliance', limits.complianceApi, byApiKey),
    inventoryApi: limiter('inventory', limits.inventoryApi, byApiKey),
    // ISE presents HTTP Basic: the hashed header is its gateway id and key together.
    iseApi: limiter('ise', limits.iseApi, byApiKey),
    radiusApi: limiter('radius', limits.radiusApi, byApiKey),
  };
}
