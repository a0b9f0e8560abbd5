import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createTestCa } from '../../helpers/certificates.js';
import { run } from './processes.js';

/**
 * Whether the openNDS interop suite can run: root, `ip netns`, and the Debian packages
 * (opennds iptables nftables wget php-cli). Mandatory when CI=true (throws), otherwise a
 * loud skip naming what is missing.
 */
export function openNdsLabEnabled(suite: string): boolean {
  const missing: string[] = [];
  if (process.platform !== 'linux' || process.getuid?.() !== 0) missing.push('root on Linux');
  for (const [file, pkg] of [
    ['/usr/bin/opennds', 'opennds'],
    ['/usr/sbin/iptables', 'iptables'],
    ['/usr/sbin/nft', 'nftables'],
    ['/usr/bin/wget', 'wget'],
    ['/usr/bin/php', 'php-cli'],
    ['/usr/bin/openssl', 'openssl'],
  ] as const) {
    if (!existsSync(file)) missing.push(`${file} (Debian package ${pkg})`);
  }
  if (missing.length === 0) {
    try {
      run('ip', ['netns', 'list']);
    } catch {
      missing.push('ip netns');
    }
  }
  if (missing.length === 0) return true;
  if (process.env.CI === 'true') throw new Error(`${suite}: required when CI=true, missing: ${missing.join(', ')}`);
  console.warn(`\n!!! SKIPPED ${suite}: missing ${missing.join(', ')} (set CI=true to make this a failure) !!!\n`);
  return false;
}

export function workDir(): string {
  return mkdtempSync(join(tmpdir(), 'vestibule-opennds-'));
}

/** A throwaway CA and a server certificate for `ip` (subjectAltName IP, which PHP 8.2 accepts; LAB.md A.2 item 9), as files in `work`. */
export function labCertificates(work: string, ip: string): { caFile: string; certFile: string; keyFile: string } {
  const ca = createTestCa('vestibule-lab-ca');
  const { certPem, keyPem } = ca.issueServer([ip]);
  const files = { caFile: join(work, 'ca.pem'), certFile: join(work, 'fas.pem'), keyFile: join(work, 'fas.key') };
  writeFileSync(files.caFile, ca.pem);
  writeFileSync(files.certFile, certPem);
  writeFileSync(files.keyFile, keyPem, { mode: 0o600 });
  return files;
}

/** Access sessions stored in the lab Vestibule's SQLite file (read-only; the server keeps writing). */
export function storedSessions(storeFile: string): number {
  const db = new Database(storeFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM atomic WHERE key LIKE 'session:%'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Flips one byte (negative: from the end) of the AES ciphertext inside a level-2/3 FAS URL, keeping both base64 layers well-formed. */
export function flipCiphertextByte(fasUrl: string, index: number): string {
  const url = new URL(fasUrl);
  const inner = Buffer.from(url.searchParams.get('fas')!, 'base64').toString('latin1');
  const ciphertext = Buffer.from(inner, 'base64');
  const at = index < 0 ? ciphertext.length + index : index;
  ciphertext[at] = ciphertext[at]! ^ 0x01;
  url.searchParams.set('fas', Buffer.from(ciphertext.toString('base64')).toString('base64'));
  return url.href;
}

export const readText = (file: string) => readFileSync(file, 'utf8');
