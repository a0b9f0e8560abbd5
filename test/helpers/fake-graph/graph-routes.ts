import type { ServerResponse } from 'node:http';
import { graphError, type GraphDeviceJson } from './fake-graph-types.js';
import { matchesFilter, page, parseFilter, project } from './odata.js';

/** The slice of the fake's state the Graph routes read and change. */
export interface GraphState {
  devices: Map<string, GraphDeviceJson>;
  policyStates: Map<string, unknown[]>;
  /** Filter properties Graph "supports" by ignoring: the full collection comes back. */
  ignoredFilters: Set<string>;
  pageSize: number;
  /**
   * Primary users per device id, as `/managedDevices/{id}/users` lists them. A device not
   * in the map has its enrolling user (`userId`) as primary user, or none when that is empty.
   */
  primaryUsers: Map<string, string[]>;
  /** Called on a syncDevice POST; the fake decides when lastSyncDateTime moves. */
  onSync(id: string): void;
  /** Lets a test make the managedDevices listing answer with another nextLink. */
  rewriteNextLink?: (link: string) => string;
}

const BASE = '/v1.0/deviceManagement/managedDevices';
const CONTEXT = 'https://graph.microsoft.com/v1.0/$metadata#deviceManagement/managedDevices';

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function answerPage(res: ServerResponse, body: Record<string, unknown> | undefined): void {
  if (body) json(res, 200, body);
  else json(res, 400, graphError('BadRequest', 'The $skiptoken is invalid.'));
}

/** Routes `/v1.0/deviceManagement/managedDevices[...]`; returns false for unknown paths. */
export function handleGraph(method: string, url: URL, res: ServerResponse, state: GraphState): boolean {
  const rest = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : undefined;
  if (rest === undefined) return false;
  const select = url.searchParams.get('$select');
  if (rest === '' && method === 'GET') {
    const filter = parseFilter(url.searchParams.get('$filter'));
    const honoured = filter && !state.ignoredFilters.has(filter.property) ? filter : undefined;
    // Graph pages managedDevices in a stable key order of its own; the fake uses the id.
    const all = [...state.devices.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const items = (honoured ? all.filter((d) => matchesFilter(d, honoured)) : all).map((d) => project(d, select, true));
    const body = page(items, url, state.pageSize, CONTEXT, (item) => String(item.id));
    const link = body?.['@odata.nextLink'];
    if (body && typeof link === 'string' && state.rewriteNextLink) body['@odata.nextLink'] = state.rewriteNextLink(link);
    answerPage(res, body);
    return true;
  }
  const match = /^\/([^/]+)(\/syncDevice|\/deviceCompliancePolicyStates|\/users)?$/.exec(rest);
  if (!match || !match[1]) return false;
  const id = decodeURIComponent(match[1]);
  const device = state.devices.get(id);
  if (!device) {
    json(res, 404, graphError('ResourceNotFound', `{"Message": "Resource not found: ${id}"}`));
    return true;
  }
  if (match[2] === '/syncDevice' && method === 'POST') {
    state.onSync(id);
    res.writeHead(204).end();
  } else if (match[2] === '/deviceCompliancePolicyStates' && method === 'GET') {
    answerPage(res, page(state.policyStates.get(id) ?? [], url, state.pageSize, `${CONTEXT}('${id}')/deviceCompliancePolicyStates`));
  } else if (match[2] === '/users' && method === 'GET') {
    const enrolling = typeof device.userId === 'string' && device.userId !== '' ? [device.userId] : [];
    const ids = state.primaryUsers.get(id) ?? enrolling;
    json(res, 200, { '@odata.context': `${CONTEXT}('${id}')/users`, value: ids.map((userId) => ({ id: userId })) });
  } else if (match[2] === undefined && method === 'GET') {
    json(res, 200, { '@odata.context': `${CONTEXT}/$entity`, ...project(device, select, false) });
  } else {
    json(res, 405, graphError('BadRequest', 'No HTTP resource was found that matches the request.'));
  }
  return true;
}
