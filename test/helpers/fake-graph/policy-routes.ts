import type { ServerResponse } from 'node:http';
import { graphError } from './fake-graph-types.js';

/** The slice of the fake's state the compliance policy route reads. */
export interface PolicyState {
  /** Compliance policies by id, as Graph serialises them (with their `@odata.type`). */
  policies: Map<string, Record<string, unknown>>;
  /** Application permissions the fake app registration lacks (its requests get Graph's 403). */
  missingPermissions: Set<string>;
}

const BASE = '/v1.0/deviceManagement/deviceCompliancePolicies';
const PERMISSION = 'DeviceManagementConfiguration.Read.All';

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * `GET /v1.0/deviceManagement/deviceCompliancePolicies/{id}` (Graph v1.0 "Get
 * deviceCompliancePolicy"): the policy with its platform-specific properties, 404 for an
 * unknown id, and — while the app lacks DeviceManagementConfiguration.Read.All — the 403
 * Graph sends for a missing application permission. Returns false for other paths.
 */
export function handlePolicies(method: string, url: URL, res: ServerResponse, state: PolicyState): boolean {
  const match = /^\/([^/]+)$/.exec(url.pathname.startsWith(`${BASE}/`) ? url.pathname.slice(BASE.length) : '');
  if (!match?.[1]) return false;
  if (method !== 'GET') {
    json(res, 405, graphError('BadRequest', 'No HTTP resource was found that matches the request.'));
    return true;
  }
  if (state.missingPermissions.has(PERMISSION)) {
    json(
      res,
      403,
      graphError(
        'Forbidden',
        `Application is not authorized to perform this operation. Application must have one of the following scopes: ${PERMISSION}, DeviceManagementConfiguration.ReadWrite.All`,
      ),
    );
    return true;
  }
  const id = decodeURIComponent(match[1]);
  const policy = state.policies.get(id);
  if (!policy) json(res, 404, graphError('ResourceNotFound', `{"Message": "Resource not found: ${id}"}`));
  else json(res, 200, { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#deviceManagement/deviceCompliancePolicies/$entity', ...policy });
  return true;
}
