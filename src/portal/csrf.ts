import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { RefusedError } from '../core/errors.js';
import { formField } from '../http/form-field.js';
import { sameSecret } from '../http/same-secret.js';

/**
 * Synchronizer token for the portal's POST forms, kept in the browser's server-side
 * session. The session cookie is SameSite=Lax as well; the token covers browsers and
 * mini-browsers that do not honour SameSite.
 */
export function csrfToken(req: Request): string {
  req.session.csrfToken ??= randomBytes(24).toString('base64url');
  return req.session.csrfToken;
}

export function checkCsrf(req: Request): void {
  const expected = req.session.csrfToken;
  const presented = formField(req, 'csrf') ?? '';
  if (expected === undefined || !sameSecret(presented, expected)) throw new RefusedError('csrf');
}
