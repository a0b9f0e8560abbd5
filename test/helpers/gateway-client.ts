import { randomBytes } from 'node:crypto';
import { sign } from '../../src/gateway/dialects/native/verify-signature.js';
import { TEST_GATEWAYS } from './test-vestibule.js';

type TestGateway = (typeof TEST_GATEWAYS)[keyof typeof TEST_GATEWAYS];

/** Builds a signed /g/ path the way a gateway would (PROTOCOL.md §1). */
export function signedRedirect(gateway: TestGateway, params: Record<string, string>, options: { ts?: number; nonce?: boolean } = {}): string {
  const map = new Map<string, string>(Object.entries(params));
  map.set('ts', String(options.ts ?? Math.floor(Date.now() / 1000)));
  if (options.nonce !== false) map.set('nonce', randomBytes(12).toString('base64url'));
  map.set('sig', sign(gateway.secret, gateway.id, map));
  return `/g/${gateway.id}?${new URLSearchParams([...map]).toString()}`;
}

/** The gateway's back channel: polling and pushed sessions with its bearer key. */
export async function poll(base: string, gateway: TestGateway, token: string, options: { wait?: number; etag?: string } = {}) {
  const url = new URL(`/api/v1/sessions/${token}`, base);
  if (options.wait !== undefined) url.searchParams.set('wait', String(options.wait));
  const response = await fetch(url, { headers: { authorization: `Bearer ${gateway.apiKey}`, ...(options.etag ? { 'if-none-match': options.etag } : {}) } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export async function pushSession(base: string, gateway: TestGateway, body: unknown) {
  const response = await fetch(new URL('/api/v1/sessions', base), {
    method: 'POST',
    headers: { authorization: `Bearer ${gateway.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/**
 * What a gateway's NAC client does: long-poll with the last ETag until the decision is no
 * longer pending. Each wake must carry a newer version than the one the gateway had; a
 * wait that ends unchanged (304, as when the user is slow) is simply polled again.
 */
export async function longPollUntilDecided(base: string, gateway: TestGateway, token: string, etag: string, maxPolls = 6) {
  let current = etag;
  for (let i = 0; i < maxPolls; i += 1) {
    const answer = await poll(base, gateway, token, { wait: 25, etag: current });
    if (answer.status === 304) continue;
    if (answer.status !== 200) throw new Error(`long-poll answered ${answer.status}`);
    if (Number(answer.body.version) <= Number(current.replace(/"/g, ''))) throw new Error('a wake without a newer version');
    if (answer.body.decision !== 'pending') return answer;
    current = answer.headers.get('etag')!;
  }
  throw new Error('no decision after the long-polls');
}
