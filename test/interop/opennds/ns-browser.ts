import { request } from 'node:http';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { decodeEntities, findForm } from '../../helpers/html-form.js';
import { run, startProcess, type LabProcess } from './processes.js';

export interface NsPage {
  status: number;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Every URL visited, redirects included. */
  hops: string[];
}

/** Starts the relay (ns-relay.mjs) inside `namespace`, listening on a unix socket in `work`. */
export async function startRelay(namespace: string, socketPath: string, logFile: string): Promise<LabProcess> {
  const relay = startProcess(
    `relay ${namespace}`,
    'ip',
    ['netns', 'exec', namespace, process.execPath, new URL('./ns-relay.mjs', import.meta.url).pathname, socketPath],
    { logFile },
  );
  await relay.waitFor(/relay ready/, 20_000);
  return relay;
}

/**
 * A phone's browser in a client namespace: node:http (openNDS matches `Host`, `User-Agent`
 * and `Accept` case-sensitively, LAB.md A.4b, so no fetch), one connection per request,
 * a cookie jar per origin, every redirect followed across hosts (gateway → Vestibule →
 * dev IdP → gateway), bounded. Traffic leaves from inside the namespace through the relay.
 */
export class NsBrowser {
  private readonly jars = new Map<string, Map<string, string>>();
  readonly userAgent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

  constructor(
    private readonly socketPath: string,
    private readonly ca?: string,
  ) {}

  get(url: string, options: { follow?: boolean; timeoutMs?: number } = {}): Promise<NsPage> {
    return this.navigate('GET', url, undefined, options);
  }

  /** Fills and submits the first form on `page` whose action matches. */
  submit(page: NsPage, fields: Record<string, string>, actionPattern: RegExp = /./): Promise<NsPage> {
    const form = findForm(page.body, actionPattern);
    if (!form) throw new Error(`no form matching ${actionPattern} on ${page.url}`);
    return this.navigate('POST', new URL(form.action, page.url).href, new URLSearchParams({ ...form.hidden, ...fields }).toString(), {});
  }

  private async navigate(method: string, start: string, body: string | undefined, options: { follow?: boolean; timeoutMs?: number }): Promise<NsPage> {
    const hops: string[] = [];
    let url = start;
    let currentMethod = method;
    let currentBody = body;
    for (let i = 0; i < 20; i += 1) {
      hops.push(url);
      const response = await this.once(currentMethod, new URL(url), currentBody, options.timeoutMs ?? 20_000);
      const location = response.headers.location as string | undefined;
      if (options.follow !== false && location && response.status >= 300 && response.status < 400) {
        url = new URL(decodeEntities(location), url).href;
        if (response.status !== 307 && response.status !== 308) {
          currentMethod = 'GET';
          currentBody = undefined;
        }
        continue;
      }
      return { ...response, url, hops };
    }
    throw new Error(`too many redirects from ${start}`);
  }

  private once(method: string, url: URL, body: string | undefined, timeoutMs: number): Promise<Omit<NsPage, 'url' | 'hops'>> {
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const jar = this.jars.get(url.host) ?? new Map<string, string>();
    this.jars.set(url.host, jar);
    const headers: Record<string, string> = {
      Host: url.host,
      'User-Agent': this.userAgent,
      Accept: 'text/html,application/xhtml+xml',
      'Accept-Language': 'en',
      Connection: 'close',
    };
    if (jar.size > 0) headers.Cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const createConnection = (): Socket => {
      const raw = netConnect(this.socketPath);
      raw.write(`${url.hostname}:${port}\n`);
      return url.protocol === 'https:' ? tlsConnect({ socket: raw, host: url.hostname, ca: this.ca }) : raw;
    };
    return new Promise((resolve, reject) => {
      const req = request({ method, path: `${url.pathname}${url.search}`, headers, createConnection, timeout: timeoutMs, setHost: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          for (const cookie of res.headers['set-cookie'] ?? []) {
            const [pair] = cookie.split(';');
            const eq = pair!.indexOf('=');
            const value = pair!.slice(eq + 1).trim();
            if (value === '' || /max-age=0/i.test(cookie)) jar.delete(pair!.slice(0, eq).trim());
            else jar.set(pair!.slice(0, eq).trim(), value);
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${url.href}`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** Quick reachability probe with curl-like semantics: the body, or undefined when refused/timed out. */
export async function tryGet(browser: NsBrowser, url: string, timeoutMs = 4000): Promise<NsPage | undefined> {
  try {
    return await browser.get(url, { follow: false, timeoutMs });
  } catch {
    return undefined;
  }
}

export { run };
