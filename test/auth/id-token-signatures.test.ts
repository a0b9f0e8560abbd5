import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import { createOidcStrategy } from '../../src/auth/oidc-strategy.js';
import { createSignIn } from '../../src/auth/sign-in.js';
import '../../src/auth/session-data.js';
import { normalise } from '../../src/http/errors.js';

type Scenario = 'good' | 'corrupt' | 'otherKey' | 'unknownKid' | 'hang' | 'error500' | 'rejected';
const CLIENT = { id: 'stand-in-client', secret: 'stand-in-secret-0123456789abcdef' };
const b64 = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/**
 * An OIDC IdP stand-in that can misbehave: its token endpoint answers each scenario
 * (a good ID token, a corrupted signature, a token signed by another key under the same
 * kid, an unknown kid, no answer at all, a 500, an invalid_grant). It counts JWKS reads.
 */
class StandInIdp {
  scenario: Scenario = 'good';
  jwksReads = 0;
  url = '';
  private server!: Server;
  private readonly nonces = new Map<string, string>();
  private readonly key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }

  private idToken(privateKey: KeyObject, kid: string, nonce: string): string {
    const now = Math.floor(Date.now() / 1000);
    const header = b64(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const claims = b64(
      JSON.stringify({
        iss: this.url,
        aud: CLIENT.id,
        sub: 'alice',
        oid: '2b1c4a52-5d0e-4c3a-9f1e-7a6b5c4d3e21',
        name: 'Alice',
        iat: now,
        exp: now + 300,
        nonce,
      }),
    );
    const signature = sign('sha256', Buffer.from(`${header}.${claims}`), privateKey);
    return `${header}.${claims}.${b64(signature)}`;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const json = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/.well-known/openid-configuration') {
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
      this.jwksReads += 1;
      return json(200, { keys: [{ ...this.key.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] });
    }
    if (url.pathname === '/authorize') {
      const code = `code-${this.nonces.size}`;
      this.nonces.set(code, url.searchParams.get('nonce') ?? '');
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      back.searchParams.set('iss', this.url);
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (url.pathname === '/token') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const nonce = this.nonces.get(new URLSearchParams(body).get('code') ?? '') ?? '';
        const tokens = (idToken: string) => json(200, { access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: idToken });
        switch (this.scenario) {
          case 'hang':
            return; // accepts the connection and never answers
          case 'error500':
            return json(500, { error: 'server_error' });
          case 'rejected':
            return json(400, { error: 'invalid_grant', error_description: 'code already used' });
          case 'good':
            return tokens(this.idToken(this.key.privateKey, 'k1', nonce));
          case 'corrupt': {
            const [h, c, s] = this.idToken(this.key.privateKey, 'k1', nonce).split('.');
            const broken = Buffer.from(s!, 'base64url');
            broken[10] = broken[10]! ^ 0xff;
            return tokens(`${h}.${c}.${b64(broken)}`);
          }
          case 'otherKey':
            return tokens(this.idToken(createPrivateKey(this.otherKey.privateKey.export({ format: 'pem', type: 'pkcs8' })), 'k1', nonce));
          case 'unknownKid':
            return tokens(this.idToken(this.otherKey.privateKey, 'k9', nonce));
        }
      });
      return;
    }
    json(404, {});
  }
}

/** The sign-in glue exactly as the portal uses it, in a bare app that answers `{ status, code }`. */
async function startRelyingParty(idp: StandInIdp) {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signIn = createSignIn(() =>
    createOidcStrategy({
      issuer: idp.url,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      callbackUrl: new URL('/auth/callback', url),
      allowInsecureRequests: true,
    }),
  );
  const app = express();
  app.use(
    session({ secret: 'relying-party-test-secret-0123456789', resave: false, saveUninitialized: false }),
    signIn.passport.initialize(),
    signIn.passport.session(),
  );
  app.get('/start', (req, res, next) => signIn.start(req, res, next, 'HANDLE'));
  app.get('/auth/callback', (req, res, next) => signIn.callback(req, res, next));
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const http = normalise(error);
    res.status(http.status).set(http.headers).json({ code: http.code });
  });
  server.on('request', app);
  return { url, close: () => (server.closeAllConnections(), server.close()) };
}

