import { webcrypto } from 'node:crypto';
import * as oidc from 'openid-client';
import { ProviderUnavailableError } from '../../core/compliance/errors.js';
import { assertionClaims, type ClientCertificate } from './client-certificate.js';
import { describe, type IntuneLogger } from './intune-logger.js';
import { withinOperation, type Operation } from './operation-budget.js';

export interface TokenClientOptions {
  authorityUrl: string;
  tenantId: string;
  clientId: string;
  /** Exactly one of the two credentials: the certificate wins if both are given. */
  clientSecret?: string | undefined;
  clientCertificate?: ClientCertificate | undefined;
  requestTimeoutMs: number;
  fetch: typeof fetch;
  now: () => number;
  logger: IntuneLogger;
}

/** A token failure; `transient` ones (network, timeout, 5xx, 429) are worth another try. */
export class TokenUnavailableError extends ProviderUnavailableError {
  constructor(
    message: string,
    readonly transient: boolean,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/**
 * Client-credentials token for Graph (Entra ID v2.0 endpoint), requested through
 * openid-client's `clientCredentialsGrant` with `ClientSecretPost` or, when a certificate is
 * configured, `PrivateKeyJwt` (a freshly signed PS256 assertion per request, see
 * client-certificate.ts). The endpoint is known (`{authority}/{tenant}/oauth2/v2.0/token`),
 * so a static Configuration replaces discovery. One token is shared by all requests and
 * renewed shortly before it expires; concurrent callers share one token call. The secret,
 * the assertion, the key and the token never reach a log line or an error message.
 */
export class TokenClient {
  private cached: { token: string; refreshAt: number } | undefined;
  private inflight: Promise<string> | undefined;
  private readonly endpoint: string;
  private configuration: Promise<oidc.Configuration> | undefined;
  /** Status of the token endpoint's last answer; undefined when the last request got none. */
  private lastStatus: number | undefined;

  constructor(private readonly options: TokenClientOptions) {
    const authority = options.authorityUrl.replace(/\/+$/, '');
    this.endpoint = `${authority}/${encodeURIComponent(options.tenantId)}/oauth2/v2.0/token`;
    if (!options.clientCertificate && !options.clientSecret) throw new Error('intune: a client secret or a client certificate is required');
  }

  async get(op: Operation): Promise<string> {
    if (this.cached && this.options.now() < this.cached.refreshAt) return this.cached.token;
    // The shared call has its own timeout so one caller giving up does not fail the others.
    this.inflight ??= this.fetchToken().finally(() => {
      this.inflight = undefined;
    });
    return withinOperation(this.inflight, op, 'token request');
  }

  /** Drops `token` after Graph rejected it; a newer token fetched meanwhile is kept. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  /** The openid-client Configuration, built once (importing the key into WebCrypto is asynchronous). */
  private configure(): Promise<oidc.Configuration> {
    this.configuration ??= (async () => {
      const { clientId, clientSecret, clientCertificate: certificate } = this.options;
      const auth = certificate
        ? oidc.PrivateKeyJwt(await signingKey(certificate), {
            // Entra wants typ, x5t#S256, aud = the token endpoint and a 10-minute UUID jti assertion on our clock.
            [oidc.modifyAssertion]: (header, payload) => {
              Object.assign(header, { typ: 'JWT', 'x5t#S256': certificate.thumbprintSha256 });
              Object.assign(payload, assertionClaims({ clientId, audience: this.endpoint, nowMs: this.options.now() }));
            },
          })
        : oidc.ClientSecretPost(clientSecret ?? '');
      const issuer = this.endpoint.replace(/\/oauth2\/v2\.0\/token$/, '/v2.0');
      const configuration = new oidc.Configuration({ issuer, token_endpoint: this.endpoint }, clientId, undefined, auth);
      if (new URL(this.endpoint).protocol === 'http:') oidc.allowInsecureRequests(configuration); // tests and the fake Graph only
      configuration[oidc.customFetch] = async (url, init) => {
        this.lastStatus = undefined;
        const response = await this.options.fetch(url, { ...init, signal: AbortSignal.timeout(this.options.requestTimeoutMs) } as RequestInit);
        this.lastStatus = response.status;
        return response;
      };
      return configuration;
    })();
    return this.configuration;
  }

  private async fetchToken(): Promise<string> {
    let response: oidc.TokenEndpointResponse;
    try {
      response = await oidc.clientCredentialsGrant(await this.configure(), { scope: GRAPH_SCOPE });
    } catch (error) {
      const status = this.lastStatus;
      if (status === undefined) {
        this.options.logger.warn({ err: describe(error) }, 'intune: token endpoint unreachable');
        throw new TokenUnavailableError('token endpoint unreachable', true, error);
      }
      if (status < 200 || status > 299) {
        this.options.logger.warn({ status }, 'intune: token request refused');
        throw new TokenUnavailableError(`token request failed with HTTP ${status}`, status === 429 || status >= 500);
      }
      throw new TokenUnavailableError('token response malformed', false);
    }
    const token = response.access_token;
    const expiresIn = Number(response.expires_in);
    if (typeof token !== 'string' || token.length === 0 || !(expiresIn > 0)) {
      throw new TokenUnavailableError('token response malformed', false);
    }
    // Renew 5 minutes early (or halfway for short-lived tokens) so no request races expiry.
    const lifetimeMs = expiresIn * 1000;
    const refreshAt = this.options.now() + Math.max(lifetimeMs - 300_000, lifetimeMs / 2);
    this.cached = { token, refreshAt };
    this.options.logger.info({ expiresIn }, 'intune: obtained Graph token');
    return token;
  }
}

/** The certificate's RSA key as a WebCrypto RSA-PSS/SHA-256 signing key: openid-client then signs PS256. */
async function signingKey(certificate: ClientCertificate): Promise<CryptoKey> {
  const der = certificate.privateKey.export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
}
