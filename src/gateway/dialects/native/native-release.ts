import { decisionOf, type AccessSession } from '../../../core/sessions/access-session.js';
import type { Gateway } from '../../gateway.js';
import type { Release } from '../dialect.js';
import type { NativeSettings } from './native-settings.js';

/**
 * PROTOCOL.md §3: an allowed browser goes to the gateway's configured returnUrl with
 * `state` (the session token) and `sid` appended to whatever query it already has. The
 * only cross-origin target we ever produce, and it comes from configuration, never from
 * the request. No returnUrl: the gateway polls the sessions API, nothing to do.
 */
export function nativeRelease(session: AccessSession, gateway: Gateway<NativeSettings>): Release {
  if (decisionOf(session) !== 'allow' || !gateway.settings.returnUrl) return { kind: 'none' };
  const url = new URL(gateway.settings.returnUrl.href);
  url.searchParams.set('state', session.token);
  if (session.sid !== null) url.searchParams.set('sid', session.sid);
  return { kind: 'redirect', url: url.href };
}
