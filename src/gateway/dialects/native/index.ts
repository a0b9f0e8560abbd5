import type { Dialect } from '../dialect.js';
import { nativeIntake } from './native-intake.js';
import { nativeRelease } from './native-release.js';
import { nativeSettings, type NativeSettings } from './native-settings.js';

export type { NativeSettings } from './native-settings.js';
export { sign } from './verify-signature.js';

/**
 * Vestibule's own signed redirect (PROTOCOL.md §1 and §3): HMAC-SHA256 over the query,
 * a timestamp window, an optional one-time nonce; release by redirecting the browser to
 * the configured returnUrl. No back channel on the intake path: native gateways use the
 * sessions API (/api/v1/sessions) with a bearer key.
 */
export const nativeDialect: Dialect<NativeSettings> = {
  name: 'native',
  settings: nativeSettings,
  intake: nativeIntake,
  release: async (session, gateway) => nativeRelease(session, gateway),
};
