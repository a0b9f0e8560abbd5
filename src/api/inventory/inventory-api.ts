import { Router, type NextFunction, type Request, type Response } from 'express';
import { BadRequestError, NotFoundError, UnauthorizedError } from '../../http/errors.js';
import { jsonBody } from '../../http/json-body.js';
import { bearerKey } from '../require-api-key.js';
import { sameSecret } from '../../http/same-secret.js';
import { normaliseGuid } from '../../core/device/guid.js';
import { describeIssue } from '../../config/config-file.js';
import { inventoryDeviceSchema } from '../../providers/local/inventory-schema.js';
import type { InventoryRepository } from '../../providers/local/inventory-repository.js';

/**
 * PUT/DELETE /api/v1/inventory/devices/{id}: lets an MDM, osquery or a script keep the
 * local inventory current. A PUT replaces the whole device; an invalid body is refused
 * with the field named and nothing is written.
 */
export function inventoryApi(options: { inventory: InventoryRepository; apiKey: string }): Router {
  const router = Router();

  function authenticate(req: Request, _res: Response, next: NextFunction) {
    const key = bearerKey(req);
    if (!key || !sameSecret(key, options.apiKey)) throw new UnauthorizedError();
    next();
  }

  function deviceId(req: Request): string {
    const id = normaliseGuid(String(req.params.id));
    if (!id) throw new BadRequestError('The device id in the path must be a GUID.', 'invalid_device_id');
    return id;
  }

  router.put('/devices/:id', authenticate, ...jsonBody({ limit: '16kb' }), async function replaceDevice(req: Request, res: Response) {
    const id = deviceId(req);
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestError('The body must be one device object.', 'invalid_body');
    const parsed = inventoryDeviceSchema.safeParse({ id, ...body });
    if (!parsed.success) throw new BadRequestError(`Invalid device: ${describeIssue(parsed.error)}.`, 'invalid_device');
    if (parsed.data.id !== id) throw new BadRequestError('id in the body must match the path.', 'invalid_device');
    const { replaced } = await options.inventory.put(parsed.data);
    res.status(replaced ? 200 : 201).json(parsed.data);
  });

  router.delete('/devices/:id', authenticate, async function removeDevice(req: Request, res: Response) {
    if (!(await options.inventory.delete(deviceId(req)))) throw new NotFoundError('No such device.', 'no_such_device');
    res.status(204).end();
  });

  return router;
}
