import { constants, createHash, randomBytes, verify, X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface TokenIssuer {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  tokenLifetimeSeconds: number;
  issued: Set<string>;
  /** Certificates uploaded to the app registration, by base64url SHA-256 thumbprint (`x5t#S256`). */
  certificates: Map<string, X509Certificate>;
  /** Every client assertion the endpoint accepted or refused, decoded, for tests to inspect. */
  assertions: DecodedAssertion[];
  /** jti values already used: Entra refuses a replayed assertion. */
  usedJtis: Set<string>;
}

export interface DecodedAssertion {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** Why it was refused; undefined when accepted. */
  refused?: string;
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Clock skew the endpoint tolerates on nbf/exp. */
const SKEW_SECONDS = 60;

/** The header value (base64url SHA-256 of the DER) the fake looks certificates up by. */
export function thumbprintSha256(certPem: string): string {
  return createHash('sha256').update(new X509Certificate(certPem).raw).digest('base64url');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function decodePart(part: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks a client assertion as Entra does for certificate credentials: PS256 (RSA-PSS)
 * signed by a registered certificate named by `x5t#S256`, aud = this token endpoint,
 * iss = sub = the client id, inside nbf/exp, jti not seen before. Returns the refusal
 * (an AADSTS-style description) or undefined.
 */
function checkAssertion(jwt: string, audience: string, issuer: TokenIssuer): string | undefined {
  const parts = jwt.split('.');
  const header = decodePart(parts[0]);
  const payload = decodePart(parts[1]);
  if (parts.length !== 3 || !header || !payload) return 'AADSTS50027: JWT token is invalid or malformed.';
  const record: DecodedAssertion = { header, payload };
  issuer.assertions.push(record);
  const refuse = (why: string) => (record.refused = why);
  if (header.alg !== 'PS256' || header.typ !== 'JWT') return refuse('AADSTS5002738: Invalid JWT token. alg must be PS256.');
  const certificate = typeof header['x5t#S256'] === 'string' ? issuer.certificates.get(header['x5t#S256']) : undefined;
  if (!certificate) return refuse('AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.');
  const signed = verify(
    'sha256',
    Buffer.from(`${parts[0]}.${parts[1]}`),
    { key: certificate.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
    Buffer.from(parts[2]!, 'base64url'),
  );
  if (!signed) return refuse('AADSTS700027: Client assertion failed signature validation.');
  if (payload.aud !== audience) return refuse('AADSTS700212: No matching federated identity record found for presented assertion audience.');
  if (payload.iss !== issuer.clientId || payload.sub !== issuer.clientId) return refuse('AADSTS700016: Application not found in the directory (iss/sub).');
  const now = Math.floor(Date.now() / 1000);
  const { nbf, exp } = payload;
  if (typeof exp !== 'number' || typeof nbf !== 'number' || exp + SKEW_SECONDS <= now || nbf - SKEW_SECONDS > now) {
    return refuse('AADSTS700024: Client assertion is not within its valid time range.');
  }
  if (typeof payload.jti !== 'string' || issuer.usedJtis.has(payload.jti)) return refuse('AADSTS700025: Client assertion jti has already been used.');
  issuer.usedJtis.add(payload.jti);
  return undefined;
}

/** Entra ID v2.0 client-credentials endpoint: `POST /{tenant}/oauth2/v2.0/token`, secret or certificate. */
export async function handleToken(req: IncomingMessage, res: ServerResponse, tenant: string, issuer: TokenIssuer, baseUrl: string): Promise<void> {
  const form = new URLSearchParams(await readBody(req));
  if (tenant !== issuer.tenantId) {
    return json(res, 400, { error: 'invalid_request', error_description: 'AADSTS90002: Tenant not found.' });
  }
  if (form.get('grant_type') !== 'client_credentials') {
    return json(res, 400, { error: 'unsupported_grant_type', error_description: 'AADSTS70003' });
  }
  const assertion = form.get('client_assertion');
  if (assertion !== null || form.has('client_assertion_type')) {
    if (form.has('client_secret')) {
      return json(res, 400, { error: 'invalid_request', error_description: 'AADSTS700025: Only one client credential may be sent.' });
    }
    if (form.get('client_assertion_type') !== JWT_BEARER || !assertion) {
      return json(res, 400, { error: 'invalid_request', error_description: 'AADSTS50027: client_assertion_type must be jwt-bearer.' });
    }
    const clientId = form.get('client_id');
    if (clientId !== null && clientId !== issuer.clientId) {
      return json(res, 401, { error: 'invalid_client', error_description: 'AADSTS700016: Application not found in the directory.' });
    }
    const refused = checkAssertion(assertion, `${baseUrl}/${tenant}/oauth2/v2.0/token`, issuer);
    if (refused) return json(res, 401, { error: 'invalid_client', error_description: refused });
  } else if (form.get('client_id') !== issuer.clientId || form.get('client_secret') !== issuer.clientSecret) {
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
