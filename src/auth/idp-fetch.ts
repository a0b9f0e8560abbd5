import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import type { CustomFetch } from 'openid-client';
import { Agent, fetch as undiciFetch } from 'undici';
import { ConfigError } from '../config/config.js';
import { pemCertificates } from '../identity/pem.js';

/**
 * A fetch for openid-client (its `customFetch`) that trusts Node's public roots plus the
 * CA certificates in `caFile` (OIDC_CA_FILE), for an IdP whose TLS certificate a private
 * CA issued (AD FS, Keycloak on an internal PKI). The extra trust is scoped to the IdP's
 * requests (discovery, token, JWKS): Graph and everything else keep the public roots, and
 * certificate verification is never turned off. Throws a ConfigError naming the setting
 * when the file cannot be read or holds no parseable certificate.
 */
export function fetchTrustingCaFile(caFile: string): CustomFetch {
  let text: string;
  try {
    text = readFileSync(caFile, 'utf8');
  } catch (error) {
    throw new ConfigError(`OIDC_CA_FILE ${caFile} cannot be read: ${(error as Error).message}`);
  }
  const certificates = pemCertificates(text);
  if (certificates.length === 0) throw new ConfigError(`OIDC_CA_FILE ${caFile} holds no certificate (BEGIN CERTIFICATE)`);
  for (const [i, pem] of certificates.entries()) {
    try {
      new X509Certificate(pem);
    } catch {
      throw new ConfigError(`OIDC_CA_FILE ${caFile}: certificate ${i + 1} cannot be parsed`);
    }
  }
  const dispatcher = new Agent({ connect: { ca: [...rootCertificates, ...certificates] } });
  // undici is the library behind Node's own fetch; as a package it takes a dispatcher of its
  // own. Its Response is not `instanceof` the global one, which openid-client tolerates (and sign-in.ts too).
  return (url, options) => undiciFetch(url, { ...options, dispatcher }) as unknown as Promise<Response>;
}
