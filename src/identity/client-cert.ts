import { X509Certificate } from 'node:crypto';
import { deviceIdFromAltNames } from './device-id-from-san.js';
import { pemCertificates } from './pem.js';
import { parseSubjectAltName } from './subject-alt-name.js';
import { createTrustedProxyMatcher } from './trusted-proxies.js';
import { loadCaCertificates, verifyCertificate, type VerifyFailure } from './verify-certificate.js';

/**
 * What a request's forwarded client certificate says about the device. `unnamed` is a
 * verified certificate that names no device (only a user's SID and UPN, an unexpanded
 * profile variable): it proves nothing about the device, so it adds nothing.
 */
export type CertIdentity = { kind: 'none' } | { kind: 'unnamed' } | { kind: 'device'; deviceId: string } | { kind: 'invalid'; reason: InvalidCertReason };

export type InvalidCertReason = VerifyFailure | 'header_too_large' | 'malformed' | 'no_ca_configured' | 'malformed_device_id' | 'multiple_device_ids';

export interface ClientCertReaderOptions {
  /** TRUST_PROXY entries: addresses, CIDRs, or loopback/linklocal/uniquelocal. */
  trustProxy: readonly string[];
  /** CLIENT_CERT_HEADER, e.g. `X-Client-Cert`. */
  headerName: string;
  /** Contents of CLIENT_CA_FILE (one or more PEM certificates); undefined when unset. */
  caPem: string | undefined;
  now?: () => number;
}

/** A URL-encoded PEM certificate is 1–4 KB; anything this large is not one. */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * The two things the reader needs from a request, described structurally so this adapter
 * does not depend on node's HTTP types (a node IncomingMessage or an express Request fits).
 */
export interface ForwardedRequest {
  /** The TCP peer; never a forwarded address. */
  socket: { remoteAddress?: string | undefined };
  /** Header names in lower case, as node gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * Builds the reader that turns a TLS proxy's forwarded client certificate (nginx:
 * `proxy_set_header X-Client-Cert $ssl_client_escaped_cert;`) into a device identity.
 * The header counts only when the TCP peer (`req.socket.remoteAddress`, never `req.ip`,
 * which X-Forwarded-For can set) is a trusted proxy; from anyone else it is ignored,
 * because any client can send any header. Throws at construction on a bad TRUST_PROXY
 * entry or a CA bundle entry that is not a CA.
 */
export function createClientCertReader(options: ClientCertReaderOptions): (req: ForwardedRequest) => CertIdentity {
  const isTrustedProxy = createTrustedProxyMatcher(options.trustProxy);
  const header = options.headerName.toLowerCase();
  const cas = loadCaCertificates(pemCertificates(options.caPem ?? ''));
  const now = options.now ?? Date.now;

  return function readClientCert(req) {
    if (!isTrustedProxy(req.socket.remoteAddress)) return { kind: 'none' };
    const raw = req.headers[header];
    // node joins repeated custom headers with ", ", which never decodes to one certificate.
    if (typeof raw !== 'string' || raw === '') return { kind: 'none' };
    if (raw.length > MAX_HEADER_BYTES) return invalid('header_too_large');
    if (cas.length === 0) return invalid('no_ca_configured');
    const cert = decodeCertificate(raw);
    if (!cert) return invalid('malformed');
    const failure = verifyCertificate(cert, cas, now());
    if (failure) return invalid(failure);
    const names = parseSubjectAltName(cert.subjectAltName ?? '');
    if (!names) return invalid('malformed');
    const id = deviceIdFromAltNames(names);
    if (id.ok) return { kind: 'device', deviceId: id.deviceId };
    return id.reason === 'no_device_id' ? { kind: 'unnamed' } : invalid(id.reason);
  };
}

function invalid(reason: InvalidCertReason): CertIdentity {
  return { kind: 'invalid', reason };
}

/** URL-decodes the header and parses exactly one PEM certificate out of it. */
function decodeCertificate(raw: string): X509Certificate | undefined {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  const blocks = pemCertificates(text);
  // Exactly one certificate and nothing around it: a chain or trailing junk is not what nginx sends.
  if (blocks.length !== 1 || blocks[0] !== text.trim()) return undefined;
  try {
    return new X509Certificate(blocks[0]);
  } catch {
    return undefined;
  }
}
