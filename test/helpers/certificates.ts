import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A leaf certificate's SAN URIs and UPN, its lifetime from now (days, default 30) and what it is for. */
export interface LeafOptions {
  uris?: string[];
  upn?: string;
  days?: number;
  /** false: a TLS server's (serverAuth); otherwise a client's (clientAuth). */
  clientAuth?: boolean;
  /** Marked as a CA (basicConstraints CA:TRUE), to show a reader refuses it as a device's. */
  ca?: boolean;
}

/**
 * Real X.509 certificates for tests, made with the openssl CLI (EC P-256, fast; RSA for the
 * Graph app's certificate credential, which Entra requires to be RSA). Each
 * device certificate is issued by a test CA with the SAN URIs given, valid from now for
 * `days` days; tests move the reader's clock to make one expired or not yet valid.
 */
export interface TestCa {
  name: string;
  pem: string;
  /** Issues a leaf certificate; returns its PEM. */
  issue(options: LeafOptions): string;
  /** Issues a leaf certificate; returns it and its key (PEM), for a client that presents it (eapol_test). */
  issueWithKey(options: LeafOptions): { certPem: string; keyPem: string };
  /** Issues a TLS server certificate for `hosts` (IP addresses or DNS names); returns it and its key. */
  issueServer(hosts: string[]): { certPem: string; keyPem: string };
}

const dir = mkdtempSync(join(tmpdir(), 'vestibule-certs-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let serial = 1;

function openssl(args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** Creates a self-signed CA. Two CAs with the same `commonName` differ only in their keys. */
export function createTestCa(commonName = 'Vestibule Test Device CA'): TestCa {
  const name = `ca${serial++}`;
  writeFileSync(
    join(dir, `${name}.cnf`),
    `[req]\ndistinguished_name=dn\nx509_extensions=ext\nprompt=no\n[dn]\nCN=${commonName}\n` +
      '[ext]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n',
  );
  openssl(['req', '-x509', ...EC, '-keyout', `${name}.key`, '-out', `${name}.pem`, '-config', `${name}.cnf`, '-days', '3650']);
  return {
    name,
    pem: readFileSync(join(dir, `${name}.pem`), 'utf8'),
    issue: (options) => issue(name, options).certPem,
    issueWithKey: (options) => issue(name, options),
    issueServer: (hosts) => issueServer(name, hosts),
  };
}

function issueServer(caName: string, hosts: string[]): { certPem: string; keyPem: string } {
  const names = hosts.map((host, i) => (/^[\d.]+$|:/.test(host) ? `IP.${i + 1}=${host}` : `DNS.${i + 1}=${host}`));
  return signLeaf(caName, ['basicConstraints=CA:FALSE', 'extendedKeyUsage=serverAuth', 'subjectAltName=@alt', '[alt]', ...names], {
    commonName: hosts[0],
    days: 2,
  });
}

function issue(caName: string, options: LeafOptions): { certPem: string; keyPem: string } {
  const uris = options.uris ?? [];
  const lines = [`basicConstraints=${options.ca ? 'critical,CA:TRUE' : 'CA:FALSE'}`];
  lines.push(`extendedKeyUsage=${options.clientAuth === false ? 'serverAuth' : 'clientAuth'}`);
  // The UPN is the otherName Intune profiles write for the user (OID 1.3.6.1.4.1.311.20.2.3).
  const upn = options.upn ? [`otherName.1=1.3.6.1.4.1.311.20.2.3;UTF8:${options.upn}`] : [];
  if (uris.length > 0 || upn.length > 0) {
    lines.push('subjectAltName=@alt', '[alt]', ...uris.map((uri, i) => `URI.${i + 1}=${uri}`), ...upn);
  }
  return signLeaf(caName, lines, { days: options.days ?? 30 });
}

/** A new EC key and a certificate for it signed by `caName`, with the `[ext]` section `extension` (lines). */
function signLeaf(caName: string, extension: string[], options: { commonName?: string; days: number }): { certPem: string; keyPem: string } {
  const leaf = `leaf${serial++}`;
  writeFileSync(join(dir, `${leaf}.ext`), `${['[ext]', ...extension].join('\n')}\n`);
  openssl(['req', '-new', ...EC, '-keyout', `${leaf}.key`, '-subj', `/CN=${options.commonName ?? leaf}`, '-out', `${leaf}.csr`]);
  const x509 = ['x509', '-req', '-in', `${leaf}.csr`, '-CA', `${caName}.pem`, '-CAkey', `${caName}.key`, '-set_serial', String(serial++)];
  openssl([...x509, '-days', String(options.days), '-extfile', `${leaf}.ext`, '-extensions', 'ext', '-out', `${leaf}.pem`]);
  return { certPem: readFileSync(join(dir, `${leaf}.pem`), 'utf8'), keyPem: readFileSync(join(dir, `${leaf}.key`), 'utf8') };
}

/** The header value nginx's `$ssl_client_escaped_cert` produces for a PEM. */
export function escapedCert(pem: string): string {
  return encodeURIComponent(pem);
}

/** A self-signed RSA certificate and its key, as an app registration's certificate credential. */
export interface RsaClientCertificate {
  certPem: string;
  keyPem: string;
  /** Certificate then key: the INTUNE_CLIENT_CERTIFICATE_FILE layout. */
  pem: string;
  /** Path of a file holding `pem`. */
  file: string;
}

/** Makes an RSA (2048-bit by default) self-signed certificate with the openssl CLI. */
export function createRsaClientCertificate(options: { bits?: number; commonName?: string } = {}): RsaClientCertificate {
  const name = `app${serial++}`;
  openssl([
    'req',
    '-x509',
    '-newkey',
    `rsa:${options.bits ?? 2048}`,
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-subj',
    `/CN=${options.commonName ?? 'Vestibule Intune reader'}`,
    '-days',
    '30',
  ]);
  const certPem = readFileSync(join(dir, `${name}.pem`), 'utf8');
  const keyPem = readFileSync(join(dir, `${name}.key`), 'utf8');
  const file = join(dir, `${name}.combined.pem`);
  writeFileSync(file, certPem + keyPem);
  return { certPem, keyPem, pem: certPem + keyPem, file };
}

/** Writes `content` to a fresh file in the test certificate directory and returns its path. */
export function writeTestFile(content: string, name = `file${serial++}.pem`): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}
