import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { ComplianceProvider, DeviceSnapshot } from '../../core/compliance/types.js';
import type { Stores } from '../../core/store/types.js';
import { BadRequestError, normalise, ServiceUnavailableError } from '../../http/errors.js';
import type { GatewayRegistry } from '../../gateway/gateway-registry.js';
import { requireIseGateway, iseGatewayOf } from './basic-auth.js';
import { IseBulkPages } from './bulk-pages.js';
import { deviceAttributes, type IseApiVersion } from './device-attributes.js';
import { parseDevicesQuery, type IseDevicesQuery } from './devices-query.js';
import { iseXml, type XmlElement } from './ise-xml.js';
import { HangUpSignal } from '../../http/hang-up-signal.js';
import { mdmInfo } from './mdminfo.js';

export interface IseApiDeps {
  registry: GatewayRegistry;
  provider: ComplianceProvider;
  stores: Stores;
  publicUrl: URL;
  /** GRACE_PERIOD_ALLOWS: an inGracePeriod device is compliant for ISE only when true. */
  graceAllows: boolean;
  /** Most records per bulk page (`query_max_size` in mdminfo). */
  queryMaxSize: number;
  /** Answered as `product_version` from v3 on. */
  productVersion: string;
  /** Rate limit per presented credential (RATE_LIMIT_ISE_API), before authentication; its 429 is plain text like every ISE error. */
  limit?: RequestHandler;
  now?: () => number;
}

/** Where ISE sends a person it quarantined (`redirect_url`, and each device's remediation). */
export function remediationUrl(publicUrl: URL, gatewayId: string): string {
  return new URL(`/fix/${encodeURIComponent(gatewayId)}`, publicUrl).href;
}

/** The per-gateway api_path we hand out in mdminfo; the version ISE settled on is part of it. */
export function apiPath(gatewayId: string, version: IseApiVersion): string {
  return `/ise/${gatewayId}/v${version}`;
}

/**
 * Cisco ISE's MDM API (v2 and v3; Cisco "Mobile Device Management APIs" guide), mounted
 * at the root: `GET /ciscoise/mdminfo/` (fixed path, any gateway with the `ise` scope) and
 * `GET /ise/{gatewayId}/v{2|3}/devices/`. Answers come from provider snapshots only, so
 * an authentication never waits on Graph. Errors are short plain text with the status
 * ISE understands (400 malformed, 401 + Basic challenge, 429 and 503 + Retry-After), never
 * a page.
 */
export function createIseRouter(deps: IseApiDeps): Router {
  const now = deps.now ?? Date.now;
  const bulk = new IseBulkPages(deps.stores.namespace('ise-paging'));
  const router = Router({ caseSensitive: false, strict: false });
  // Mounted at the root: the limit goes on ISE's own paths, never in front of the rest of the app.
  if (deps.limit) router.use(['/ciscoise/mdminfo', '/ise/:gatewayId/:version/devices'], deps.limit);

  router.get('/ciscoise/mdminfo', requireIseGateway(deps.registry), function answerMdmInfo(req: Request, res: Response) {
    const gateway = iseGatewayOf(res);
    const info = mdmInfo(req.originalUrl, {
      apiPath: (v) => apiPath(gateway.id, v),
      redirectUrl: remediationUrl(deps.publicUrl, gateway.id),
      queryMaxSize: deps.queryMaxSize,
      productVersion: deps.productVersion,
    });
    sendXml(res, info);
  });

  const pathGateway = (req: Request) => String(req.params.gatewayId);
  router.get('/ise/:gatewayId/:version/devices', requireIseGateway(deps.registry, { pathGateway }), async function answerDevices(req: Request, res: Response) {
    const version = parseVersion(String(req.params.version));
    const gateway = iseGatewayOf(res);
    const query = parseDevicesQuery(req.originalUrl, version);
    const signal = new HangUpSignal(res).signal;
    const attributes = (snapshot: DeviceSnapshot) =>
      deviceAttributes(snapshot, {
        version,
        graceAllows: deps.graceAllows,
        remediationUrl: remediationUrl(deps.publicUrl, gateway.id),
        filter: query.filter,
        now: now(),
      });
    const body: XmlElement = { name: 'attributes', api_version: version };
    if (query.kind === 'single') {
      const found = await deps.provider.findSnapshots(query.criterion, { limit: 5, signal });
      body.paging_info = 0;
      body.deviceList = deviceList(
        found.flatMap((s) => keyed(s, query).map((key) => ({ snapshot: s, key }))),
        query.key,
        attributes,
      );
    } else {
      const page = await bulk.read(deps.provider, {
        gatewayId: gateway.id,
        compliant: query.compliant,
        key: query.key,
        paging: query.paging,
        maxSize: deps.queryMaxSize,
        graceAllows: deps.graceAllows,
        signal,
      });
      body.paging_info = page.pagingInfo;
      body.deviceList = deviceList(page.entries, query.key, attributes);
    }
    sendXml(res, body);
  });

  router.all(['/ciscoise/mdminfo', '/ise/:gatewayId/:version/devices'], function onlyGet(_req: Request, res: Response) {
    res.set('Allow', 'GET, HEAD');
    res.status(405).type('text/plain').send('Use GET.\n');
  });

  router.use(function iseErrors(error: unknown, _req: Request, res: Response, next: NextFunction) {
    if (res.headersSent) return next(error);
    const http = normalise(error);
    if (http.status >= 500 && !(http instanceof ServiceUnavailableError)) return next(error); // logged by the app's handler
    const text = http instanceof ServiceUnavailableError ? http.publicMessage : http.message;
    res.status(http.status).set(http.headers).set('Cache-Control', 'no-store').type('text/plain').send(`${text}\n`);
  });
  return router;
}

function parseVersion(segment: string): IseApiVersion {
  if (segment.toLowerCase() === 'v2') return 2;
  if (segment.toLowerCase() === 'v3') return 3;
  throw new BadRequestError('Unknown MDM API version in the path; ask /ciscoise/mdminfo/ for the api_path.', 'invalid_version');
}

/** Single queries by MAC answer under the MAC asked; other MAC-keyed answers under each of the device's MACs. */
function keyed(snapshot: DeviceSnapshot, query: Extract<IseDevicesQuery, { kind: 'single' }>): string[] {
  if (query.key === 'guid') return [snapshot.device.id];
  if (query.askedMac) return [query.askedMac];
  const macs = [snapshot.device.wiFiMacAddress, snapshot.device.ethernetMacAddress].filter(Boolean);
  return macs.length > 0 ? [macs[0]!] : [''];
}

function deviceList(
  entries: Array<{ snapshot: DeviceSnapshot; key: string }>,
  key: 'guid' | 'macaddress',
  attributes: (s: DeviceSnapshot) => XmlElement,
): XmlElement | '' {
  if (entries.length === 0) return '';
  return { device: entries.map(({ snapshot, key: value }) => ({ [key]: value, attributes: attributes(snapshot) })) };
}

/** `application/xml` exactly as the MDM API guide names it (a Buffer keeps express from adding a charset; the declaration says UTF-8). */
function sendXml(res: Response, body: XmlElement): void {
  res
    .status(200)
    .set('Cache-Control', 'no-store')
    .set('Content-Type', 'application/xml')
    .send(Buffer.from(iseXml(body), 'utf8'));
}
