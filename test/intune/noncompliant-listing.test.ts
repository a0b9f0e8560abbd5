import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { InvalidListingPositionError, ProviderUnavailableError } from '../../src/core/compliance/errors.js';
import type { ListedDevice } from '../../src/core/compliance/types.js';
import { graphDevice } from '../helpers/fake-graph/device-builder.js';
import { startFixture, type Fixture } from './provider-fixture.js';
import { take } from '../helpers/take.js';

let fx: Fixture;
afterEach(() => fx.close());
const LIST = '/v1.0/deviceManagement/managedDevices';

/** Seven devices, four of them non-compliant, interleaved so every page mixes states. */
const DEVICES = Array.from({ length: 7 }, (_, i) =>
  graphDevice({ id: `b0000000-0000-4000-8000-00000000000${i}`, complianceState: i % 2 === 0 ? 'noncompliant' : 'compliant' }),
);
const NONCOMPLIANT = DEVICES.filter((d) => d.complianceState === 'noncompliant').map((d) => d.id);

async function collect(stream: AsyncIterable<ListedDevice>, onEach?: () => void): Promise<string[]> {
  const ids: string[] = [];
  for await (const { device } of stream) {
    ids.push(device.id);
    onEach?.();
  }
  return ids;
}

test('non-compliant devices stream page by page following nextLink', async () => {
  fx = await startFixture({ fake: { devices: DEVICES, pageSize: 2 } });
  const pagesFetched: number[] = [];
  const ids = await collect(fx.provider.listNoncompliant(), () => pagesFetched.push(fx.fake.count('GET', LIST)));
  assert.deepEqual(ids, NONCOMPLIANT);
  assert.equal(fx.fake.calls.find((c) => c.path === LIST)?.query.get('$filter'), "complianceState eq 'noncompliant'");
  // Streamed: the first device arrived after one page, not after the whole listing.
  assert.equal(pagesFetched[0], 1);
  assert.equal(fx.fake.count('GET', LIST), 2); // the filter halves 7 devices into 4 → 2 pages
});

test('when Graph ignores the filter, compliant devices it returns anyway are skipped', async () => {
  fx = await startFixture({ fake: { devices: DEVICES, pageSize: 3, ignoredFilters: ['complianceState'] } });
  assert.deepEqual(await collect(fx.provider.listNoncompliant()), NONCOMPLIANT);
  assert.equal(fx.fake.count('GET', LIST), 3);
});

test('resumeFrom continues right after the device, re-reading only the page it came from', async () => {
  fx = await startFixture({ fake: { devices: DEVICES, pageSize: 2 } });
  for (let n = 1; n <= NONCOMPLIANT.length; n++) {
    const entries = await take(fx.provider.listNoncompliant(), n);
    const before = fx.fake.count('GET', LIST);
    const rest = await collect(fx.provider.listNoncompliant({ resumeFrom: entries.at(-1)!.position }));
    assert.deepEqual(rest, NONCOMPLIANT.slice(n), `after ${n}`);
    // The page of the position, then what follows: never the pages before it. A device
    // that ended its page points at the next page, so its own page is not read again.
    assert.equal(fx.fake.count('GET', LIST) - before, n === 1 ? 2 : 1, `after ${n}`);
  }
});

test('resuming also works when Graph ignores the filter', async () => {
  fx = await startFixture({ fake: { devices: DEVICES, pageSize: 3, ignoredFilters: ['complianceState'] } });
  const [first, second] = await take(fx.provider.listNoncompliant(), 2);
  assert.deepEqual(await collect(fx.provider.listNoncompliant({ resumeFrom: second!.position })), NONCOMPLIANT.slice(2));
  assert.deepEqual(await collect(fx.provider.listNoncompliant({ resumeFrom: first!.position })), NONCOMPLIANT.slice(1));
});

test('a position whose device became compliant or was removed still resumes right after it', async () => {
  const devices = Array.from({ length: 9 }, (_, i) => graphDevice({ id: `d0000000-0000-4000-8000-00000000000${i}`, complianceState: 'noncompliant' }));
  const ids = devices.map((d) => d.id);
  for (const at of [0, 2, 3, 8]) {
    for (const change of ['compliant', 'removed'] as const) {
      fx = await startFixture({ fake: { devices, pageSize: 3 } });
      const entries = await take(fx.provider.listNoncompliant(), at + 1);
      if (change === 'compliant') fx.fake.devices.get(ids[at]!)!.complianceState = 'compliant';
      else fx.fake.devices.delete(ids[at]!);
      // And a device on an earlier page leaves too: its page's nextLink must still hold.
      if (at >= 3) fx.fake.devices.delete(ids[0]!);
      assert.deepEqual(await collect(fx.provider.listNoncompliant({ resumeFrom: entries.at(-1)!.position })), ids.slice(at + 1), `${change} at ${at}`);
      await fx.close();
    }
  }
  fx = await startFixture();
});

