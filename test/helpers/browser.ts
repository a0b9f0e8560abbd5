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
    const forms = [...page.body.matchAll(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)];
    const form = forms.find((f) => actionPattern.test(f[1]!));
    if (!form) throw new Error(`no form matching ${actionPattern} on ${page.url}`);
    const hidden = Object.fromEntries([...form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    return this.post(decodeEntities(form[1]!), { ...hidden, ...fields });
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private async request(method: string, path: string, body: string | undefined, options: { follow?: boolean; headers?: Record<string, string> }): Promise<Page> {
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
          ...options.headers,
        },
      });
      this.store(response.headers.getSetCookie());
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

  private store(setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

export function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}
