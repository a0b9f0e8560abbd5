import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sign } from '../gateway/dialects/native/verify-signature.js';

export const DEMO_GATEWAY_ID = 'demo-gw';

export interface DemoGateway {
  id: string;
  secret: string;
  apiKey: string;
}

/** The demo gateway's secret and key, read from the gateways file (development only). */
export function readDemoGateway(gatewaysFile: string): DemoGateway | undefined {
  const file = JSON.parse(readFileSync(gatewaysFile, 'utf8')) as { gateways?: Array<{ id: string; secrets: string[]; apiKeys?: string[] }> };
  const entry = file.gateways?.find((g) => g.id === DEMO_GATEWAY_ID);
  if (!entry?.secrets[0] || !entry.apiKeys?.[0] || entry.secrets[0].startsWith('env:')) return undefined;
  return { id: entry.id, secret: entry.secrets[0], apiKey: entry.apiKeys[0] };
}

/** Builds the signed /g/ address a real gateway would redirect to, with a one-time nonce. */
export function signedRedirectPath(gateway: DemoGateway, client: { mac?: string; device?: string; ip?: string }, nowSeconds: number): string {
  const params = new Map<string, string>();
  if (client.mac) params.set('mac', client.mac);
  if (client.device) params.set('device', client.device);
  params.set('ip', client.ip ?? '10.20.30.40');
  params.set('sid', `demo-${randomBytes(4).toString('hex')}`);
  params.set('url', 'http://example.com/');
  params.set('ts', String(nowSeconds));
  params.set('nonce', randomBytes(12).toString('base64url'));
  params.set('sig', sign(gateway.secret, gateway.id, params));
  return `/g/${gateway.id}?${new URLSearchParams([...params]).toString()}`;
}
