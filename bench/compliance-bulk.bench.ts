/**
 * Pages through 100,000 non-compliant devices over HTTP and shows the heap stays flat:
 * the server holds one page at a time whatever the fleet size.
 * Run: node --expose-gc --import tsx bench/compliance-bulk.bench.ts
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { buildDevice, createProviderDouble, sequentialGuid } from '../test/helpers/compliance-provider-double.js';
import { bearer, buildApp, KEYS } from '../test/compliance-api/build-app.js';

const TOTAL = 100_000;
const PAGE_SIZE = 1000;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const provider = createProviderDouble({
  *listing(after) {
    const start = after === undefined ? 1 : parseInt(after.slice(24), 16) + 1;
    for (let n = start; n <= TOTAL; n++) yield buildDevice({ id: sequentialGuid(n), complianceState: 'noncompliant' });
  },
});
const server = buildApp({ provider }).app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};
const started = performance.now();
let next: string | undefined = `${base}/api/compliance/2.0/devices?complianceState=noncompliant&pageSize=${PAGE_SIZE}`;
let seen = 0;
let pages = 0;
let baseline = 0;
let peak = 0;
while (next) {
  const res: Response = await fetch(next, { headers: bearer(KEYS.ise) });
  assert.equal(res.status, 200);
  const body = (await res.json()) as { value: unknown[]; nextLink?: string };
  seen += body.value.length;
  pages++;
  next = body.nextLink && `${base}${new URL(body.nextLink).pathname.replace('/vestibule', '')}${new URL(body.nextLink).search}`;
  if (pages === 5) baseline = heapMb();
  if (pages > 5 && pages % 10 === 0) peak = Math.max(peak, heapMb());
}
server.close();
const seconds = (performance.now() - started) / 1000;
console.log(`${seen} devices in ${pages} pages, ${seconds.toFixed(1)} s (${Math.round(seen / seconds)} devices/s)`);
console.log(
  `heap after page 5: ${baseline.toFixed(1)} MB; highest later: ${peak.toFixed(1)} MB; most pulled in one listing: ${provider.stats.mostInOneListing}`,
);
assert.equal(seen, TOTAL);
assert.ok(peak - baseline < 10, 'heap grew by more than 10 MB while paging');
