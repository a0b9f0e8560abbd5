import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import { createCursorCodec } from '../../src/api/compliance/bulk-cursor.js';
import { MAX_PAGE_SIZE } from '../../src/api/compliance/parse-query.js';
import { buildDevice, createProviderDouble, sequentialGuid } from '../helpers/compliance-provider-double.js';
import { bearer, buildApp, CURSOR_SECRET, KEYS, PUBLIC_URL, testClock } from './build-app.js';

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

/** A cursor as the app seals it (same secret, provider `local`, the test clock's time). */
function sealed(position: string, options: { secret?: string; scope?: string; now?: () => number } = {}): string {
  return createCursorCodec({ secret: options.secret ?? CURSOR_SECRET, scope: options.scope ?? 'local', now: options.now ?? testClock().now }).seal(position);
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
    const forged = [
      '',
      'abc',
      'v1.',
      'v2.YWJj',
      `v1.${'A'.repeat(400)}`,
      'v1.YWJj=',
      'v1.YWJj!',
      `v1.${Buffer.from('a b').toString('base64url')}`,
      'v1.YWJk'.slice(0, 6),
      // the unsigned cursors of the previous format are no longer accepted
      `v1.${Buffer.from(noncompliant[0]!).toString('base64url')}`,
      `v2.${'A'.repeat(5000)}`,
    ];
    for (const cursor of forged) {
      const res = await request(app)
        .get(`${BULK}&cursor=${encodeURIComponent(cursor)}`)
        .set(bearer(KEYS.ise))
        .expect(400);
      assert.match(res.body.detail, /"cursor"/, cursor);
    }
    await request(app)
      .get(`${BULK}&cursor=${sealed(noncompliant[0]!)}`)
      .set(bearer(KEYS.ise))
      .expect(200);
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

  it('a cursor whose device became compliant or was removed still resumes right after it', async () => {
    for (const change of ['compliant', 'removed'] as const) {
      const devices = Array.from({ length: 9 }, () => buildDevice({ complianceState: 'noncompliant' }));
      const { app } = buildApp({ devices });
      const first = await request(app).get(`${BULK}&pageSize=3`).set(bearer(KEYS.ise)).expect(200);
      const last = devices[2]!;
      if (change === 'compliant') last.complianceState = 'compliant';
      else devices.splice(2, 1);
      const next = new URL(first.body.nextLink as string);
      const { ids } = await followAll(app, next.pathname.replace('/vestibule', '') + next.search);
      assert.deepEqual(
        ids,
        devices.slice(change === 'compliant' ? 3 : 2).map((device) => device.id),
        change,
      );
    }
  });

  it('a tampered, foreign or expired cursor is a 400 naming "cursor", and the provider is never asked', async () => {
    const clock = testClock();
    const { app, provider } = buildApp({ devices: mixed, clock });
    const good = sealed(noncompliant[0]!, { now: clock.now });
    const [tag, issued, payload, mac] = good.split('.') as [string, string, string, string];
    const flip = (text: string) => text.slice(0, -2) + (text.at(-2) === 'A' ? 'B' : 'A') + text.at(-1);
    const bad = [
      // another device id in the payload, same MAC
      [tag, issued, Buffer.from(noncompliant[5]!).toString('base64url'), mac].join('.'),
      [tag, issued, payload, flip(mac)].join('.'),
      [tag, (parseInt(issued, 36) + 1).toString(36), payload, mac].join('.'),
      // a position pointing elsewhere, MACed with a key we did not use
      sealed('https://evil.example/v1.0/users', { secret: 'another-secret-0123456789abcdefghijkl', now: clock.now }),
      // MACed for another provider
      sealed(noncompliant[0]!, { scope: 'intune', now: clock.now }),
      // issued 25 hours ago
      sealed(noncompliant[0]!, { now: () => clock.now() - 25 * 3600_000 }),
    ];
    for (const cursor of bad) {
      const res = await request(app).get(`${BULK}&cursor=${cursor}`).set(bearer(KEYS.ise)).expect(400);
      assert.equal(res.body.type, 'urn:vestibule:problem:invalid_parameter');
      assert.match(res.body.detail, /"cursor"/, cursor);
    }
    assert.equal(provider.stats.listings, 0);
    await request(app).get(`${BULK}&cursor=${good}`).set(bearer(KEYS.ise)).expect(200);
    assert.equal(provider.stats.listings, 1);
  });

  it('a genuine cursor whose position the provider refuses is a 400 naming "cursor", not a 503', async () => {
    const { app, provider } = buildApp({ devices: mixed });
    const res = await request(app)
      .get(`${BULK}&cursor=${sealed('https://evil.example/v1.0/users')}`)
      .set(bearer(KEYS.ise))
      .expect(400);
    assert.match(res.body.detail, /"cursor"/);
    assert.equal(provider.stats.pulled, 0);
  });
});
