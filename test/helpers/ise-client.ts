import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';

/** A parsed XML element: text, or children by name (repeated children as arrays). */
export type Xml = string | { [name: string]: Xml | Xml[] };

// Text stays text (no number/boolean guessing) so tests compare exactly what was sent.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, isArray: (name) => name === 'device' });

export interface IseResponse {
  status: number;
  contentType: string | null;
  wwwAuthenticate: string | null;
  text: string;
  /** The `<ise_api>` element, when the body is XML with that root. */
  body: Record<string, Xml> | undefined;
  /** The request line as ISE would have sent it. */
  requestLine: string;
}

/** Children of an element, in document order, by name (for asserting exact element sets). */
export function childNames(element: Xml | undefined): string[] {
  return element && typeof element === 'object' ? Object.keys(element) : [];
}

/**
 * Cisco ISE as an MDM API client, written from Cisco's MDM API guide (v2/v3) and the ISE
 * request line seen in a mock MDM's log: `GET /ciscoise/mdminfo/?ise_api_version=N` once,
 * then `GET {api_path}/devices/?paging=P&querycriteria=C&value=V&filter=F` with the
 * api_path taken verbatim, HTTP Basic, `Accept: application/xml`. Bulk queries follow
 * `paging_info` until it is 0, like an ISE poller.
 */
export class IseClient {
  constructor(
    private readonly base: string,
    private readonly user: string,
    private readonly password: string,
  ) {}

  async get(pathAndQuery: string, options: { authorization?: string | null } = {}): Promise<IseResponse> {
    const headers: Record<string, string> = { Accept: 'application/xml', 'User-Agent': 'Cisco ISE' };
    const authorization =
      options.authorization === undefined ? `Basic ${Buffer.from(`${this.user}:${this.password}`).toString('base64')}` : options.authorization;
    if (authorization !== null) headers.Authorization = authorization;
    const response = await fetch(`${this.base}${pathAndQuery}`, { headers });
    const text = await response.text();
    let body: Record<string, Xml> | undefined;
    if (text.startsWith('<?xml')) {
      const parsed = parser.parse(text) as { ise_api?: Record<string, Xml> };
      body = parsed.ise_api;
    }
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      wwwAuthenticate: response.headers.get('www-authenticate'),
      text,
      body,
      requestLine: `GET ${pathAndQuery}`,
    };
  }

  /** Step 1 of adding an MDM server: ask for the server info with the highest version ISE speaks (`null`: a pre-v3 ISE, no parameter). */
  mdmInfo(maxVersion: number | null): Promise<IseResponse> {
    return this.get(maxVersion === null ? '/ciscoise/mdminfo/' : `/ciscoise/mdminfo/?ise_api_version=${maxVersion}`);
  }

  /** A compliance query exactly as ISE builds it (the MAC as 12 upper-case hex digits). */
  devices(
    apiPath: string,
    query: { paging?: number; querycriteria?: string; value?: string; filter?: string; deviceidentifier?: string },
  ): Promise<IseResponse> {
    const parts = [`paging=${query.paging ?? 0}`];
    if (query.querycriteria !== undefined) parts.push(`querycriteria=${query.querycriteria}`);
    if (query.value !== undefined) parts.push(`value=${encodeURIComponent(query.value)}`);
    if (query.deviceidentifier !== undefined) parts.push(`deviceidentifier=${query.deviceidentifier}`);
    parts.push(`filter=${query.filter ?? 'all'}`);
    return this.get(`${apiPath}/devices/?${parts.join('&')}`);
  }

  /** The periodic poll: every page of a bulk query until `paging_info` is 0 (bounded). */
  async bulk(apiPath: string, query: { querycriteria?: string; value?: string; deviceidentifier?: string }, maxPages = 100): Promise<IseResponse[]> {
    const pages: IseResponse[] = [];
    let paging = 0;
    for (let i = 0; i < maxPages; i++) {
      const page = await this.devices(apiPath, { ...query, paging });
      assert.equal(page.status, 200, page.text);
      pages.push(page);
      const next = Number(page.body?.paging_info ?? '0');
      if (next === 0) return pages;
      paging = next;
    }
    throw new Error(`bulk query did not finish within ${maxPages} pages`);
  }
}

/** The `<device>` elements of an answer (empty for `<deviceList/>`). */
export function devicesOf(response: IseResponse): Array<Record<string, Xml>> {
  const list = response.body?.deviceList;
  if (!list || typeof list !== 'object' || Array.isArray(list)) return [];
  return ((list as Record<string, Xml[]>).device ?? []) as Array<Record<string, Xml>>;
}
