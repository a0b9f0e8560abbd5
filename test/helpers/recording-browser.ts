import { decodeEntities, findForm, storeSetCookies } from './html-form.js';

/** One HTTP exchange as the browser saw it. */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  headers: Headers;
  setCookies: string[];
  body: string;
}

/**
 * A cookie-jar browser for hostile tests: it records every exchange (so a test can scan
 * every Location and meta refresh it ever got), can stop before a given hop (to steal or
 * replay an OIDC callback), and can clone its cookie jar (to play a second tab or an
 * attacker holding a copy of the cookies).
 */
export class RecordingBrowser {
  readonly jar = new Map<string, string>();
  readonly exchanges: Exchange[] = [];

  /**
   * `extraHeaders` go on every request for which `sendExtraHeaders(url)` is true (all, by
   * default): e.g. forged X-Forwarded-Host on Vestibule's own routes only.
   */
  constructor(
    readonly base: string,
    private readonly extraHeaders: Record<string, string> = {},
    private readonly sendExtraHeaders: (url: URL) => boolean = () => true,
  ) {}

  clone(): RecordingBrowser {
    const copy = new RecordingBrowser(this.base, this.extraHeaders, this.sendExtraHeaders);
    for (const [k, v] of this.jar) copy.jar.set(k, v);
    return copy;
  }

  /**
   * GET (or POST a form), following same-origin redirects until `stopBefore` says the
   * next URL must not be fetched (it is returned as `stoppedAt`) or a non-redirect comes.
   */
  async go(
    path: string,
    options: { form?: Record<string, string>; stopBefore?: (url: URL) => boolean; follow?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Exchange & { stoppedAt?: URL; hops: string[] }> {
    let url = new URL(path, this.base);
    let method = options.form ? 'POST' : 'GET';
    let body: string | undefined = options.form ? new URLSearchParams(options.form).toString() : undefined;
    const hops: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      hops.push(url.href);
      const response = await fetch(url, {
        method,
        redirect: 'manual',
        body,
        headers: {
          'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
          accept: 'text/html',
          ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...(this.jar.size > 0 ? { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
          ...(this.sendExtraHeaders(url) ? this.extraHeaders : {}),
          ...options.headers,
        },
      });
      const setCookies = response.headers.getSetCookie();
      storeSetCookies(this.jar, setCookies);
      const exchange: Exchange = { method, url: url.href, status: response.status, headers: response.headers, setCookies, body: await response.text() };
      this.exchanges.push(exchange);
      const location = response.headers.get('location');
      if (options.follow === false || !location || response.status < 300 || response.status >= 400) return { ...exchange, hops };
      const next = new URL(location, url);
      if (next.origin !== new URL(this.base).origin) return { ...exchange, hops };
      if (options.stopBefore?.(next)) return { ...exchange, hops, stoppedAt: next };
      url = next;
      method = 'GET';
      body = undefined;
    }
    throw new Error('too many redirects');
  }

  /** Submits the first form whose action matches, with its hidden fields plus `fields`. */
  async submit(page: { body: string }, fields: Record<string, string>, actionPattern: RegExp, options: { stopBefore?: (url: URL) => boolean } = {}) {
    const form = findForm(page.body, actionPattern);
    if (!form) throw new Error(`no form matching ${actionPattern}`);
    return this.go(form.action, { form: { ...form.hidden, ...fields }, ...options });
  }
}

export function navigationTargets(exchange: Exchange): string[] {
  const targets: string[] = [];
  const location = exchange.headers.get('location');
  if (location !== null) targets.push(new URL(location, exchange.url).href);
  for (const m of exchange.body.matchAll(/<meta[^>]+http-equiv=["']?refresh["']?[^>]*content=["']([^"']*)["']/gi)) {
    const content = decodeEntities(m[1]!);
    const url = /url\s*=\s*(.*)$/i
      .exec(content)?.[1]
      ?.trim()
      .replace(/^['"]|['"]$/g, '');
    if (url !== undefined) targets.push(new URL(url, exchange.url).href);
  }
  return targets;
}

/**
 * Signs in through the dev IdP form; stops before the /auth/callback hop when asked. When
 * the IdP still has a session for this browser (no form shown), the redirect chain itself
 * reaches the callback.
 */
export async function signInVia(
  browser: RecordingBrowser,
  handle: string,
  user: { username: string; password: string },
  options: { stopBeforeCallback?: boolean } = {},
) {
  const stopBefore = options.stopBeforeCallback ? (url: URL) => url.pathname === '/auth/callback' : undefined;
  const form = await browser.go(`/p/${handle}/sign-in`, { stopBefore });
  if (form.stoppedAt || form.hops.some((hop) => new URL(hop).pathname === '/auth/callback')) return form;
  if (form.status !== 200 || !/name="username"/.test(form.body)) throw new Error(`no login form (status ${form.status})`);
  return browser.submit(form, { username: user.username, password: user.password }, /\/dev-idp\/interaction\//, { stopBefore });
}
