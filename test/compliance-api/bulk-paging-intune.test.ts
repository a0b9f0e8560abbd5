import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import { createCursorCodec } from '../../src/api/compliance/bulk-cursor.js';
import { graphDevice } from '../helpers/fake-graph/device-builder.js';
import { startFixture, type Fixture } from '../intune/provider-fixture.js';
import { bearer, buildApp, CURSOR_SECRET, KEYS, testClock } from './build-app.js';

const BULK = '/api/compliance/2.0/devices?complianceState=noncompliant';
const LIST = '/v1.0/deviceManagement/managedDevices';

/** 2n devices, every other one non-compliant, in the fake's (id) order. */
function fleet(n: number) {
  const devices = Array.from({ length: 2 * n }, (_, i) =>
    graphDevice({ id: `e0000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, complianceState: i % 2 === 0 ? 'noncompliant' : 'compliant' }),
  );
  return { devices, noncompliant: devices.filter((d) => d.complianceState === 'noncompliant').map((d) => d.id) };
}

/** One page: its device ids and the path + query of its nextLink. */
async function getPage(app: Express, path: string): Promise<{ ids: string[]; next: string | undefined }> {
  const res = await request(app).get(path).set(bearer(KEYS.ise)).expect(200);
  const next = res.body.nextLink === undefined ? undefined : new URL(res.body.nextLink as string);
  return {
    ids: res.body.value.map((device: { intuneDeviceId: string }) => device.intuneDeviceId),
    next: next && next.pathname.replace('/vestibule', '') + next.search,
  };
}

async function followAll(app: Express, first: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pages = 0;
  for (let path: string | undefined = first; path !== undefined; pages++) {
    const page = await getPage(app, path);
    ids.push(...page.ids);
    path = page.next;
  }
  return { ids, pages };
}

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('bulk listing on Intune', () => {
  it('pages through N Graph pages with O(N) Graph list calls in total', async () => {
    const { devices, noncompliant } = fleet(300);
    const graphPageSize = 20;
    fx = await startFixture({ fake: { devices, pageSize: graphPageSize } });
    const { app } = buildApp({ provider: fx.provider });
    const { ids, pages } = await followAll(app, `${BULK}&pageSize=7`);
    assert.deepEqual(ids, noncompliant);
    const graphPages = Math.ceil(noncompliant.length / graphPageSize);
    const calls = fx.fake.count('GET', LIST);
    // Every Graph page once, plus one re-read of the cursor's page per API page.
    assert.ok(calls <= graphPages + pages, `${calls} Graph list calls for ${graphPages} Graph pages and ${pages} API pages`);
  });

  it('a cursor whose device became compliant or was removed still resumes', async () => {
    for (const change of ['compliant', 'removed'] as const) {
      const { devices, noncompliant } = fleet(20);
      fx = await startFixture({ fake: { devices, pageSize: 4 } });
      const { app } = buildApp({ provider: fx.provider });
      const first = await getPage(app, `${BULK}&pageSize=5`);
      assert.deepEqual(first.ids, noncompliant.slice(0, 5));
      const cursorDevice = noncompliant[4]!;
      if (change === 'compliant') fx.fake.devices.get(cursorDevice)!.complianceState = 'compliant';
      else fx.fake.devices.delete(cursorDevice);
      const { ids } = await followAll(app, first.next!);
      assert.deepEqual(ids, noncompliant.slice(5), change);
      await fx.close();
      fx = undefined;
    }
  });

  it('a tampered cursor, or a position aimed at another host or path, is a 400 without any Graph call', async () => {
    const { devices } = fleet(20);
    fx = await startFixture({ fake: { devices, pageSize: 4 } });
    const clock = testClock();
    const { app } = buildApp({ provider: fx.provider, clock });
    const first = await getPage(app, `${BULK}&pageSize=5`);
    const cursor = new URL(first.next!, 'http://x').searchParams.get('cursor')!;
    const [tag, issued, payload, mac] = cursor.split('.') as [string, string, string, string];
    const position = Buffer.from(payload, 'base64url').toString();
    const seal = (p: string) => createCursorCodec({ secret: CURSOR_SECRET, scope: 'intune', now: clock.now }).seal(p);
    const head = position.slice(0, position.indexOf('/'));
    const page = position.slice(head.length);
    const query = page.slice(page.indexOf('?'));
    const bad = [
      // The genuine position with the page swapped for another host, unsigned and signed.
      [tag, issued, Buffer.from(`${head}//evil.example${page}`).toString('base64url'), mac].join('.'),
      seal(`${head}//evil.example${page}`),
      seal(`${head}/v1.0/users${query}`),
      seal(`${head}/v1.0/deviceManagement/managedDevices/${devices[0]!.id}/syncDevice${query}`),
      seal(`${head}/v1.0/deviceManagement/managedDevices${query}&$expand=detectedApps`),
      seal('https://evil.example/v1.0/deviceManagement/managedDevices'),
    ];
    fx.fake.calls.length = 0;
    for (const forged of bad) {
      const res = await request(app).get(`${BULK}&cursor=${forged}`).set(bearer(KEYS.ise)).expect(400);
      assert.equal(res.body.type, 'urn:vestibule:problem:invalid_parameter');
      assert.match(res.body.detail, /"cursor"/);
    }
    assert.deepEqual(
      fx.fake.calls.map((c) => c.path),
      [],
    );
    await request(app).get(`${BULK}&cursor=${cursor}`).set(bearer(KEYS.ise)).expect(200);
  });
});
