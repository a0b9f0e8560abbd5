import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { buildVestibule, type Vestibule } from '../../src/build-vestibule.js';
import { loadConfig, type Config } from '../../src/load-config.js';
import { TEST_STORE_TIMEOUT_MS } from './store-backends.js';
import { appBornRequests } from '../../src/http/app-born-requests.js';

export const TEST_GATEWAYS = {
  hq: {
    id: 'hq-wlc',
    secret: 'hq-signing-secret-9f8e7d6c5b4a39281706f5e4d3c2b1a0',
    apiKey: 'hq-api-key-Zx81Vb62Nm43Kl24Jh05Gf96Ds77',
    returnUrl: 'http://10.0.0.1:2050/vestibule/return?gw=hq',
  },
  branch: {
    id: 'branch-vpn',
    secret: 'branch-signing-secret-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    apiKey: 'branch-api-key-Qw19Er28Ty37Ui46Op55As64',
    returnUrl: 'https://vpn.branch.example/return',
  },
  /** Cisco ISE as an MDM API client: only the `ise` scope. */
  ise: {
    id: 'hq-ise',
    secret: 'ise-signing-secret-5e4d3c2b1a0f9e8d7c6b5a4938271605',
    apiKey: 'ise-api-key-Rt83Yu72Io61Pa50Sd49Fg38',
    returnUrl: 'https://ise.example/unused',
    scopes: ['ise'],
  },
} as const;

export interface TestVestibule extends Vestibule {
  url: string;
  config: Config;
  server: Server;
  stop(): Promise<void>;
}

/** Writes the two test gateways to a temp file and returns its path. */
export function writeTestGateways(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vestibule-gw-'));
  const path = join(dir, 'gateways.json');
  const gateways = Object.values(TEST_GATEWAYS).map((g) => ({
    id: g.id,
    name: g.id,
    dialect: 'native',
    secrets: [g.secret],
    apiKeys: [g.apiKey],
    returnUrl: g.returnUrl,
    scopes: 'scopes' in g ? g.scopes : ['sessions', 'compliance'],
  }));
  writeFileSync(path, JSON.stringify({ gateways }));
  return path;
}

/**
 * Starts the real Vestibule (the same composition root as `npm start`) on an ephemeral
 * port: embedded dev IdP, local provider with the demo inventory, memory store unless
 * the test names another. PUBLIC_URL is the real listening address, as in production.
 */
export async function startVestibule(env: Record<string, string> = {}, options: { now?: () => number } = {}): Promise<TestVestibule> {
  const born = appBornRequests(); // as src/server.ts
  const server = createServer({ ...born.serverOptions, maxHeaderSize: 16 * 1024 }, born.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fullEnv = {
    NODE_ENV: 'test',
    PUBLIC_URL: url,
    STORE_URL: 'memory://',
    GATEWAYS_FILE: writeTestGateways(),
    LOG_LEVEL: 'silent',
    STORE_TIMEOUT_MS: String(TEST_STORE_TIMEOUT_MS),
    ...env,
  };
  let config: Config;
  let vestibule: Vestibule;
  try {
    config = loadConfig(fullEnv);
    vestibule = await buildVestibule(config, { logger: pino({ level: fullEnv.LOG_LEVEL }), env: fullEnv, now: options.now });
  } catch (error) {
    // A refused configuration must not leave a listening server behind (it would keep the test process alive).
    server.close();
    throw error;
  }
  born.serve(vestibule.app);
  return {
    ...vestibule,
    url,
    config,
    server,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await vestibule.close();
    },
  };
}
