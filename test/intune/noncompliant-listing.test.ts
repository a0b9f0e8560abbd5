import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ProviderUnavailableError } from '../../src/compliance/errors.js';
import type { ManagedDevice } from '../../src/compliance/types.js';
import { graphDevice } from '../helpers/fake-graph/device-builder.js';
import { startFixture, type Fixture } from './provider-fixture.js';

let fx: Fixture;
afterEach(() => fx.close());
const LIST = '/v1.0/deviceManagement/managedDevices';

/** Seven devices, four of them non-compliant, interleaved so every page mixes states. */
const DEVICES = Array.from({ length: 7 }, (_, i) =>
  graphDevice({ id: `b0000000-0000-4000-8000-00000000000${i}`, complianceState: i % 2 === 0 ? 'noncompliant' : 'compliant' }),
);
const NONCOMPLIANT = DEVICES.filter((d) => d.complianceState === 'noncompliant').map((d) => d.id);

async function collect(stream: AsyncIterable<ManagedDevice>, onEach?: () => void): Promise<string[]> {
  const ids: string[] = [];
  for await (const device of stream) {
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

test('after resumes behind the given device id', async () => {
  fx = await startFixture({ fake: { devices: DEVICES, pageSize: 2 } });
  assert.deepEqual(await collect(fx.provider.listNoncompliant({ after: NONCOMPLIANT[1] })), NONCOMPLIANT.slice(2));
});

test('a resume cursor that vanished from the listing fails instead of returning a partial list as complete', async () => {
  fx = await startFixture({ fake: { devices: DEVICES, pageSize: 2 } });
  await assert.rejects(collect(fx.provider.listNoncompliant({ after: 'c0000000-0000-4000-8000-000000000000' })), ProviderUnavailableError);
});

test('a page failing mid-stream ends the stream with ProviderUnavailableError', async () => {
  fx = await startFixture({ fake: { devices: DEVICES, pageSize: 2 } });
  const seen: string[] = [];
  const run = async () => {
    for await (const device of fx.provider.listNoncompliant()) {
      seen.push(device.id);
      // Graph starts refusing once the first page has been handed out.
      if (seen.length === 1) fx.fake.inject(LIST, { kind: 'status', status: 403 });
    }
  };
  await assert.rejects(run(), ProviderUnavailableError);
  assert.deepEqual(seen, NONCOMPLIANT.slice(0, 2));
});
