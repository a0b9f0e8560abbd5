import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import { encodeCursor } from '../../src/api/compliance/bulk-cursor.js';
import { MAX_PAGE_SIZE } from '../../src/api/compliance/parse-query.js';
import { buildDevice, createProviderDouble, sequentialGuid } from '../helpers/compliance-provider-double.js';
import { bearer, buildApp, KEYS, PUBLIC_URL } from './build-app.js';

const BULK = '/api/compliance/2.0/devices?complianceState=noncompliant';

/** Follows nextLink from `first` to the end; returns every device ID in order and the page count. */
async function followAll(app: Express, first: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let path: string | undefined = first;
  let pages = 0;
  while (path) {
    const res: request.Response = await request(app).get(path).set(bearer(KEYS.ise)).expect(200);
    pages++;
    ids.push(...res.body.value.map((device: { intuneDeviceId: string }) => device.intuneDeviceId));
    if (res.body.nextLink === undefined) break;
    const next: URL = new URL(res.body.nextLink as string);
    assert.equal(next.origin, PUBLIC_URL.origin);
    assert.ok(next.pathname.startsWith('/vestibule/api/compliance/2.0/devices'));
    path = next.pathname.replace('/vestibule', '') + next.search;
  }
  return { ids, pages };
}

describe('bulk listing', () => {
  const mixed = Array.from({ length: 23 }, (_, i) => buildDevice({ complianceState: i % 3 === 0 ? 'compliant' : 'noncompliant' }));
  const noncompliant = mixed.filter((device) => device.complianceState === 'noncompliant').map((device) => device.id);

  it('returns every non-compliant device exactly once across nextLink pages', async () => {
    const { app } = buildApp({ devices: mixed });
    const { ids, pages } = await followAll(app, `${BULK}&pageSize=4`);
    assert.deepEqual(ids, noncompliant);
    assert.equal(pages, Math.ceil(noncompliant.length / 4));
  });

  it('uses a default page size of 100 and omits nextLink on the last page', async () => {
    const { app } = buildApp({ devices: mixed });
    const res = await request(app).get(BULK).set(bearer(KEYS.ise)).expect(200);
    assert.equal(res.body.value.length, noncompliant.length);
    assert.deepEqual(Object.keys(res.body), ['value']);
  });

  it('skips devices a backend streams despite the filter', async () => {
    const provider = createProviderDouble({ listing: (after) => mixed.filter((device) => after === undefined || device.id > after) });
    const { app } = buildApp({ provider });
    const { ids } = await followAll(app, `${BULK}&pageSize=5`);
    assert.deepEqual(ids, noncompliant);
  });

  it('rejects page sizes outside 1..1000 and cursors it did not issue', async () => {
    const { app } = buildApp({ devices: mixed });
    for (const size of ['0', '-1', '1001', '1e3', '10.5', 'abc', '', '01']) {
      const res = await request(app).get(`${BULK}&pageSize=${size}`).set(bearer(KEYS.ise)).expect(400);
      assert.match(res.body.detail, /"pageSize"/, size);
    }
    await request(app).get(`${BULK}&pageSize=${MAX_PAGE_SIZE}`).set(bearer(KEYS.ise)).expect(200);
    const forged = ['', 'abc', 'v1.', 'v2.YWJj', `v1.${'A'.repeat(400)}`, 'v1.YWJj=', 'v1.YWJj!', `v1.${Buffer.from('a b').toString('base64url')}`, 'v1.YWJk'.slice(0, 6)];
    for (const cursor of forged) {
      const res = await request(app).get(`${BULK}&cursor=${encodeURIComponent(cursor)}`).set(bearer(KEYS.ise)).expect(400);
      assert.match(res.body.detail, /"cursor"/, cursor);
    }
    await request(app).get(`${BULK}&cursor=${encodeCursor(noncompliant[0]!)}`).set(bearer(KEYS.ise)).expect(200);
  });

  it('answers 503 when the backend fails part-way, never a shortened page', async () => {
    const provider = createProviderDouble({ devices: mixed, failListingAfter: 3 });
    const { app } = buildApp({ provider });
    const res = await request(app).get(`${BULK}&pageSize=10`).set(bearer(KEYS.ise)).expect(503);
    assert.equal(res.body.type, 'urn:vestibule:problem:provider_unavailable');
    assert.equal(res.headers['retry-after'], '7');
    assert.equal(JSON.stringify(res.body).includes(noncompliant[0]!), false);
  });

  it('pages through 100,000 devices pulling at most one page plus one per request', async () => {
    const total = 100_000;
    const pageSize = 1000;
    const provider = createProviderDouble({
      // Generates devices on demand, as a store-backed provider would read them.
      *listing(after) {
        const start = after === undefined ? 1 : parseInt(after.slice(24), 16) + 1;
        for (let n = start; n <= total; n++) yield buildDevice({ id: sequentialGuid(n), complianceState: 'noncompliant' });
      },
    });
    const { app } = buildApp({ provider });
    const { ids, pages } = await followAll(app, `${BULK}&pageSize=${pageSize}`);
    assert.equal(ids.length, total);
    assert.equal(new Set(ids).size, total);
    assert.equal(pages, total / pageSize);
    assert.equal(provider.stats.mostInOneListing, pageSize + 1);
    assert.ok(provider.stats.pulled <= total + pages, `pulled ${provider.stats.pulled}`);
    assert.equal(provider.stats.closed, pages, 'every listing was closed when its page was full');
  });
});
