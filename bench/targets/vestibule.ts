/**
 * Vestibule as a benchmark target: the real composition root (buildVestibule) with the
 * server options of src/server.ts, the two test gateways, the local provider with the
 * demo inventory, request logging at `info` to stdout (the runner sends it to
 * /dev/null), and the store named by STORE_URL. It prepares what the load needs — a
 * pushed session, a nonce-less signed redirect, a device's MAC and id — and prints them
 * with `BENCH-READY`. A second listener (control) answers /held (long-polls waiting for
 * a change right now) and /memory (after a full GC, with `held` and open connections).
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { buildVestibule } from '../../src/build-vestibule.js';
import { loadConfig } from '../../src/load-config.js';
import { readInventoryFile } from '../../src/providers/local/seed-inventory.js';
import { pushSession, signedRedirect } from '../../test/helpers/gateway-client.js';
import { TEST_GATEWAYS, writeTestGateways } from '../../test/helpers/test-vestibule.js';
import { ready } from '../lib/ready.js';
import { appBornRequests } from '../../src/http/app-born-requests.js';

const born = appBornRequests(); // as src/server.ts
const server = createServer({ ...born.serverOptions, maxHeaderSize: 16 * 1024, requestTimeout: 60_000, headersTimeout: 20_000 }, born.listener);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const env: NodeJS.ProcessEnv = {
  NODE_ENV: 'test',
  PUBLIC_URL: url,
  GATEWAYS_FILE: writeTestGateways(),
  LOG_LEVEL: 'info',
  // The redirect is signed once and replayed (no nonce), so it must stay inside the skew.
  SIGNATURE_MAX_SKEW_SECONDS: '3600',
  // The limiters stay in the path (their store round trip is part of the cost) but must not
  // answer 429 to a load generator that is one client with one key.
  RATE_LIMIT_INTAKE: '1000000000',
  RATE_LIMIT_PORTAL: '1000000000',
  RATE_LIMIT_SESSION_API: '1000000000',
  RATE_LIMIT_SESSION_API_FAILURES: '1000000000',
  RATE_LIMIT_COMPLIANCE_API: '1000000000',
  RATE_LIMIT_INVENTORY_API: '1000000000',
  RATE_LIMIT_ISE_API: '1000000000',
  RATE_LIMIT_RADIUS_API: '1000000000',
  ...process.env,
};
const config = loadConfig(env);
// As src/server.ts builds it.
const logger = pino({ level: config.logLevel, redact: ['req.headers', 'res.headers'] }, pino.destination({ dest: 1, sync: false }));
const vestibule = await buildVestibule(config, { logger, env });
born.serve(vestibule.app);

// Held long-polls, counted where they wait (subscribed to the change feed), for the memory bench.
let held = 0;
const changes = vestibule.stores.changes;
const subscribe = changes.subscribe.bind(changes);
changes.subscribe = (topic, listener) => {
  held += 1;
  const unsubscribe = subscribe(topic, listener);
  let done = false;
  return () => {
    if (!done) held -= 1;
    done = true;
    unsubscribe();
  };
};

const control = createServer((req, res) => {
  if (req.url === '/held') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ held }));
    return;
  }
  if (req.url === '/memory') {
    (globalThis as { gc?: () => void }).gc?.();
    server.getConnections((_error, connections) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ...process.memoryUsage(), held, connections }));
    });
    return;
  }
  res.statusCode = 404;
  res.end();
}).listen(0, '127.0.0.1');
await new Promise((resolve) => control.once('listening', resolve));

const device = readInventoryFile((config.providerSettings as { inventoryFile: string }).inventoryFile).devices.find((d) => d.wiFiMacAddress)!;
const mac = device.wiFiMacAddress.match(/../g)!.join(':');
const { body } = await pushSession(url, TEST_GATEWAYS.hq, { mac });
const info = {
  url,
  control: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
  store: vestibule.stores.kind,
  token: body.token as string,
  apiKey: TEST_GATEWAYS.hq.apiKey,
  redirect: signedRedirect(TEST_GATEWAYS.hq, { mac }, { nonce: false }),
  mac,
  deviceId: device.id,
};

// BENCH_CPU_PROFILE=<file>: profile only the load, not the start-up (module loading, key generation).
const profileFile = process.env.BENCH_CPU_PROFILE;
const inspector = profileFile ? new Session() : undefined;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
  await inspector.post('Profiler.start');
}

ready(info);

async function shutdown(): Promise<void> {
  if (inspector && profileFile) {
    const { profile } = await inspector.post('Profiler.stop');
    writeFileSync(profileFile, JSON.stringify(profile));
  }
  server.closeAllConnections();
  control.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await vestibule.close();
}
process.on('SIGTERM', () => {
  void shutdown().finally(() => process.exit(0));
});