/** Browser: /start → IdP /authorize → /auth/callback, carrying the session cookie. */
async function signInOnce(rp: { url: string }) {
  const start = await fetch(`${rp.url}/start`, { redirect: 'manual' });
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const callback = await fetch(authorize.headers.get('location')!, { redirect: 'manual', headers: { cookie } });
  const text = await callback.text();
  const code = callback.headers.get('content-type')?.startsWith('application/json') ? (JSON.parse(text) as { code?: string }).code : undefined;
  return { status: callback.status, location: callback.headers.get('location'), retryAfter: callback.headers.get('retry-after'), code };
}

describe('sign-in: ID-token signatures are verified, IdP outages are not blamed on the person', () => {
  const idp = new StandInIdp();
  let rp: Awaited<ReturnType<typeof startRelyingParty>>;
  before(async () => {
    await idp.start();
    rp = await startRelyingParty(idp);
  });
  after(() => {
    rp.close();
    idp.close();
  });

  it('a correctly signed ID token signs in (and the JWKS was read to check it)', async () => {
    idp.scenario = 'good';
    const result = await signInOnce(rp);
    assert.equal(result.status, 303, JSON.stringify(result));
    assert.equal(result.location, '/p/HANDLE');
    assert.ok(idp.jwksReads >= 1, 'the JWKS was fetched');
  });

  for (const scenario of ['corrupt', 'otherKey'] as const) {
    it(`an ID token with ${scenario === 'corrupt' ? 'a corrupted signature' : 'a signature by another key under the same kid'} is refused (400), nobody is signed in`, async () => {
      idp.scenario = scenario;
      const result = await signInOnce(rp);
      assert.equal(result.status, 400, JSON.stringify(result));
      assert.equal(result.code, 'sign_in_failed');
    });
  }

  it('an unknown kid: the JWKS is fetched again (once), then the sign-in is refused', async () => {
    idp.scenario = 'unknownKid';
    const before = idp.jwksReads;
    const result = await signInOnce(rp);
    assert.equal(result.status, 400, JSON.stringify(result));
    assert.ok(idp.jwksReads - before <= 1, `${idp.jwksReads - before} JWKS reads for one unknown kid`);
    // A burst of such tokens does not turn into a burst of JWKS reads.
    const burst = idp.jwksReads;
    for (let i = 0; i < 3; i += 1) assert.equal((await signInOnce(rp)).status, 400);
    assert.ok(idp.jwksReads - burst <= 1, `${idp.jwksReads - burst} JWKS reads for three more`);
  });

  it('a token endpoint that answers 500: 503 "sign-in service unavailable" with Retry-After', async () => {
    idp.scenario = 'error500';
    const result = await signInOnce(rp);
    assert.equal(result.status, 503, JSON.stringify(result));
    assert.equal(result.code, 'idp_unavailable');
    assert.ok(Number(result.retryAfter) >= 1);
  });

  it('a token endpoint that never answers: 503 with Retry-After, not a 400 blaming the person', async () => {
    idp.scenario = 'hang';
    const result = await signInOnce(rp);
    assert.equal(result.status, 503, JSON.stringify(result));
    assert.equal(result.code, 'idp_unavailable');
    assert.ok(Number(result.retryAfter) >= 1);
  });

  it('a token endpoint that rejects the code (invalid_grant) is the 400 it always was', async () => {
    idp.scenario = 'rejected';
    const result = await signInOnce(rp);
    assert.equal(result.status, 400, JSON.stringify(result));
    assert.equal(result.code, 'sign_in_failed');
  });
});
