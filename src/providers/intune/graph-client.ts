import { ProviderUnavailableError } from '../../core/compliance/errors.js';
import { describe, type IntuneLogger } from './intune-logger.js';
import { attemptSignal, checkOperation, remainingMs, sleepWithin, type Operation } from './operation-budget.js';
import { fullJitterDelay, isRetryableStatus, parseRetryAfter } from './retry-policy.js';
import type { Semaphore } from './semaphore.js';
import type { TenantThrottle } from './tenant-throttle.js';
import { TokenUnavailableError, type TokenClient } from './token-client.js';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface GraphClientOptions {
  graphBaseUrl: string;
  tokens: TokenClient;
  semaphore: Semaphore;
  requestTimeoutMs: number;
  retryBaseDelayMs: number;
  fetch: typeof fetch;
  logger: IntuneLogger;
  /** Graph's Retry-After for reads, shared by every instance; unset: kept only by each retry loop. */
  throttle?: TenantThrottle;
}

/** A Graph answer the caller can act on: 2xx or 404. Everything else becomes an error. */
export interface GraphResponse {
  status: number;
  body: unknown;
}

const MAX_ATTEMPTS = 6;

/**
 * Every Graph call goes through here: bearer token (renewed once on a 401), a request
 * slot, a per-attempt timeout inside the operation's budget, and retries that honour
 * `Retry-After` or back off with full jitter. Anything it cannot resolve throws
 * `ProviderUnavailableError`, so callers never mistake an outage for an answer.
 */
export class GraphClient {
  readonly origin: string;
  private readonly base: string;

  constructor(private readonly options: GraphClientOptions) {
    this.base = options.graphBaseUrl.replace(/\/+$/, '');
    this.origin = new URL(this.base).origin;
  }

  /**
   * `target` is a path below the base URL (`/v1.0/...`) or an absolute same-origin URL
   * (nextLink). `pass` lists extra statuses the caller handles itself (e.g. 403 where a
   * missing permission has a fallback); they are answered, not thrown or retried.
   */
  async send(method: 'GET' | 'POST', target: string, op: Operation, options: { pass?: readonly number[] } = {}): Promise<GraphResponse> {
    const url = this.resolve(target);
    const path = new URL(url).pathname;
    await this.options.throttle?.check(`Graph ${method} ${path}`);
    let renewedToken = false;
    for (let attempt = 0; ;) {
      checkOperation(op, `Graph ${method} ${path}`);
      let token: string;
      try {
        token = await this.options.tokens.get(op);
      } catch (error) {
        // An unreachable token endpoint is as transient as an unreachable Graph.
        if (!(error instanceof TokenUnavailableError && error.transient)) throw error;
        attempt += 1;
        const delay = fullJitterDelay(attempt - 1, this.options.retryBaseDelayMs, 8000);
        if (attempt >= MAX_ATTEMPTS || delay >= remainingMs(op)) throw error;
        await sleepWithin(delay, op, 'token request');
        continue;
      }
      const release = await this.options.semaphore.acquire(op);
      let status: number;
      let retryAfter: string | null = null;
      let body: unknown;
      try {
        const response = await this.options.fetch(url, {
          method,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          signal: attemptSignal(op, this.options.requestTimeoutMs),
        });
        status = response.status;
        retryAfter = response.headers.get('retry-after');
        // A Graph page of devices is a few MB at most; anything far larger is refused, not buffered on.
        if (Number(response.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw new Error('Graph response too large');
        const text = await response.text();
        if (text.length > MAX_BODY_BYTES) throw new Error('Graph response too large');
        body = text.length > 0 && response.ok ? JSON.parse(text) : undefined;
      } catch (error) {
        if (op.signal?.aborted) throw new ProviderUnavailableError('Graph request aborted by caller', { cause: error });
        status = 0; // network error, timeout or unparseable body: transient as far as we can tell
        this.options.logger.warn({ method, path, err: describe(error) }, 'intune: Graph request failed');
      } finally {
        release();
      }
      if ((status >= 200 && status < 300) || status === 404 || options.pass?.includes(status)) return { status, body };
      if (status === 401 && !renewedToken) {
        renewedToken = true;
        this.options.tokens.invalidate(token);
        this.options.logger.info({ path }, 'intune: Graph rejected the token, renewing once');
        continue;
      }
      if (status !== 0 && !isRetryableStatus(status)) {
        this.options.logger.warn({ method, path, status }, 'intune: Graph refused the request');
        throw new ProviderUnavailableError(`Graph ${method} ${path} answered HTTP ${status}`);
      }
      attempt += 1;
      // Wall clock on purpose: an HTTP-date Retry-After is absolute time, whatever clock tests inject.
      const hinted = status === 429 || status === 503 ? parseRetryAfter(retryAfter, Date.now()) : undefined;
      // A throttled read means the tenant's read budget is spent (actions such as syncDevice have their own limits).
      if (status === 429 && hinted !== undefined && method === 'GET') await this.options.throttle?.remember(hinted).catch(() => {});
      const delay = hinted ?? fullJitterDelay(attempt - 1, this.options.retryBaseDelayMs, 8000);
      if (attempt >= MAX_ATTEMPTS || delay >= remainingMs(op)) {
        throw new ProviderUnavailableError(`Graph ${method} ${path} unavailable (HTTP ${status || 'none'})`, {
          retryAfterSeconds: hinted === undefined ? undefined : Math.ceil(hinted / 1000),
          throttled: status === 429,
        });
      }
      this.options.logger.info({ method, path, status, delayMs: delay }, 'intune: retrying Graph request');
      await sleepWithin(delay, op, `Graph ${method} ${path}`);
    }
  }

  /** Follows only URLs on Graph's own origin: a nextLink elsewhere would receive our token. */
  private resolve(target: string): string {
    if (target.startsWith('/')) return `${this.base}${target}`;
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new ProviderUnavailableError('Graph returned a malformed link');
    }
    if (url.origin !== this.origin) throw new ProviderUnavailableError('Graph returned a link to another origin');
    return url.href;
  }
}
