import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { DevUsers } from './dev-users.js';
import { SIGNED_IN, logoutSource, ownPages, postLogoutSuccessSource, renderError, type DevIdpContext } from './dev-idp-pages.js';

export interface DevIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The oidc-provider instance (a Koa app); typed loosely so production code never needs its types. */
  provider: DevProvider;
}

export interface DevProvider {
  callback(): (req: unknown, res: unknown) => void;
  interactionDetails(req: unknown, res: unknown): Promise<{ uid: string; prompt: { name: string }; params: Record<string, unknown> }>;
  interactionFinished(req: unknown, res: unknown, result: unknown, options?: unknown): Promise<void>;
  Grant: new (options: { accountId: string; clientId: string }) => { addOIDCScope(scope: string): void; save(): Promise<string> };
  /** Koa middleware around every request the IdP serves. */
  use(middleware: (ctx: DevIdpContext, next: () => Promise<void>) => Promise<void>): void;
  on(event: 'authorization.success', listener: (ctx: DevIdpContext) => void): void;
}

/**
 * The embedded identity provider for development: oidc-provider (a dev dependency,
 * imported only here and only outside production) with the users of DEV_USERS_FILE.
 * It issues the claims Entra ID would: `sub` and `oid` (both the user's oid), `name`,
 * `email`, `preferred_username`.
 */
export async function createDevIdp(options: { devMode: boolean; publicUrl: URL; users: DevUsers; mountPath: string; trustProxy: boolean }): Promise<DevIdp> {
  if (!options.devMode) throw new Error('the development identity provider cannot run in production');
  const { default: Provider } = await import('oidc-provider');
  const issuer = new URL(options.mountPath, options.publicUrl).href;
  const clientId = 'vestibule-dev';
  const clientSecret = randomBytes(24).toString('base64url');
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [new URL('/auth/callback', options.publicUrl).href],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'dev-signing-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub', 'oid', 'groups'], profile: ['name', 'preferred_username'], email: ['email'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource } },
    renderError,
    // Each sign-in ends the IdP session once its code is issued (ownPages): the code must outlive it.
    expiresWithSession: () => false,
    pkce: { required: () => true },
    // Short lifetimes: this IdP only ever serves a portal sign-in that takes a minute.
    ttl: { AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${options.mountPath}/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, id: string) {
      const user = options.users.byOid(id);
      if (!user) return undefined;
      return {
        accountId: user.oid,
        claims: () => ({
          sub: user.oid,
          oid: user.oid,
          name: user.name,
          email: user.email,
          preferred_username: user.username,
          ...(user.groups ? { groups: user.groups } : {}),
        }),
      };
    },
  } as never);
  // Honour X-Forwarded-* only when a trusted proxy is configured, as the portal itself does;
  // otherwise a forged X-Forwarded-Host would steer the IdP's redirects to another host.
  (provider as unknown as { proxy: boolean }).proxy = options.trustProxy;
  const devProvider = provider as unknown as DevProvider;
  devProvider.on('authorization.success', (ctx) => (ctx.state[SIGNED_IN] = true));
  devProvider.use(ownPages);
  return { issuer, clientId, clientSecret, provider: devProvider };
}
