import { decodeFasPayload } from './decode-payload.js';
import { parsePayload, readFasClient, type FasClient } from './payload-fields.js';
import { OpenNdsRefusal } from './refusal.js';
import type { OpenNdsSettings } from './settings.js';

/**
 * An openNDS FAS intake (`GET /g/{id}/?fas=…[&iv=…]`) from its raw query string to a
 * checked client, or the one `OpenNdsRefusal`. `fas` and `iv` must each appear at most
 * once; other parameters (openNDS level-1 dialogue variables) are ignored.
 */
export function readFasIntake(rawQuery: string, settings: Pick<OpenNdsSettings, 'level' | 'faskey' | 'gatewayName' | 'authDir'>): FasClient {
  const params = new URLSearchParams(rawQuery);
  if (params.getAll('fas').length !== 1 || params.getAll('iv').length > 1) throw new OpenNdsRefusal('fas/iv count');
  const plain = decodeFasPayload({ fas: params.get('fas') ?? undefined, iv: params.get('iv') ?? undefined }, settings);
  return readFasClient(parsePayload(plain), settings);
}
