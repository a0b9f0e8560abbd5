import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, type LabProcess } from './processes.js';
import { ADDRESSES, type Topology } from './topology.js';

export interface LabVestibuleOptions {
  port: number;
  gateways: unknown[];
  env: Record<string, string>;
  tls?: { certFile: string; keyFile: string; caFile: string };
}

/**
 * The real Vestibule (`src/server.ts`, the `npm start` entry point, through tsx) in the
 * "internet" namespace at 192.0.2.20: dev IdP, demo inventory, an SQLite store the test
 * can inspect. Resolves once it logs that it listens.
 */
export async function startLabVestibule(
  topology: Topology,
  work: string,
  name: string,
  options: LabVestibuleOptions,
): Promise<{ process: LabProcess; url: string; storeFile: string }> {
  const scheme = options.tls ? 'https' : 'http';
  const url = `${scheme}://${ADDRESSES.vestibule}:${options.port}`;
  const gatewaysFile = join(work, `${name}-gateways.json`);
  writeFileSync(gatewaysFile, JSON.stringify({ gateways: options.gateways }));
  const storeFile = join(work, `${name}.sqlite`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    PORT: String(options.port),
    PUBLIC_URL: url,
    STORE_URL: `sqlite://${storeFile}`,
    GATEWAYS_FILE: gatewaysFile,
    LOG_LEVEL: 'debug',
    ...(options.tls ? { TLS_CERT_FILE: options.tls.certFile, TLS_KEY_FILE: options.tls.keyFile, NODE_EXTRA_CA_CERTS: options.tls.caFile } : {}),
    ...options.env,
  };
  const server = new URL('../../../src/server.ts', import.meta.url).pathname;
  const child = startProcess(`vestibule ${name}`, 'ip', ['netns', 'exec', topology.ns('inet'), process.execPath, '--import', 'tsx', server], {
    env,
    logFile: join(work, `${name}-vestibule.log`),
  });
  await child.waitFor(/vestibule ready/, 60_000); // listening comes first; ready once the store is open and the app is swapped in
  return { process: child, url, storeFile };
}
