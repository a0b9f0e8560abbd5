import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import request from 'supertest';
import { openMemoryStores } from '../../src/store/memory-stores.js';
import { StoreUnavailableError, type Stores } from '../../src/core/store/types.js';
import { buildDevice, createProviderDouble } from '../helpers/compliance-provider-double.js';
import { countingClaims } from '../helpers/counting-stores.js';
import { bearer, buildApp, KEYS, PERIOD_SECONDS, testClock, WINDOW_SECONDS } from './build-app.js';

const devices = Array.from({ length: 5 }, () => buildDevice({ complianceState: 'noncompliant' }));
const BULK = '/api/compliance/1.3/devices?complianceState=noncompliant';

describe('bulk throttle', () => {
  it('opens a window, refuses after it until the period ends, then opens a new one', async () => {
    const { app, clock, stores } = buildApp({ devices });
    const openedAt = clock.now();
    await request(app).get(BULK).set(bearer(KEYS.ise)).expect(200);
    const held = await stores.atomic.claim('bulk:ise', 'probe', 1);
    assert.deepEqual([held.claimed, held.value], [false, String(openedAt)]);

    clock.advance(WINDOW_SECONDS - 1);
    await request(app).get(BULK).set(bearer(KEYS.ise)).expect(200);

    clock.advance(1);
    const refused = await request(app).get(BULK).set(bearer(KEYS.ise)).expect(503);
    assert.equal(refused.headers['retry-after'], String(PERIOD_SECONDS - WINDOW_SECONDS));
    assert.equal(refused.body.type, 'urn:vestibule:problem:bulk_throttled');
    assert.equal(refused.headers['cache-control'], 'no-store');

    clock.advance(PERIOD_SECONDS - WINDOW_SECONDS - 1);
    const last = await request(app).get(BULK).set(bearer(KEYS.ise)).expect(503);
    assert.equal(last.headers['retry-after'], '1');

    clock.advance(1);
    await request(app).get(BULK).set(bearer(KEYS.ise)).expect(200);
    clock.advance(WINDOW_SECONDS);
    const again = await request(app).get(BULK).set(bearer(KEYS.ise)).expect(503);
    assert.equal(again.headers['retry-after'], String(PERIOD_SECONDS - WINDOW_SECONDS));
  });

  it('keeps one window per gateway: a second key of the same gateway shares it, another gateway has its own', async () => {
    const { app, clock } = buildApp({ devices });
    await request(app).get(BULK).set(bearer(KEYS.ise)).expect(200);
    clock.advance(WINDOW_SECONDS);
    await request(app).get(BULK).set(bearer(KEYS.iseSecondKey)).expect(503);
    await request(app).get(BULK).set(bearer(KEYS.clearpass)).expect(200);
  });

  it('cannot be reset or bypassed by path case, trailing slash, HEAD, versions, query noise, forwarding headers or paging', async () => {
    const { app, clock } = buildApp({ devices });
    const first = await request(app).get(`${BULK}&pageSize=2`).set(bearer(KEYS.ise)).expect(200);
    const nextLink = new URL(first.body.nextLink as string);
    clock.advance(WINDOW_SECONDS);
    const attempts: Array<[string, () => request.Test]> = [
      ['path case', () => request(app).get('/API/Compliance/1.3/Devices?complianceState=noncompliant')],
      ['trailing slash', () => request(app).get('/api/compliance/1.3/devices/?complianceState=noncompliant')],
      ['HEAD', () => request(app).head(BULK)],
      ['other version', () => request(app).get('/api/compliance/2.0/devices?complianceState=noncompliant')],
      ['encoded version', () => request(app).get('/api/compliance/1%2E3/devices?complianceState=noncompliant')],
      ['value case', () => request(app).get('/api/compliance/1.3/devices?complianceState=NonCompliant')],
      ['page size', () => request(app).get(`${BULK}&pageSize=7`)],
      ['X-Forwarded-For', () => request(app).get(BULK).set('X-Forwarded-For', '198.51.100.23')],
      ['nextLink page', () => request(app).get(nextLink.pathname.replace('/vestibule', '') + nextLink.search)],
    ];
    for (const [what, send] of attempts) {
      const res = await send().set(bearer(KEYS.ise));
      assert.equal(res.status, 503, what);
      assert.equal(res.headers['retry-after'], String(PERIOD_SECONDS - WINDOW_SECONDS), what);
    }
    const noise = await request(app).get(`${BULK}&foo=bar`).set(bearer(KEYS.ise));
    assert.equal(noise.status, 400, 'query noise is rejected before the throttle');
    clock.advance(PERIOD_SECONDS - WINDOW_SECONDS - 1);
    await request(app).get(BULK).set(bearer(KEYS.ise)).expect(503);
  });

  it('opens exactly one window for twenty parallel first calls', async () => {
    const clock = testClock();
    const { stores, claimed } = countingClaims(openMemoryStores({ now: clock.now }));
    const { app } = buildApp({ devices, stores, clock });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const results = await Promise.all(Array.from({ length: 20 }, () => request(base).get(BULK).set(bearer(KEYS.ise))));
      assert.deepEqual(
        results.map((res) => res.status),
        Array(20).fill(200),
      );
      assert.equal(claimed(), 1);
    } finally {
      server.close();
    }
  });

  it('answers 503 when the store fails, without asking the backend', async () => {
    const broken: Stores = {
      ...openMemoryStores(),
      namespace: () => {
        throw new Error('unused');
      },
    };
    broken.atomic.claim = async () => {
      throw new StoreUnavailableError('redis down');
    };
    const provider = createProviderDouble({ devices });
    const { app } = buildApp({ provider, stores: broken });
    const res = await request(app).get(BULK).set(bearer(KEYS.ise)).expect(503);
    assert.equal(res.body.type, 'urn:vestibule:problem:store_unavailable');
    assert.ok(Number(res.headers['retry-after']) > 0);
    assert.equal(provider.stats.pulled, 0);
  });

  it('fails closed on an unexpected store error too', async () => {
    const stores = openMemoryStores();
    stores.atomic.claim = async () => {
      throw new TypeError('driver bug');
    };
    const res = await request(buildApp({ devices, stores }).app).get(BULK).set(bearer(KEYS.ise)).expect(500);
    assert.equal(res.body.detail.includes('driver bug'), false);
  });
});
