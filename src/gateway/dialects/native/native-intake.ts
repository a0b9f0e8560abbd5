import { InvalidInputError, RefusedError } from '../../../core/errors.js';
import { parseClientAssertion } from '../../client-assertion.js';
import type { Gateway } from '../../gateway.js';
import type { DialectServices, IntakeAccepted, IntakeRequest } from '../dialect.js';
import type { NativeSettings } from './native-settings.js';
import { parseSignedQueryString } from './signed-query.js';
import { signatureMatches } from './verify-signature.js';

// Unknown gateway and bad signature must be indistinguishable: one error for both.
const notAuthentic = () => new RefusedError('link_invalid');

/**
 * PROTOCOL.md §1, the signed redirect: `GET /g/{id}?mac=&ip=&device=&sid=&url=&ts=&nonce=&sig=`.
 * The checklist, in order: parse the raw query strictly, verify the HMAC over it, check the
 * timestamp, validate the client fields and the nonce's shape, and only then spend the
 * nonce (a claim in the store, so a link works once across every instance). Everything
 * that can be refused is refused before the store is touched. The MAC is covered by the
 * signature, so it is verified.
 */
export async function nativeIntake(request: IntakeRequest, gateway: Gateway<NativeSettings>, services: DialectServices): Promise<IntakeAccepted> {
  const params = parseSignedQueryString(request.rawQuery);

  const sig = params.get('sig');
  if (!sig || !signatureMatches(gateway.settings.secrets, gateway.id, params, sig)) throw notAuthentic();

  const ts = params.get('ts') ?? '';
  if (!/^\d{1,12}$/.test(ts)) throw notAuthentic();
  // Positive: signed in the past (an old link, or the gateway's clock is behind); negative: in the future.
  const skewSeconds = Math.round(services.now() / 1000 - Number(ts));
  if (Math.abs(skewSeconds) > services.signatureMaxSkewSeconds) throw new RefusedError('link_expired', undefined, { skewSeconds });

  const nonce = params.get('nonce');
  if (nonce !== undefined && !/^[A-Za-z0-9_-]{8,128}$/.test(nonce)) throw new InvalidInputError('link_invalid', 'nonce is malformed.');
  const assertion = parseClientAssertion(Object.fromEntries(params));

  if (nonce !== undefined) {
    // Remember the nonce for as long as its timestamp could still be accepted.
    const claim = await services.atomic.claim(`nonce:${gateway.id}:${nonce}`, '1', 2 * services.signatureMaxSkewSeconds * 1000 + 1000);
    if (!claim.claimed) throw new RefusedError('link_replayed');
  }
  return { assertion, macVerified: true };
}
