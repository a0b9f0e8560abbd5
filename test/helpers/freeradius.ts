import { execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths.js';
import { createTestCa, type TestCa } from './certificates.js';
import { freeUdpPort } from './free-port.js';

/** The Debian packages' binaries (freeradius, freeradius-utils, eapoltest) and openssl. */
export const BINARIES = {
  freeradius: '/usr/sbin/freeradius',
  radclient: '/usr/bin/radclient',
  eapolTest: '/usr/bin/eapol_test',
  openssl: '/usr/bin/openssl',
} as const;
const PACKAGED_RADDB = '/etc/freeradius/3.0';
const SHIPPED = join(PROJECT_ROOT, 'examples', 'freeradius');
/** How long radiusd waits for Vestibule's answer in the tests (the shipped module: 3 s). */
const REST_TIMEOUT_SECONDS = 20;

/**
 * Whether the FreeRADIUS interop suite runs: the binaries above, the packaged config, and
 * root (radiusd drops to user freerad, so the work dir's files must be given to it).
 * Mandatory under CI=true; elsewhere a loud skip.
 */
export function freeradiusSuiteEnabled(suite: string): boolean {
  const missing = [...Object.values(BINARIES), PACKAGED_RADDB].filter((path) => {
    try {
      accessSync(path, constants.R_OK);
      return false;
    } catch {
      return true;
    }
  });
  if (process.getuid?.() !== 0) missing.push('root (radiusd switches to user freerad)');
  if (missing.length === 0) return true;
  const why = `missing ${missing.join(', ')} (apt-get install freeradius freeradius-rest freeradius-utils eapoltest)`;
  if (process.env.CI === 'true') throw new Error(`${suite}: FreeRADIUS is required when CI=true: ${why}`);
  console.warn(`\n!!! SKIPPED ${suite}: ${why}; CI=true makes this a failure !!!\n`);
  return false;
}

/** Every work dir and radiusd this process made, removed/stopped even when a test throws or the runner exits. */
const cleanups = new Set<() => void>();
const runCleanups = () => {
  for (const cleanup of cleanups) cleanup();
  cleanups.clear();
};
process.on('exit', runCleanups);
// A runner that stops us with a signal skips 'exit' handlers: clean up, then end as the signal would.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    runCleanups();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}

export interface Raddb {
  /** The work dir (mode 755: radiusd must traverse it). */
  dir: string;
  raddb: string;
  /** Directory of the test PKI: device-ca.pem, server.pem/.key. */
  certs: string;
  /** The CA behind device-ca.pem, which issues the device certificates (issueDeviceCertificate). */
  ca: TestCa;
  remove(): void;
}

/**
 * A private copy of the packaged FreeRADIUS 3.2 config with the SHIPPED Vestibule files
 * installed exactly as examples/freeradius/README.md says, plus the few test-only changes
 * LAB.md part B names: own run/log dirs, reject_delay 0, the packaged sites and eap
 * module out, our auth port instead of 1812, one client (127.0.0.1) with `nasSecret`, and
 * a test CA + server certificate (test/helpers/certificates.ts).
 */
export function prepareRaddb(options: { authPort: number; nasSecret: string }): Raddb {
  const dir = mkdtempSync(join(tmpdir(), 'vestibule-radius-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  cleanups.add(remove);
  chmodSync(dir, 0o755);
  const raddb = join(dir, 'raddb');
  cpSync(PACKAGED_RADDB, raddb, { recursive: true, verbatimSymlinks: true });
  mkdirSync(join(dir, 'run'));
  mkdirSync(join(dir, 'log'));
  const conf = join(raddb, 'radiusd.conf');
  writeFileSync(
    conf,
    readFileSync(conf, 'utf8')
      .replace(/^raddbdir = .*$/m, `raddbdir = ${raddb}`)
      .replace(/^logdir = .*$/m, `logdir = ${dir}/log`)
      .replace(/^run_dir = .*$/m, `run_dir = ${dir}/run`)
      .replace(/^(\s*)reject_delay = 1$/m, '$1reject_delay = 0'),
  );
  for (const packaged of ['sites-enabled/default', 'sites-enabled/inner-tunnel', 'mods-enabled/eap']) rmSync(join(raddb, packaged), { force: true });
  writeFileSync(join(raddb, 'clients.conf'), `client test-nas {\n\tipaddr = 127.0.0.1\n\tsecret = ${options.nasSecret}\n}\n`);

  // The shipped files, installed as the README says.
  cpSync(join(SHIPPED, 'dictionary.vestibule'), join(raddb, 'dictionary.vestibule'));
  appendFileSync(join(raddb, 'dictionary'), '\n$INCLUDE dictionary.vestibule\n');
  for (const module of readdirSync(join(SHIPPED, 'mods-available'))) {
    cpSync(join(SHIPPED, 'mods-available', module), join(raddb, 'mods-available', module));
    symlinkSync(`../mods-available/${module}`, join(raddb, 'mods-enabled', module));
  }
  // The shipped 3 s wait for Vestibule's answer is for a production server; here Vestibule
  // shares a busy test machine, and no test is about that wait (a stopped Vestibule refuses
  // the connection at once), so a slow answer must not turn into a fail-closed reject.
  const rest = join(raddb, 'mods-available', 'vestibule');
  const shippedRest = readFileSync(rest, 'utf8');
  if ((shippedRest.match(/^\t\ttimeout = 3\.0$/gm) ?? []).length !== 2)
    throw new Error('the shipped rlm_rest module no longer waits "timeout = 3.0"; update the test');
  writeFileSync(rest, shippedRest.replace(/^\t\ttimeout = 3\.0$/gm, `\t\ttimeout = ${REST_TIMEOUT_SECONDS}.0`));
  cpSync(join(SHIPPED, 'policy.d', 'vestibule'), join(raddb, 'policy.d', 'vestibule'));
  const site = readFileSync(join(SHIPPED, 'sites-available', 'vestibule'), 'utf8');
  if (!/^\tport = 1812$/m.test(site)) throw new Error('the shipped site no longer listens with "port = 1812"; update the test');
  writeFileSync(
    join(raddb, 'sites-available', 'vestibule'),
    site.replace(/^\tport = 1812$/m, `\tport = ${options.authPort}`).replace(/^\tipaddr = \*$/m, '\tipaddr = 127.0.0.1'),
  );
  symlinkSync('../sites-available/vestibule', join(raddb, 'sites-enabled', 'vestibule'));

  const certs = join(raddb, 'certs', 'vestibule');
  mkdirSync(certs, { recursive: true });
  const ca = createTestCa('Vestibule RADIUS Test CA');
  writeFileSync(join(certs, 'device-ca.pem'), ca.pem);
  const server = ca.issueServer(['radius.vestibule.test']);
  writeFileSync(join(certs, 'server.pem'), server.certPem);
  writeFileSync(join(certs, 'server.key'), server.keyPem);
  execFileSync('chown', ['-R', 'root:freerad', raddb]);
  execFileSync('chown', ['freerad:freerad', join(dir, 'run'), join(dir, 'log')]);
  execFileSync('chmod', ['-R', 'g+rX', raddb]);
  return { dir, raddb, certs, ca, remove };
}

/** Issues `{name}.pem` / `{name}.key` in the work dir from its test CA, with the SAN URIs given; readable by radiusd. */
export function issueDeviceCertificate(raddb: Raddb, name: string, uris: string[]): { cert: string; key: string } {
  const { certPem, keyPem } = raddb.ca.issueWithKey({ uris, days: 2 });
  const [cert, key] = [join(raddb.certs, `${name}.pem`), join(raddb.certs, `${name}.key`)];
  writeFileSync(cert, certPem, { mode: 0o644 });
  writeFileSync(key, keyPem, { mode: 0o644 });
  return { cert, key };
}

/** A running FreeRADIUS with the shipped config (prepareRaddb, then startRadiusd) on a free loopback port. */
export interface ShippedFreeradius {
  authPort: number;
  raddb: Raddb;
  radiusd: RunningRadiusd;
  /** Stops radiusd and removes its work dir (kept with KEEP_RADIUS_WORKDIR=1, to read after a failure). */
  stop(): Promise<void>;
}

/** FreeRADIUS with the shipped Vestibule files in front of `vestibuleUrl`, asking it with `apiKey`; one NAS (127.0.0.1) with `nasSecret`. */
export async function startShippedFreeradius(options: { vestibuleUrl: string; apiKey: string; nasSecret: string }): Promise<ShippedFreeradius> {
  const authPort = await freeUdpPort();
  const raddb = prepareRaddb({ authPort, nasSecret: options.nasSecret });
  const radiusd = await startRadiusd(raddb, { VESTIBULE_URL: options.vestibuleUrl, VESTIBULE_RADIUS_KEY: options.apiKey });
  return {
    authPort,
    raddb,
    radiusd,
    async stop() {
      await radiusd.stop();
      if (process.env.KEEP_RADIUS_WORKDIR !== '1') raddb.remove();
    },
  };
}

export interface RunningRadiusd {
  /** Everything radiusd -X printed so far. */
  log(): string;
  stop(): Promise<void>;
}

/** Runs `freeradius -X` in the foreground and resolves once it says "Ready to process requests". */
export async function startRadiusd(
  raddb: Raddb,
  env: { VESTIBULE_URL: string; VESTIBULE_RADIUS_KEY: string },
  readyTimeoutMs = 30_000,
): Promise<RunningRadiusd> {
  const check = spawnSyncText(BINARIES.freeradius, ['-C', '-d', raddb.raddb], env);
  if (check.status !== 0)
    throw new Error(`freeradius -C refused the config:\n${spawnSyncText(BINARIES.freeradius, ['-XC', '-d', raddb.raddb], env).output.slice(-4000)}`);
  const child = spawn(BINARIES.freeradius, ['-X', '-f', '-d', raddb.raddb], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  cleanups.add(kill);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`radiusd not ready within ${readyTimeoutMs} ms:\n${output.slice(-3000)}`)), readyTimeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to process requests')) {
        clearTimeout(timer);
        resolve();
      }
    };
    const fail = (error: Error) => {
      clearTimeout(timer);
      kill();
      reject(error);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => fail(new Error(`radiusd exited (${code}) before it was ready:\n${output.slice(-3000)}`)));
  });
  return {
    log: () => output,
    async stop() {
      cleanups.delete(kill);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function spawnSyncText(file: string, args: string[], env: Record<string, string>): { status: number; output: string } {
  try {
    const output = execFileSync(file, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    return { status: 0, output };
  } catch (error) {
    const e = error as { status?: number; stdout?: Buffer; stderr?: Buffer };
    return { status: e.status ?? 1, output: `${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}` };
  }
}

/** What radclient printed for the answer: its code and every attribute line. */
export interface RadiusAnswer {
  code: string;
  attributes: Array<{ name: string; value: string }>;
  raw: string;
}

/** Sends one Access-Request with radclient and parses the answer (radclient exits 1 on Access-Reject; that is an answer too). */
export function radclient(port: number, secret: string, attributes: Record<string, string>, timeoutSeconds = REST_TIMEOUT_SECONDS + 10): Promise<RadiusAnswer> {
  const input =
    Object.entries(attributes)
      .map(([name, value]) => `${name} = "${value}"`)
      .join('\n') + '\n';
  return new Promise((resolve, reject) => {
    const child = spawn(BINARIES.radclient, ['-x', '-r', '1', '-t', String(timeoutSeconds), `127.0.0.1:${port}`, 'auth', secret], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let raw = '';
    child.stdout.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const received = raw.slice(raw.indexOf('Received '));
      const code = /^Received (\S+) /m.exec(received)?.[1] ?? 'none';
      const attributes = [...received.matchAll(/^\s+([A-Za-z0-9-]+)(?::\d+)? = "?(.*?)"?$/gm)].map((m) => ({ name: m[1]!, value: m[2]! }));
      resolve({ code, attributes: code === 'none' ? [] : attributes, raw });
    });
    child.stdin.end(input);
  });
}

/** Runs one EAP-TLS authentication with eapol_test; `accepted` is its exit status 0 (EAP success + MSK). */
export function eapolTest(options: {
  port: number;
  secret: string;
  dir: string;
  caCert: string;
  cert: string;
  key: string;
  identity: string;
  mac: string;
}): Promise<{ accepted: boolean; output: string }> {
  const config = join(options.dir, `eapol-${options.identity.replace(/[^a-z0-9]/gi, '_')}.conf`);
  writeFileSync(
    config,
    `network={\n\tkey_mgmt=IEEE8021X\n\teap=TLS\n\tidentity="${options.identity}"\n\tca_cert="${options.caCert}"\n\tclient_cert="${options.cert}"\n\tprivate_key="${options.key}"\n\teapol_flags=0\n}\n`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn(
      BINARIES.eapolTest,
      ['-c', config, '-a', '127.0.0.1', '-p', String(options.port), '-s', options.secret, '-M', options.mac, '-t', '30'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ accepted: code === 0, output }));
  });
}

