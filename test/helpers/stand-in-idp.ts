import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createTestCa, writeTestFile } from './certificates.js';

/** What the token endpoint answers next. */
export type IdpScenario = 'good' | 'corrupt' | 'otherKey' | 'unknownKid' | 'rotated' | 'hang' | 'error500' | 'rejected';

const b64 = (value: Buffer | string) => Buffer.from(value).toString('base64url');
const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });

/**
 * An OIDC IdP stand-in on HTTPS, with a certificate from a test CA made for it (trusted
 * only where the test passes `caFile`), that can misbehave: its token endpoint answers the
 * current `scenario` with a good ID token, one with a corrupted signature, one signed by
 * another key under the published kid, one under an unknown kid, one under a key it
 * publishes only after `rotate()`, no answer at all, a 500, or an invalid_grant. It counts
 * the requests it gets per endpoint. The browser's visit to /authorize is `authorize()`,
 * in process: only the server-to-server legs matter here.
 */
export class StandInIdp {
  scenario: IdpScenario = 'good';
  readonly reads = { discovery: 0, jwks: 0, token: 0 };
  url = '';
  /** PEM file of the CA that issued the IdP's TLS certificate (OIDC_CA_FILE). */
  readonly caFile: string;
  private server!: Server;
  private readonly nonces = new Map<string, string>();
  private readonly key = rsa();
  private readonly otherKey = rsa();
  private readonly nextKey = rsa();
  private rotated = false;
  private readonly tls: { certPem: string; keyPem: string };

  constructor(
    readonly client: { id: string; secret: string },
    private readonly user: { oid: string; name: string },
  ) {
    const ca = createTestCa('Stand-in IdP Test CA');
    this.caFile = writeTestFile(ca.pem);
    this.tls = ca.issueServer(['127.0.0.1']);
  }

  async start(): Promise<void> {
    this.server = createServer({ cert: this.tls.certPem, key: this.tls.keyPem }, (req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }

  /** Publishes a second signing key (kid k2) next to k1, as an IdP does before it rotates. */
  rotate(): void {
    this.rotated = true;
  }

  /** The IdP's answer to the browser at /authorize: the callback URL with a code bound to the request's nonce. */
  authorize(authorizationUrl: string): string {
    const url = new URL(authorizationUrl);
    if (url.origin !== this.url) throw new Error(`not this IdP: ${url.origin}`);
    const code = `code-${this.nonces.size}`;
    this.nonces.set(code, url.searchParams.get('nonce') ?? '');
    const back = new URL(url.searchParams.get('redirect_uri')!);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    back.searchParams.set('iss', this.url);
    return back.href;
  }

  private idToken(privateKey: KeyObject, kid: string, nonce: string): string {
    const now = Math.floor(Date.now() / 1000);
    const header = b64(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const claims = b64(JSON.stringify({ iss: this.url, aud: this.client.id, sub: this.user.oid, ...this.user, iat: now, exp: now + 300, nonce }));
    return `${header}.${claims}.${b64(sign('sha256', Buffer.from(`${header}.${claims}`), privateKey))}`;
  }

  private tokenFor(nonce: string): string | undefined {
    switch (this.scenario) {
      case 'good':
        return this.idToken(this.key.privateKey, 'k1', nonce);
      case 'corrupt': {
        const [header, claims, signature] = this.idToken(this.key.privateKey, 'k1', nonce).split('.');
        const broken = Buffer.from(signature!, 'base64url');
        broken[10] = broken[10]! ^ 0xff;
        return `${header}.${claims}.${b64(broken)}`;
      }
      case 'otherKey':
        return this.idToken(this.otherKey.privateKey, 'k1', nonce);
      case 'unknownKid':
        return this.idToken(this.otherKey.privateKey, 'k9', nonce);
      case 'rotated':
        return this.idToken(this.nextKey.privateKey, 'k2', nonce);
      default:
        return undefined;
    }
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const json = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const jwk = (key: { publicKey: KeyObject }, kid: string) => ({ ...key.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' });
    if (url.pathname === '/.well-known/openid-configuration') {
      this.reads.discovery += 1;
      return json(200, {
        issuer: this.url,
        authorization_endpoint: `${this.url}/authorize`,
        token_endpoint: `${this.url}/token`,
        jwks_uri: `${this.url}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') {
      this.reads.jwks += 1;
      return json(200, { keys: [jwk(this.key, 'k1'), ...(this.rotated ? [jwk(this.nextKey, 'k2')] : [])] });
    }
    if (url.pathname !== '/token') return json(404, {});
    this.reads.token += 1;
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (this.scenario === 'hang') return; // accepts the connection and never answers
      if (this.scenario === 'error500') return json(500, { error: 'server_error' });
      if (this.scenario === 'rejected') return json(400, { error: 'invalid_grant', error_description: 'code already used' });
      const nonce = this.nonces.get(new URLSearchParams(body).get('code') ?? '') ?? '';
      json(200, { access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: this.tokenFor(nonce) });
    });
  }
}
