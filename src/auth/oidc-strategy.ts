import * as client from 'openid-client';
import { Strategy, type AuthenticateOptions, type VerifyFunction } from 'openid-client/passport';
import type { Request } from 'express';
import type { PortalUser } from './session-data.js';

/**
 * openid-client's passport strategy sends only PKCE when the IdP supports it. We add a
 * `state` (single use, kept in this browser's session, checked at the callback) and a
 * `nonce` (bound into the ID token) on every request: defence in depth against login
 * CSRF and token injection, whatever the IdP advertises.
 */
class StatefulStrategy extends Strategy {
  override authorizationRequestParams<T extends AuthenticateOptions>(req: Request, options: T): URLSearchParams {
    const params = new URLSearchParams(super.authorizationRequestParams(req, options));
    params.set('state', client.randomState());
    params.set('nonce', client.randomNonce());
    return params;
  }
}

/** The user as Vestibule needs it: the `oid` (Entra object id) that device ownership is checked against. */
const verify: VerifyFunction = (tokens, done) => {
  const claims = tokens.claims();
  const oid = typeof claims?.oid === 'string' ? claims.oid : undefined;
  if (!oid) {
    done(null, false, { message: 'The ID token has no oid claim.' });
    return;
  }
  const name = [claims?.name, claims?.preferred_username, claims?.email].find((v): v is string => typeof v === 'string') ?? oid;
  // Entra lists group object IDs in `groups` when the app registration asks for them (used by USERLESS_DEVICES=group:…).
  const groups = Array.isArray(claims?.groups) ? claims.groups.filter((g): g is string => typeof g === 'string').slice(0, 200) : undefined;
  const user: PortalUser = { id: oid.toLowerCase(), name, ...(groups ? { groups } : {}) };
  done(null, user);
};

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  callbackUrl: URL;
  /** Only for the embedded dev IdP on http://localhost. */
  allowInsecureRequests?: boolean;
  /** Replaces fetch for every request to the IdP (OIDC_CA_FILE: src/auth/idp-fetch.ts). */
  fetch?: client.CustomFetch;
}

/** Discovers the IdP (issuer checked exactly by openid-client) and builds the passport strategy. */
export async function createOidcStrategy(settings: OidcSettings): Promise<Strategy> {
  const config = await client.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
    // openid-client 6 trusts the ID token from the TLS-protected token endpoint unless asked
    // to verify its JWS signature against the IdP's JWKS (OIDC Core §3.1.3.7 step 6 allows
    // skipping; we do not): a token signed by another key, with a broken signature or an
    // unknown kid is refused. The JWKS is cached; an unknown kid refetches it once (throttled
    // by oauth4webapi's cache) before failing.
    execute: settings.allowInsecureRequests ? [client.allowInsecureRequests, client.enableNonRepudiationChecks] : [client.enableNonRepudiationChecks],
    timeout: 5,
    ...(settings.fetch ? { [client.customFetch]: settings.fetch } : {}),
  });
  return new StatefulStrategy({ name: 'oidc', config, scope: 'openid profile email', callbackURL: settings.callbackUrl }, verify);
}
