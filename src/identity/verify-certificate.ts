import { X509Certificate } from 'node:crypto';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';

export type VerifyFailure = 'not_yet_valid' | 'expired' | 'not_a_client_certificate' | 'untrusted_issuer';

/**
 * Checks a device certificate against the configured CAs at `now` (epoch ms). The device
 * certificate must be issued directly by one of them: the issuer name must match
 * (checkIssued) and the signature must verify with that CA's key, so a look-alike CA
 * with the same name does not pass. Returns the failure, or undefined when it passes.
 */
export function verifyCertificate(cert: X509Certificate, cas: readonly X509Certificate[], now: number): VerifyFailure | undefined {
  if (now < Date.parse(cert.validFrom)) return 'not_yet_valid';
  if (now > Date.parse(cert.validTo)) return 'expired';
  // A CA certificate or one limited to other purposes (server auth, code signing) is not a device credential.
  if (cert.ca) return 'not_a_client_certificate';
  const usages = cert.keyUsage;
  if (usages && !usages.includes(CLIENT_AUTH) && !usages.includes(ANY_EXTENDED_KEY_USAGE)) return 'not_a_client_certificate';
  const issuedByTrustedCa = cas.some(
    (ca) => now >= Date.parse(ca.validFrom) && now <= Date.parse(ca.validTo) && cert.checkIssued(ca) && cert.verify(ca.publicKey),
  );
  return issuedByTrustedCa ? undefined : 'untrusted_issuer';
}

/** Reads the CA bundle; throws when it holds no certificate or a certificate that is not a CA. */
export function loadCaCertificates(pems: readonly string[]): X509Certificate[] {
  return pems.map((pem, index) => {
    const ca = new X509Certificate(pem);
    if (!ca.ca) throw new Error(`CLIENT_CA_FILE certificate #${index + 1} (${ca.subject.replace(/\n/g, ', ')}) is not a CA certificate`);
    return ca;
  });
}
