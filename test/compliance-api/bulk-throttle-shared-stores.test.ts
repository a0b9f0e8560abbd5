import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import { openRedisStores } from '../../src/store/redis-stores.js';
import { openSqliteStores } from '../../src/store/sqlite-stores.js';
import type { Stores } from '../../src/core/store/types.js';
import { buildDevice } from '../helpers/compliance-provider-double.js';
import { countingClaims } from '../helpers/counting-stores.js';
import { REDIS_URL, redisSuiteEnabled } from '../helpers/redis.js';
import { TEST_STORE_TIMEOUT_MS } from '../helpers/store-backends.js';
import { bearer, buildApp, KEYS, testClock, WINDOW_SECONDS } from './build-app.js';

const devices = Array.from({ length: 3 }, () => buildDevice({ complianceState: 'noncompliant' }));
const BULK = '/api/compliance/1.0/devices?complianceState=noncompliant';
const toClose: Array<() => Promise<void>> = [];
after(async () => {
  for (const close of toClose) await close();
});

/** Two app instances, each with its own connection to one shared store. */
async function twoInstances(open: () => Promise<Stores>) {
  const clock = testClock(Date.now());
  const instances = [];
  let claimedTotal = () => 0;
  for (let i = 0; i < 2; i++) {
    const counted = countingClaims(await open());
    const previous = claimedTotal;
    claimedTotal = () => previous() + counted.claimed();
    const server = buildApp({ devices, stores: counted.stores, clock }).app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    toClose.push(async () => {
      server.close();
      await counted.stores.close();
    });
    instances.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  return { instances, clock, claimed: () => claimedTotal() };
}

async function exactlyOneWindow(open: () => Promise<Stores>) {
  const { instances, clock, claimed } = await twoInstances(open);
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      request(instances[i % 2]!)
        .get(BULK)
        .set(bearer(KEYS.clearpass)),
    ),
  );
  assert.deepEqual(
    results.map((res) => res.status),
    Array(20).fill(200),
  );
  assert.equal(claimed(), 1);
  clock.advance(WINDOW_SECONDS);
  for (const instance of instances) {
    const res = await request(instance).get(BULK).set(bearer(KEYS.clearpass));
    assert.equal(res.status, 503);
    assert.ok(Number(res.headers['retry-after']) > 0);
  }
}

describe('bulk throttle across instances', () => {
  it('opens exactly one window for twenty parallel calls on two instances sharing SQLite', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vestibule-throttle-')), 'store.sqlite');
    await exactlyOneWindow(async () => openSqliteStores(file, { timeoutMs: TEST_STORE_TIMEOUT_MS }));
  });

  it('opens exactly one window for twenty parallel calls on two instances sharing Redis', async (t) => {
    if (!(await redisSuiteEnabled('compliance bulk throttle on Redis'))) return t.skip(`no Redis at ${REDIS_URL}`);
    const prefix = `vestibule-test:${randomUUID()}:`;
    await exactlyOneWindow(() => openRedisStores(REDIS_URL, { timeoutMs: TEST_STORE_TIMEOUT_MS, prefix }));
  });
});
