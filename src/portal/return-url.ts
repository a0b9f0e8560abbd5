import type { Gateway } from '../gateway/gateway-registry.js';
import type { AccessSession } from '../core/sessions/access-session.js';

/**
 * Where an allowed browser goes next: the gateway's configured returnUrl with `state`
 * and `sid` appended to whatever query it already has. The only cross-origin target we
 * ever produce, and it comes from configuration, never from the request.
 */
export function returnUrlFor(gateway: Gateway | undefined, session: AccessSession): string | undefined {
  if (!gateway?.returnUrl) return undefined;
  const url = new URL(gateway.returnUrl.href);
  url.searchParams.set('state', session.token);
  if (session.sid !== null) url.searchParams.set('sid', session.sid);
  return url.href;
}
