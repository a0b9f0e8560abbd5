import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { buildVestibule } from '../../src/build-vestibule.js';
import { loadConfig } from '../../src/load-config.js';
import type { AtomicStore } from '../../src/core/store/types.js';
import { writeTestGateways, type TestVestibule } from './test-vestibule.js';
import { appBornRequests } from '../../src/http/app-born-requests.js';

/**
 * Security-test harness. Like startVestibule, but:
 * - the pino logger writes every line (LOG_LEVEL=info by default) into `logs`, so tests
 *   can assert that no secret ever reaches the log;
 * - every write to the atomic store (claim, compareAndSet, compareAndSetAll per record) is counted, so tests can
 *   assert that a refused request stored nothing.
 */
export interface ObservedVestibule extends TestVestibule {
  logs: string[];
  writes: { claim: number; compareAndSet: number; total(): number };
}

export const INVENTORY_KEY = 'inv-key-Zq7Wm3Xp9Lk2Rt5Yv8Bn4Hc6Jd1Gf0Se3Ua';

export async function startObservedVestibule(env: Record<string, string> = {}, options: { now?: () => number } = {}): Promise<ObservedVestibule> {
  const born = appBornRequests(); // as src/server.ts
  const server = createServer({ ...born.serverOptions, maxHeaderSize: 16 * 1024 }, born.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fullEnv: Record<string, string> = {
    NODE_ENV: 'test',
    PUBLIC_URL: url,
    STORE_URL: 'memory://',
    GATEWAYS_FILE: writeTestGateways(),
    LOG_LEVEL: 'info',
    INVENTORY_API_KEY: INVENTORY_KEY,
    // These suites probe other defences with hundreds of requests; the limits have their own suite.
    RATE_LIMIT_SESSION_API: '100000',
    RATE_LIMIT_SESSION_API_FAILURES: '100000',
    RATE_LIMIT_PORTAL: '100000',
    RATE_LIMIT_INTAKE: '100000',
    ...env,
  };
  const config = loadConfig(fullEnv);
  const logs: string[] = [];
  const destination = { write: (line: string) => void logs.push(line) };
  const logger = pino({ level: fullEnv.LOG_LEVEL }, destination);
  const vestibule = await buildVestibule(config, { logger, env: fullEnv, now: options.now });
  born.serve(vestibule.app);

  const writes = { claim: 0, compareAndSet: 0, total: () => writes.claim + writes.compareAndSet };
  const atomic = vestibule.stores.atomic as AtomicStore & Record<string, unknown>;
  const claim = atomic.claim.bind(atomic);
  const compareAndSet = atomic.compareAndSet.bind(atomic);
  // Count only writes that took effect: a refused replay may *try* to claim its nonce.
  atomic.claim = async (key, value, ttl) => {
    const result = await claim(key, value, ttl);
    if (result.claimed) writes.claim += 1;
    return result;
  };
  atomic.compareAndSet = async (key, expected, value, ttl) => {
    const written = await compareAndSet(key, expected, value, ttl);
    if (written) writes.compareAndSet += 1;
    return written;
  };
  const compareAndSetAll = atomic.compareAndSetAll.bind(atomic);
  atomic.compareAndSetAll = async (all) => {
    const written = await compareAndSetAll(all);
    if (written) writes.compareAndSet += all.length;
    return written;
  };

  return {
    ...vestibule,
    url,
    config,
    server,
    logs,
    writes,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await vestibule.close();
    },
  };
}

/** Writes a gateways file: the two test gateways plus any extra entries. */
export function writeGatewaysFile(extra: object[]): string {
  const base = readGateways(writeTestGateways());
  base.gateways.push(...extra);
  const dir = mkdtempSync(join(tmpdir(), 'vestibule-sec-gw-'));
  const path = join(dir, 'gateways.json');
  writeFileSync(path, JSON.stringify(base));
  return path;
}

function readGateways(path: string): { gateways: object[] } {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function writeJsonFile(name: string, value: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'vestibule-sec-'));
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

/**
 * A raw HTTP request (node:http), for what fetch will not send: a forged Host header,
 * a raw path with odd bytes, oversized headers, no User-Agent at all.
 */
export function rawRequest(
  base: string,
  options: { method?: string; path: string; headers?: Record<string, string | string[]>; body?: string | Buffer },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const target = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers ?? {},
        setHost: !(options.headers && Object.keys(options.headers).some((h) => h.toLowerCase() === 'host')),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Problem-document shape check (RFC 9457). */
export function isProblem(body: unknown, status: number): boolean {
  const p = body as Record<string, unknown> | null;
  return !!p && typeof p.type === 'string' && typeof p.title === 'string' && p.status === status && typeof p.detail === 'string';
}

/** True when a body looks like it carries a stack trace or internals. */
export function looksLikeStack(body: string): boolean {
  return /\n\s+at [^\n]+\(|node_modules|\.ts:\d+|\.js:\d+:\d+|TypeError|ReferenceError|SyntaxError:|"stack"/.test(body);
}