test('positions outside the listing are refused before any Graph call', async () => {
  fx = await startFixture({ fake: { devices: DEVICES, pageSize: 2 } });
  const [entry] = await take(fx.provider.listNoncompliant(), 1);
  const position = entry!.position;
  const prefix = position.slice(0, position.indexOf('/'));
  const page = position.slice(prefix.length);
  const query = page.slice(page.indexOf('?'));
  const host = new URL(fx.fake.url).host;
  const refused = [
    '',
    'abc',
    NONCOMPLIANT[0]!,
    `${prefix}`,
    `${prefix}https://evil.example${page}`,
    `${prefix}//evil.example${page}`,
    `${prefix}/\\evil.example${page}`,
    `${prefix}http://${host}${page}`,
    `${prefix}/v1.0/users${query}`,
    `${prefix}/v1.0/deviceManagement/managedDevices/${NONCOMPLIANT[0]}/syncDevice${query}`,
    `${prefix}/v1.0/deviceManagement/managedDevices/../../users${query}`,
    `${prefix}/v1.0/deviceManagement/managedDevices/%2e%2e/x${query}`,
    `${prefix}/V1.0/deviceManagement/managedDevices${query}`,
    `${prefix}/v1.0/deviceManagement/managedDevices${query}#x`,
    `${prefix}/v1.0/deviceManagement/managedDevices${query}&$expand=users`,
    `${prefix}/v1.0/deviceManagement/managedDevices${query}&$skiptoken=a&$skiptoken=b`,
    `${prefix}/v1.0/deviceManagement/managedDevices?$filter=complianceState%20eq%20%27compliant%27`,
    `${prefix}/v1.0/deviceManagement/managedDevices${query.replace('deviceName', 'notes')}`,
    `${prefix}/v1.0/deviceManagement/managedDevices${query}&$skiptoken=${'x'.repeat(2000)}`,
    position.replace(/^g1\.0\./, 'g1.123456.'),
    position.replace(/^g1\./, 'g2.'),
    position.replace(NONCOMPLIANT[0]!, NONCOMPLIANT[0]!.toUpperCase()),
    `${position} `,
    `${position}\n`,
  ];
  fx.fake.calls.length = 0;
  for (const resumeFrom of refused) {
    await assert.rejects(collect(fx.provider.listNoncompliant({ resumeFrom })), InvalidListingPositionError, JSON.stringify(resumeFrom));
  }
  assert.deepEqual(fx.fake.calls, []);
  // The genuine one still works.
  assert.deepEqual(await collect(fx.provider.listNoncompliant({ resumeFrom: position })), NONCOMPLIANT.slice(1));
});

test('a nextLink leaving the managedDevices listing is not followed', async () => {
  for (const elsewhere of ['/v1.0/users?$skiptoken=x', '/v1.0/deviceManagement/managedDevices?$expand=users&$skiptoken=x']) {
    fx = await startFixture({ fake: { devices: DEVICES, pageSize: 2 } });
    // Same origin, other resource: our token must not go there on Graph's say-so.
    fx.fake.rewriteNextLink = (link) => new URL(elsewhere, link).href;
    const seen: string[] = [];
    const run = async () => {
      for await (const { device } of fx.provider.listNoncompliant()) seen.push(device.id);
    };
    await assert.rejects(run(), ProviderUnavailableError);
    // Refused on arrival: no position ever names it.
    assert.deepEqual(seen, []);
    assert.deepEqual(
      fx.fake.calls.filter((c) => !c.path.endsWith('/token')).map((c) => c.path),
      [LIST],
    );
    await fx.close();
  }
  fx = await startFixture();
});

test('a page failing mid-stream ends the stream with ProviderUnavailableError', async () => {
  fx = await startFixture({ fake: { devices: DEVICES, pageSize: 2 } });
  const seen: string[] = [];
  const run = async () => {
    for await (const { device } of fx.provider.listNoncompliant()) {
      seen.push(device.id);
      // Graph starts refusing once the first page has been handed out.
      if (seen.length === 1) fx.fake.inject(LIST, { kind: 'status', status: 403 });
    }
  };
  await assert.rejects(run(), ProviderUnavailableError);
  assert.deepEqual(seen, NONCOMPLIANT.slice(0, 2));
});
