import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { ComplianceProvider } from '../../core/compliance/types.js';
import { BadRequestError, HttpError } from '../../http/errors.js';
import { HangUpSignal } from '../../http/hang-up-signal.js';
import { sendJson } from '../../http/send-json.js';
import type { GatewayRegistry } from '../../gateway/gateway-registry.js';
import { gatewayOf, requireApiKey } from '../require-api-key.js';
import type { Stores } from '../../core/store/types.js';
import { absoluteUrl } from './absolute-url.js';
import { createCursorCodec } from './bulk-cursor.js';
import { readBulkPage } from './bulk-page.js';
import { admitBulkCall } from './bulk-throttle.js';
import { lookUpDevice } from './device-lookup.js';
import { parseDeviceQuery } from './parse-query.js';
import { toVersionedDevice } from './versioned-device.js';
import { parseVersion } from './versions.js';

export interface ComplianceApiDeps {
  registry: GatewayRegistry;
  provider: ComplianceProvider;
  stores: Stores;
  bulkWindowSeconds: number;
  bulkPeriodSeconds: number;
  /** Base of the absolute `nextLink` URLs. */
  publicUrl: URL;
  /**
   * Secret the bulk cursors are MACed with (the app passes SESSION_SECRET; a key is
   * derived from it). Must be the same on every instance, or cursors fail across them.
   */
  cursorSecret: string | Buffer;
  /** The per-key rate limit, first in the router (one routing level less than a router wrapped around this one). */
  limit?: RequestHandler;
  now?: () => number;
}

/**
 * The NAC partners' compliance-retrieval API (PROTOCOL.md §5); mount at `/api/compliance`.
 * Routing is case-insensitive and ignores a trailing slash, and express answers HEAD
 * with the GET handler, so every spelling of the path reaches the same steps and the
 * same throttle. Errors are thrown as HttpError for the app's problem+json handler.
 */
export function createComplianceApiRouter(deps: ComplianceApiDeps): Router {
  const now = deps.now ?? Date.now;
  const throttle = { windowMs: deps.bulkWindowSeconds * 1000, periodMs: deps.bulkPeriodSeconds * 1000, now };
  const cursors = createCursorCodec({ secret: deps.cursorSecret, scope: deps.provider.name, now });
  const router = Router({ caseSensitive: false, strict: false });
  if (deps.limit) router.use(deps.limit);

  router.use(function noStore(_req: Request, res: Response, next: NextFunction) {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use(requireApiKey(deps.registry, 'compliance'));

  router.get('/:version/devices', async function answerDeviceQuery(req: Request, res: Response) {
    const version = parseVersion(String(req.params.version));
    const query = parseDeviceQuery(req.originalUrl, cursors);
    const hangUp = new HangUpSignal(res);
    if (query.kind !== 'bulk') {
      const ref = query.kind === 'id' ? { by: 'id' as const, id: query.id } : { by: 'mac' as const, mac: query.mac };
      const device = await lookUpDevice(deps.provider, ref, hangUp);
      sendJson(res, { value: [toVersionedDevice(version, device, { mac: query.kind === 'mac' ? query.mac : undefined })] });
      return;
    }
    await admitBulkCall(deps.stores.atomic, gatewayOf(res).id, throttle);
    const page = await readBulkPage(deps.provider, { resumeFrom: query.resumeFrom, pageSize: query.pageSize, signal: hangUp.signal });
    const body: { value: unknown[]; nextLink?: string } = { value: page.devices.map((device) => toVersionedDevice(version, device)) };
    if (page.continueFrom !== undefined) {
      const next = absoluteUrl(deps.publicUrl, `api/compliance/${version}/devices`);
      next.search = new URLSearchParams({
        complianceState: 'noncompliant',
        pageSize: String(query.pageSize),
        cursor: cursors.seal(page.continueFrom),
      }).toString();
      body.nextLink = next.href;
    }
    sendJson(res, body);
  });

  /**
   * The single-object form for products that map top-level JSON keys (ClearPass HTTP
   * source, F5 HTTP Connector): one device, the same properties, no `value[]` wrapper.
   */
  router.get('/:version/device', async function answerSingleDevice(req: Request, res: Response) {
    const version = parseVersion(String(req.params.version));
    const query = parseDeviceQuery(req.originalUrl, cursors);
    if (query.kind === 'bulk')
      throw new BadRequestError('The single-device form takes intuneDeviceId, macAddress or certSanUri; use /devices for listings.', 'invalid_parameter');
    const ref = query.kind === 'id' ? { by: 'id' as const, id: query.id } : { by: 'mac' as const, mac: query.mac };
    const device = await lookUpDevice(deps.provider, ref, new HangUpSignal(res));
    sendJson(res, toVersionedDevice(version, device, { mac: query.kind === 'mac' ? query.mac : undefined }));
  });

  router.all(['/:version/devices', '/:version/device'], function onlyGet(_req: Request, res: Response) {
    res.set('Allow', 'GET, HEAD');
    throw new HttpError(405, 'method_not_allowed', 'Use GET.');
  });

  return router;
}
