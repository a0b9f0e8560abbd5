/**
 * Throughput of the hot paths on this machine, against the real app on SQLite (or
 * STORE_URL=redis://… npm run bench): the signed redirect (HMAC + nonce-less session
 * write), polling (one store read), 304 polling, a bare express baseline, and the p99 of
 * Cisco ISE's MAC query at a fixed 500 requests/s. Speed goals
 * live here, not in tests.
 */
import autocannon from 'autocannon';
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pushSession, signedRedirect } from '../test/helpers/gateway-client.js';
import { startVestibule, TEST_GATEWAYS } from '../test/helpers/test-vestibule.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);

let baseline = 0;

async function measure(name: string, url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: 32, duration: DURATION, headers });
  const bad = result.non2xx - (result.statusCodeStats?.['303']?.count ?? 0) - (result.statusCodeStats?.['304']?.count ?? 0);
  const rate = result.requests.average;
  const relative = baseline ? `${(rate / baseline).toFixed(2)}× bare` : 'baseline';
  console.log(`${name.padEnd(34)} ${String(Math.round(rate)).padStart(7)} req/s  ${relative.padStart(10)}   p99 ${String(result.latency.p99).padStart(4)} ms   errors ${result.errors + Math.max(0, bad)}`);
  return rate;
}

const bare = express();
bare.get('/', (_req, res) => {
  res.json({ ok: true });
});
const bareServer = createServer(bare).listen(0, '127.0.0.1');
await new Promise((resolve) => bareServer.once('listening', resolve));
baseline = await measure('bare express 5', `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/`);
bareServer.close();

const storeUrl = process.env.STORE_URL ?? `sqlite://${join(mkdtempSync(join(tmpdir(), 'vestibule-bench-')), 'bench.sqlite')}`;
const vestibule = await startVestibule({ STORE_URL: storeUrl, SIGNATURE_MAX_SKEW_SECONDS: '3600' });
console.log(`store: ${vestibule.stores.kind}`);

await measure('GET /healthz', `${vestibule.url}/healthz`);
// No nonce: a nonce may be used once, so repeated requests would (correctly) be refused.
const redirect = signedRedirect(TEST_GATEWAYS.hq, { mac: 'A4:B1:C2:D3:E4:F5' }, { nonce: false });
await measure('GET /g/{gw} signed redirect', `${vestibule.url}${redirect}`);
const { body } = await pushSession(vestibule.url, TEST_GATEWAYS.hq, { mac: 'A4:B1:C2:D3:E4:F5' });
const auth = { authorization: `Bearer ${TEST_GATEWAYS.hq.apiKey}` };
await measure('GET /api/v1/sessions/{token}', `${vestibule.url}/api/v1/sessions/${body.token}`, auth);
await measure('… with If-None-Match (304)', `${vestibule.url}/api/v1/sessions/${body.token}`, { ...auth, 'if-none-match': '"1"' });
// Cisco ISE asks at every authentication and wants an answer within 200 ms (MDM API guide).
const ise = { authorization: `Basic ${Buffer.from(`${TEST_GATEWAYS.ise.id}:${TEST_GATEWAYS.ise.apiKey}`).toString('base64')}` };
const iseUrl = `${vestibule.url}/ise/${TEST_GATEWAYS.ise.id}/v3/devices/?paging=0&querycriteria=macaddress&value=A4B1C2D3E4F5&filter=all`;
const iseResult = await autocannon({ url: iseUrl, connections: 16, overallRate: 500, duration: DURATION, headers: ise });
console.log(`${'ISE MAC query at 500 req/s'.padEnd(34)} ${String(Math.round(iseResult.requests.average)).padStart(7)} req/s  ${'(fixed)'.padStart(10)}   p99 ${String(iseResult.latency.p99).padStart(4)} ms   errors ${iseResult.errors + iseResult.non2xx}   (ISE wants < 200 ms)`);
await vestibule.stop();
