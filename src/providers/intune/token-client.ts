import { ProviderUnavailableError } from '../../core/compliance/errors.js';
import { CLIENT_ASSERTION_TYPE, createClientAssertion, type ClientCertificate } from './client-certificate.js';
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
  constructor(message: string, readonly transient: boolean, cause?: unknown) {
    super(message, { cause });
  }
}

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/**
 * Client-credentials token for Graph (Entra ID v2.0 endpoint). One token is shared by all
 * requests and renewed shortly before it expires; concurrent callers share one token call.
 * The app authenticates with its client secret or, when a certificate is configured, with a
 * freshly signed client assertion per request. The secret, the assertion, the key and the
 * token never reach a log line or an error message.
 */
export class TokenClient {
  private cached: { token: string; refreshAt: number } | undefined;
  private inflight: Promise<string> | undefined;
  private readonly endpoint: string;

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

  private async fetchToken(): Promise<string> {
    const body = new URLSearchParams({ client_id: this.options.clientId, grant_type: 'client_credentials', scope: GRAPH_SCOPE });
    const certificate = this.options.clientCertificate;
    if (certificate) {
      // A new assertion (new jti, current nbf/exp) for every request, including retries.
      body.set('client_assertion_type', CLIENT_ASSERTION_TYPE);
      body.set('client_assertion', createClientAssertion(certificate, { clientId: this.options.clientId, audience: this.endpoint, nowMs: this.options.now() }));
    } else {
      body.set('client_secret', this.options.clientSecret ?? '');
    }
    let response: Response;
    try {
      response = await this.options.fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
    } catch (error) {
      this.options.logger.warn({ err: describe(error) }, 'intune: token endpoint unreachable');
      throw new TokenUnavailableError('token endpoint unreachable', true, error);
    }
    // Read the body even on errors so the connection can be reused; never log it.
    const payload = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!response.ok || !payload) {
      this.options.logger.warn({ status: response.status }, 'intune: token request refused');
      const transient = response.status === 429 || response.status >= 500;
      throw new TokenUnavailableError(`token request failed with HTTP ${response.status}`, transient);
    }
    const token = payload.access_token;
    const expiresIn = Number(payload.expires_in);
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

