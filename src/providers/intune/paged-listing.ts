import { ProviderUnavailableError } from '../../core/compliance/errors.js';
import type { GraphClient } from './graph-client.js';
import type { Operation } from './operation-budget.js';

/** Pages are bounded; a nextLink loop (Graph bug or hostile server) must not spin forever. */
const MAX_PAGES = 100_000;

/**
 * Yields one page of a Graph collection at a time, following `@odata.nextLink`, so only
 * one page is ever held in memory. `operationForPage` lets long streams give each page
 * its own time budget (the consumer's pace is not Graph's fault).
 */
export async function* graphPages(graph: GraphClient, firstPath: string, operationForPage: () => Operation): AsyncGenerator<unknown[]> {
  for await (const page of graphPagesWithLinks(graph, firstPath, operationForPage)) yield page.items;
}

/** One page of a Graph collection: the URL it was read from, its items and the next page's URL. */
export interface GraphPage {
  /** What was requested: `firstPath` for the first page, then each `@odata.nextLink`. */
  url: string;
  items: unknown[];
  nextLink: string | undefined;
}

/** As graphPages, also telling where each page came from and where the next one is. */
export async function* graphPagesWithLinks(graph: GraphClient, firstPath: string, operationForPage: () => Operation): AsyncGenerator<GraphPage> {
  let next: string | undefined = firstPath;
  const seen = new Set<string>();
  for (let page = 0; next !== undefined; page += 1) {
    if (page >= MAX_PAGES || seen.has(next)) throw new ProviderUnavailableError('Graph paging did not terminate');
    seen.add(next);
    const url: string = next;
    const response = await graph.send('GET', url, operationForPage());
    if (response.status === 404) throw new ProviderUnavailableError(`Graph collection not found: ${firstPath.split('?')[0]}`);
    const body = response.body as { value?: unknown; '@odata.nextLink'?: unknown } | undefined;
    if (!body || !Array.isArray(body.value)) throw new ProviderUnavailableError('Graph returned a malformed page');
    const link = body['@odata.nextLink'];
    next = typeof link === 'string' && link.length > 0 ? link : undefined;
    yield { url, items: body.value, nextLink: next };
  }
}
