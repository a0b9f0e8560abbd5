import type { Handler, NextFunction, Request, Response } from 'express';
import * as client from 'openid-client';
import { Passport, type Authenticator } from 'passport';
import type { Strategy } from 'openid-client/passport';
import { InvalidInputError } from '../core/errors.js';
import { ServiceUnavailableError } from '../http/errors.js';
import type { PortalUser } from './session-data.js';

// An IdP that answered, but with something we refuse (wrong state, replayed code, bad ID
// token, invalid_grant), is the browser's problem (400); an IdP that did not answer, timed
// out or failed on its side (5xx, 429) is ours (503 "sign-in service unavailable").
const UNREACHABLE = new Set(['OAUTH_TIMEOUT', 'OAUTH_RESPONSE_IS_NOT_JSON', 'OAUTH_HTTP_REQUEST_FORBIDDEN']);
// A Response of any fetch implementation: Node's global one, or undici's behind OIDC_CA_FILE
// (src/auth/idp-fetch.ts), which is not `instanceof` the global class. oauth4webapi checks it the same way.
const isResponse = (value: unknown): value is globalThis.Response => Object.prototype.toString.call(value) === '[object Response]';
function isRejectedResponse(error: unknown): boolean {
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  // openid-client reports an HTTP error status as ResponseBodyError (JSON error body) or with the Response as cause.
  const status = error instanceof client.ResponseBodyError ? error.status : isResponse(cause) ? cause.status : undefined;
  if (status !== undefined && (status >= 500 || status === 429)) return false;
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) return true;
  return typeof code === 'string' && code.startsWith('OAUTH_') && !UNREACHABLE.has(code);
}

/** How long a browser is asked to wait after the IdP failed us (seconds); spread so they do not return at once. */
const idpRetryAfterSeconds = () => 20 + Math.floor(Math.random() * 20);

export interface SignIn {
  /** Starts sign-in for the access session `handle`: redirects to the IdP (`prompt: 'login'` asks for credentials again). */
  start(req: Request, res: Response, next: NextFunction, handle: string, options?: { prompt?: 'login' }): Promise<void>;
  /**
   * Starts a sign-in that belongs to no access session (the remediation entry /fix/…):
   * after it the browser returns to `returnTo`, a path on Vestibule.
   */
  startFor(req: Request, res: Response, next: NextFunction, returnTo: string): Promise<void>;
  /** The IdP's redirect back; on success the browser is bound to the access session it signed in for. */
  callback(req: Request, res: Response, next: NextFunction): Promise<void>;
  /** passport's middleware (`initialize()`, `session()`, `authenticate()`) are express handlers; its types say `any`. */
  readonly passport: Authenticator<Handler, Handler>;
}

/**
 * Sign-in glue. The IdP is discovered lazily (the embedded dev IdP only exists once the
 * server listens, and a down IdP must not stop the portal from starting); a failed
 * discovery is retried on the next sign-in.
 */
export function createSignIn(buildStrategy: () => Promise<Strategy>): SignIn {
  // @types/passport types the middleware it returns as `any`; they are express handlers.
  const passport = new Passport() as unknown as Authenticator<Handler, Handler>;
  passport.serializeUser<PortalUser>((user, done) => done(null, { id: user.id, name: user.name, ...(user.groups ? { groups: user.groups } : {}) }));
  passport.deserializeUser<PortalUser>((user, done) => done(null, user));
  let ready: Promise<void> | undefined;

  const ensureStrategy = async () => {
    ready ??= buildStrategy().then((strategy) => {
      passport.use('oidc', strategy);
    });
    try {
      await ready;
    } catch (error) {
      ready = undefined;
      throw new ServiceUnavailableError('Sign-in is not available right now. Try again in a minute.', {
        cause: error,
        code: 'idp_unavailable',
        retryAfterSeconds: idpRetryAfterSeconds(),
      });
    }
  };

  return {
    passport,
    async startFor(req, res, next, returnTo) {
      // Only our own paths: this is never an open redirect.
      if (!/^\/[A-Za-z0-9\-._~/]*$/.test(returnTo)) throw new Error('sign-in return path must be a plain local path');
      await ensureStrategy();
      req.session.signingInFor = undefined;
      req.session.signInReturnTo = returnTo;
      passport.authenticate('oidc', {})(req, res, next);
    },
    async start(req, res, next, handle, options = {}) {
      await ensureStrategy();
      req.session.signInReturnTo = undefined;
      req.session.signingInFor = handle;
      passport.authenticate('oidc', options.prompt ? { prompt: options.prompt } : {})(req, res, next);
    },
    async callback(req, res, next) {
      await ensureStrategy();
      const handle = req.session.signingInFor;
      const returnTo = req.session.signInReturnTo;
      passport.authenticate('oidc', (error: unknown, user: PortalUser | false) => {
        if (error && isRejectedResponse(error)) return next(new InvalidInputError('sign_in_failed'));
        if (error)
          return next(
            new ServiceUnavailableError('The sign-in service is not answering right now. Try again in a minute.', {
              cause: error,
              code: 'idp_unavailable',
              retryAfterSeconds: idpRetryAfterSeconds(),
            }),
          );
        if (!user || (!handle && !returnTo)) return next(new InvalidInputError('sign_in_failed'));
        // req.logIn regenerates the session id (no fixation); keepSessionInfo carries our flow data over.
        req.logIn(user, { session: true, keepSessionInfo: true }, (loginError) => {
          if (loginError) return next(loginError);
          req.session.signingInFor = undefined;
          req.session.signInReturnTo = undefined;
          if (handle) {
            req.session.signedInFor = handle;
            res.redirect(303, `/p/${handle}`);
          } else {
            res.redirect(303, returnTo!);
          }
        });
      })(req, res, next);
    },
  };
}
