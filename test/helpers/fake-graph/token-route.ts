import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface TokenIssuer {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  tokenLifetimeSeconds: number;
  issued: Set<string>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Entra ID v2.0 client-credentials endpoint: `POST /{tenant}/oauth2/v2.0/token`. */
export async function handleToken(req: IncomingMessage, res: ServerResponse, tenant: string, issuer: TokenIssuer): Promise<void> {
  const form = new URLSearchParams(await readBody(req));
  if (tenant !== issuer.tenantId) {
    return json(res, 400, { error: 'invalid_request', error_description: 'AADSTS90002: Tenant not found.' });
  }
  if (form.get('grant_type') !== 'client_credentials') {
    return json(res, 400, { error: 'unsupported_grant_type', error_description: 'AADSTS70003' });
  }
  if (form.get('client_id') !== issuer.clientId || form.get('client_secret') !== issuer.clientSecret) {
    return json(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
  }
  if (form.get('scope') !== 'https://graph.microsoft.com/.default') {
    return json(res, 400, { error: 'invalid_scope', error_description: 'AADSTS1002012' });
  }
  const token = `fake-graph-${randomBytes(16).toString('hex')}`;
  issuer.issued.add(token);
  json(res, 200, {
    token_type: 'Bearer',
    expires_in: issuer.tokenLifetimeSeconds,
    ext_expires_in: issuer.tokenLifetimeSeconds,
    access_token: token,
  });
}
