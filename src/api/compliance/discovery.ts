import type { Request, Response } from 'express';
import { absoluteUrl } from './absolute-url.js';
import { API_VERSIONS } from './versions.js';

/**
 * `GET /.well-known/vestibule` (no auth): tells a gateway or NAC partner where everything
 * is, so integrations configure one base URL. Built once from PUBLIC_URL, never from Host.
 */
export function createDiscoveryHandler(deps: { publicUrl: URL }) {
  const at = (path: string) => decodeURI(absoluteUrl(deps.publicUrl, path).href);
  const document = {
    service: 'vestibule',
    protocol: 'vestibule-v1',
    portal: {
      baseUrl: at(''),
      redirectIntake: at('g/{gatewayId}'),
    },
    sessions: {
      create: at('api/v1/sessions'),
      poll: at('api/v1/sessions/{token}'),
    },
    compliance: {
      devices: at('api/compliance/{version}/devices'),
      versions: [...API_VERSIONS],
      // Every selector parse-query.ts accepts, so a partner configuring from this document sees certSanUri too.
      selectors: ['intuneDeviceId', 'macAddress', 'certSanUri', 'complianceState=noncompliant'],
    },
  };
  const body = JSON.stringify(document);

  return function discovery(_req: Request, res: Response): void {
    res.set('Cache-Control', 'public, max-age=300');
    res.type('application/json').send(body);
  };
}