/**
 * The attributes of the last Access-Accept/Reject in eapol_test's output, decoded:
 * text values as printed, Cisco-AVPair (Vendor-Specific, vendor 9, type 1) from its hex dump.
 */
export function eapolAnswer(output: string): { code: string; replyMessages: string[]; ciscoAvPairs: string[]; attributeTypes: number[] } {
  const start = Math.max(output.lastIndexOf('code=2 (Access-Accept)'), output.lastIndexOf('code=3 (Access-Reject)'));
  if (start < 0) return { code: 'none', replyMessages: [], ciscoAvPairs: [], attributeTypes: [] };
  const block = output.slice(start).split(/\n(?=\S)/)[0]!;
  const code = block.startsWith('code=2') ? 'Access-Accept' : 'Access-Reject';
  const replyMessages: string[] = [];
  const ciscoAvPairs: string[] = [];
  const attributeTypes: number[] = [];
  for (const match of block.matchAll(/Attribute (\d+) \([^)]*\) length=\d+\n\s+Value: (.*)/g)) {
    const type = Number(match[1]);
    attributeTypes.push(type);
    const value = match[2]!.trim();
    if (type === 18) replyMessages.push(value.replace(/^'|'$/g, ''));
    if (type === 26 && /^[0-9a-f]+$/.test(value)) {
      const bytes = Buffer.from(value, 'hex');
      if (bytes.readUInt32BE(0) === 9 && bytes[4] === 1) ciscoAvPairs.push(bytes.subarray(6, 4 + bytes[5]!).toString());
    }
  }
  return { code, replyMessages, ciscoAvPairs, attributeTypes };
}
