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
  /** Called on a syncDevice POST; the fake decides when lastSyncDateTime moves. */
  onSync(id: string): void;
}

const BASE = '/v1.0/deviceManagement/managedDevices';
const CONTEXT = 'https://graph.microsoft.com/v1.0/$metadata#deviceManagement/managedDevices';

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Routes `/v1.0/deviceManagement/managedDevices[...]`; returns false for unknown paths. */
export function handleGraph(method: string, url: URL, res: ServerResponse, state: GraphState): boolean {
  const rest = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : undefined;
  if (rest === undefined) return false;
  const select = url.searchParams.get('$select');
  if (rest === '' && method === 'GET') {
    const filter = parseFilter(url.searchParams.get('$filter'));
    const honoured = filter && !state.ignoredFilters.has(filter.property) ? filter : undefined;
    const all = [...state.devices.values()];
    const items = (honoured ? all.filter((d) => matchesFilter(d, honoured)) : all).map((d) => project(d, select, true));
    json(res, 200, page(items, url, state.pageSize, CONTEXT));
    return true;
  }
  const match = /^\/([^/]+)(\/syncDevice|\/deviceCompliancePolicyStates)?$/.exec(rest);
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
    json(res, 200, page(state.policyStates.get(id) ?? [], url, state.pageSize, `${CONTEXT}('${id}')/deviceCompliancePolicyStates`));
  } else if (match[2] === undefined && method === 'GET') {
    json(res, 200, { '@odata.context': `${CONTEXT}/$entity`, ...project(device, select, false) });
  } else {
    json(res, 405, graphError('BadRequest', 'No HTTP resource was found that matches the request.'));
  }
  return true;
}
