import { createHash, createPrivateKey, randomUUID, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../config/config.js';

/**
 * A certificate credential for the Graph app registration (Microsoft identity platform
 * "certificate credentials"): the app proves itself with a short JWT signed by the private
 * key whose certificate is uploaded to the app registration, instead of sending a secret.
 * The key lives only in this object; it is never logged or serialised.
 */
export interface ClientCertificate {
  /** base64url SHA-256 of the certificate's DER: the `x5t#S256` header Entra looks the certificate up by. */
  readonly thumbprintSha256: string;
  /** When the certificate stops being valid (Entra refuses assertions after that). */
  readonly validTo: Date;
  readonly privateKey: KeyObject;
}

/** Microsoft recommends 5–10 minutes; one assertion is made per token request. */
const ASSERTION_LIFETIME_SECONDS = 600;

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const KEY_BLOCK = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/g;

/**
 * Checks a PEM holding exactly one certificate and its unencrypted RSA private key (PKCS#8
 * or PKCS#1), in any order. `source` names the setting and file in error messages; the
 * messages never contain key material.
 */
export function parseClientCertificate(pem: string, source: string): ClientCertificate {
  const certificates = pem.match(CERTIFICATE_BLOCK) ?? [];
  const keys = [...pem.matchAll(KEY_BLOCK)];
  if (certificates.length !== 1) {
    throw new ConfigError(`${source} must contain exactly one certificate (BEGIN CERTIFICATE), found ${certificates.length}`);
  }
  if (keys.length !== 1) {
    throw new ConfigError(`${source} must contain exactly one private key (BEGIN PRIVATE KEY), found ${keys.length}`);
  }
  const [keyPem, keyLabel] = [keys[0]![0], keys[0]![1]];
  if (keyLabel === 'ENCRYPTED PRIVATE KEY') {
    throw new ConfigError(`${source}: the private key is encrypted; store it unencrypted (openssl pkcs8 -topk8 -nocrypt) and protect the file instead`);
  }
  let certificate: X509Certificate;
  let privateKey: KeyObject;
  try {
    certificate = new X509Certificate(certificates[0]);
  } catch {
    throw new ConfigError(`${source}: the certificate cannot be parsed`);
  }
  try {
    privateKey = createPrivateKey({ key: keyPem, format: 'pem' });
  } catch {
    throw new ConfigError(`${source}: the private key cannot be parsed`);
  }
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new ConfigError(`${source}: the private key is ${privateKey.asymmetricKeyType ?? 'of an unknown type'}; Microsoft Entra needs an RSA key`);
  }
  if ((privateKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new ConfigError(`${source}: the RSA key must be at least 2048 bits`);
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new ConfigError(`${source}: the private key does not belong to the certificate`);
  }
  return {
    thumbprintSha256: createHash('sha256').update(certificate.raw).digest('base64url'),
    validTo: new Date(certificate.validTo),
    privateKey,
  };
}

/** Reads and checks INTUNE_CLIENT_CERTIFICATE_FILE (see parseClientCertificate). */
export function readClientCertificateFile(path: string, setting = 'INTUNE_CLIENT_CERTIFICATE_FILE'): ClientCertificate {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${setting} ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return parseClientCertificate(pem, `${setting} ${path}`);
}

/**
 * The claims of a client assertion for one token request (Microsoft identity platform
 * "certificate credentials"): audience = the token endpoint, iss = sub = client id, a new
 * UUID jti, valid from now for 10 minutes. openid-client's PrivateKeyJwt signs them PS256
 * (RSA-PSS, SHA-256, 32-byte salt) with the `x5t#S256` header (src/providers/intune/token-client.ts).
 */
export function assertionClaims(claims: { clientId: string; audience: string; nowMs: number }): Record<string, string | number> {
  const now = Math.floor(claims.nowMs / 1000);
  return { aud: claims.audience, iss: claims.clientId, sub: claims.clientId, jti: randomUUID(), nbf: now, iat: now, exp: now + ASSERTION_LIFETIME_SECONDS };
}
