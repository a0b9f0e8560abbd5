import { decodeEntities, findForm, storeSetCookies } from './html-form.js';

/**
 * A minimal browser for flow tests: a cookie jar, manual redirects (so tests can see
 * every hop), and form submission by parsing the HTML it received. It talks HTTP to the
 * real server: nothing inside the app is mocked.
 */
export interface Page {
  status: number;
  url: string;
  headers: Headers;
  body: string;
  /** Every URL visited on the way, redirects included. */
  hops: string[];
}

export class Browser {
  private readonly cookies = new Map<string, string>();
  /** Headers sent with every request, e.g. what a TLS proxy would add. */
  readonly headers: Record<string, string> = {};

  constructor(
    private readonly base: string,
    private readonly userAgent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
  ) {}

  async get(path: string, options: { follow?: boolean; headers?: Record<string, string> } = {}): Promise<Page> {
    return this.request('GET', path, undefined, options);
  }

  async post(path: string, form: Record<string, string>, options: { follow?: boolean } = {}): Promise<Page> {
    return this.request('POST', path, new URLSearchParams(form).toString(), options);
  }

  /** Fills and submits the first form on `page` whose action matches `actionPattern`. */
  async submit(page: Page, fields: Record<string, string>, actionPattern: RegExp = /./): Promise<Page> {
    const form = findForm(page.body, actionPattern);
    if (!form) throw new Error(`no form matching ${actionPattern} on ${page.url}`);
    return this.post(form.action, { ...form.hidden, ...fields });
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private async request(
    method: string,
    path: string,
    body: string | undefined,
    options: { follow?: boolean; headers?: Record<string, string> },
  ): Promise<Page> {
    const hops: string[] = [];
    let url = new URL(path, this.base).href;
    let currentMethod = method;
    let currentBody = body;
    for (let i = 0; i < 20; i += 1) {
      hops.push(url);
      const response = await fetch(url, {
        method: currentMethod,
        redirect: 'manual',
        body: currentBody,
        headers: {
          'user-agent': this.userAgent,
          accept: 'text/html',
          ...(currentBody !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...(this.cookies.size > 0 ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
          ...this.headers,
          ...options.headers,
        },
      });
      storeSetCookies(this.cookies, response.headers.getSetCookie());
      const location = response.headers.get('location');
      const sameHost = location !== null && new URL(location, url).origin === new URL(this.base).origin;
      if (options.follow !== false && location && sameHost && response.status >= 300 && response.status < 400) {
        url = new URL(location, url).href;
        currentMethod = 'GET';
        currentBody = undefined;
        await response.arrayBuffer();
        continue;
      }
      return { status: response.status, url, headers: response.headers, body: await response.text(), hops };
    }
    throw new Error('too many redirects');
  }
}

export { decodeEntities };
