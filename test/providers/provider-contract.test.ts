import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { InvalidListingPositionError, ProviderUnavailableError } from '../../src/core/compliance/errors.js';
import {
  MAX_LISTING_POSITION_LENGTH,
  type ComplianceProvider,
  type Evaluation,
  type EvaluationTicket,
  type ListedDevice,
  type ListedSnapshot,
} from '../../src/core/compliance/types.js';
import { providerBackends, USER, type ProviderFixture, type SeedDevice } from './provider-fixtures.js';

const ID = {
  compliant: '0a000000-0000-4000-8000-000000000001',
  noncompliant: '0a000000-0000-4000-8000-000000000002',
  sharedMacA: '0a000000-0000-4000-8000-000000000003',
  sharedMacB: '0a000000-0000-4000-8000-000000000004',
  noncompliant2: '0a000000-0000-4000-8000-000000000005',
  neverEvaluated: '0a000000-0000-4000-8000-000000000006',
  noncompliant3: '0a000000-0000-4000-8000-000000000007',
};
const MAC = { compliant: 'AABBCC000001', noncompliant: 'AABBCC000002', shared: 'AABBCC000003', unknown: 'AABBCC0000FF' };

/** The same devices in every backend: two share a Wi-Fi MAC, one never checked in, four are non-compliant. */
const DEVICES: SeedDevice[] = [
  { id: ID.compliant, wiFiMacAddress: MAC.compliant, state: 'compliant' },
  { id: ID.noncompliant, wiFiMacAddress: MAC.noncompliant, state: 'noncompliant' },
  { id: ID.sharedMacA, wiFiMacAddress: MAC.shared, state: 'noncompliant' },
  { id: ID.sharedMacB, wiFiMacAddress: MAC.shared, state: 'compliant' },
  { id: ID.noncompliant2, wiFiMacAddress: 'AABBCC000005', state: 'noncompliant' },
  { id: ID.neverEvaluated, wiFiMacAddress: 'AABBCC000006', state: 'unknown' },
  { id: ID.noncompliant3, wiFiMacAddress: 'AABBCC000007', state: 'noncompliant' },
];
const NONCOMPLIANT = DEVICES.filter((d) => d.state === 'noncompliant').map((d) => d.id);

async function list(provider: ComplianceProvider, resumeFrom?: string): Promise<ListedDevice[]> {
  const entries: ListedDevice[] = [];
  for await (const entry of provider.listNoncompliant(resumeFrom === undefined ? {} : { resumeFrom })) {
    entries.push(entry);
    assert.ok(entries.length <= DEVICES.length, 'a listing never repeats devices');
  }
  return entries;
}

/** Polls until done; bounded (a provider that never finishes fails the test instead of hanging it). */
async function pollToDone(provider: ComplianceProvider, ticket: EvaluationTicket, deadline = Date.now() + 60_000): Promise<Evaluation> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const progress = await provider.pollEvaluation(ticket, { deadline });
    if (progress.done) return progress.evaluation;
    await delay(50);
  }
  assert.fail('the evaluation never finished');
}

/** Retries while the provider says its snapshot is not built yet (Intune builds it in the background); bounded. */
async function eventually<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof ProviderUnavailableError)) throw error;
      await delay(50);
    }
  }
  assert.fail('the snapshot never became readable');
}

async function listSnapshots(provider: ComplianceProvider, resumeFrom?: string): Promise<ListedSnapshot[]> {
  const entries: ListedSnapshot[] = [];
  for await (const entry of provider.listSnapshots(resumeFrom === undefined ? {} : { resumeFrom })) {
    entries.push(entry);
    assert.ok(entries.length <= DEVICES.length, 'a listing never repeats devices');
  }
  return entries;
}

for (const backend of providerBackends) {
  describe(`compliance provider contract on ${backend.name}`, () => {
    let fx: ProviderFixture;
    before(async () => {
      fx = await backend.start(DEVICES);
    });
    after(() => fx.close());

    it('finds a device by its id, with its compliance state', async () => {
      const result = await fx.provider.findDevice({ by: 'id', id: ID.compliant });
      assert.equal(result.kind, 'found');
      assert.equal(result.kind === 'found' && result.device.id, ID.compliant);
      assert.equal(result.kind === 'found' && result.device.wiFiMacAddress, MAC.compliant);
      assert.equal(result.kind === 'found' && result.device.complianceState, 'compliant');
    });

    it('finds a device by its Wi-Fi MAC', async () => {
      const result = await fx.provider.findDevice({ by: 'mac', mac: MAC.noncompliant });
      assert.equal(result.kind === 'found' && result.device.id, ID.noncompliant);
      assert.equal(result.kind === 'found' && result.device.complianceState, 'noncompliant');
    });

    it('reports a MAC two devices share as ambiguous, naming both, never as the first match', async () => {
      const result = await fx.provider.findDevice({ by: 'mac', mac: MAC.shared });
      assert.equal(result.kind, 'ambiguous');
      assert.deepEqual(result.kind === 'ambiguous' && [...result.deviceIds].sort(), [ID.sharedMacA, ID.sharedMacB]);
    });

    it('reports an unknown id, an unknown MAC and a malformed id as not found', async () => {
      assert.deepEqual(await fx.provider.findDevice({ by: 'id', id: '0a000000-0000-4000-8000-0000000000ff' }), { kind: 'notFound' });
      assert.deepEqual(await fx.provider.findDevice({ by: 'mac', mac: MAC.unknown }), { kind: 'notFound' });
      assert.deepEqual(await fx.provider.findDevice({ by: 'id', id: "x' or 1 eq 1" }), { kind: 'notFound' });
    });

    it('begins an evaluation and polls it to done with the device state and its reasons', async () => {
      const ticket = await fx.provider.beginEvaluation(ID.noncompliant);
      assert.equal(ticket.deviceId, ID.noncompliant);
      assert.ok(!Number.isNaN(Date.parse(ticket.startedAt)));
      const evaluation = await pollToDone(fx.provider, ticket);
      assert.equal(evaluation.deviceId, ID.noncompliant);
      assert.equal(evaluation.complianceState, 'noncompliant');
      assert.equal(evaluation.stale, false);
      assert.ok(evaluation.reasons.length > 0, 'a non-compliant device comes with a reason');
      const compliant = await pollToDone(fx.provider, await fx.provider.beginEvaluation(ID.compliant));
      assert.equal(compliant.complianceState, 'compliant');
    });

    it('keeps a never-evaluated device unknown, and never turns a known state into unknown', async () => {
      const found = await fx.provider.findDevice({ by: 'id', id: ID.neverEvaluated });
      assert.equal(found.kind === 'found' && found.device.complianceState, 'unknown');
      const unknown = await pollToDone(fx.provider, await fx.provider.beginEvaluation(ID.neverEvaluated));
      assert.equal(unknown.complianceState, 'unknown');
      // Deadline already passed: whatever the backend has not finished, the answer is the last known state.
      const ticket = await fx.provider.beginEvaluation(ID.noncompliant2);
      const known = await pollToDone(fx.provider, ticket, Date.now() - 1);
      assert.equal(known.complianceState, 'noncompliant');
    });

    it('lists every non-compliant device once, and resumes right after a position', async () => {
      const all = await list(fx.provider);
      assert.deepEqual(all.map((e) => e.device.id).sort(), [...NONCOMPLIANT].sort());
      for (const entry of all) {
        assert.equal(entry.device.complianceState, 'noncompliant');
        assert.match(entry.position, /^[\x21-\x7e]+$/);
        assert.ok(entry.position.length <= MAX_LISTING_POSITION_LENGTH);
      }
      const resumed = await list(fx.provider, all[1]!.position);
      assert.deepEqual(
        resumed.map((e) => e.device.id),
        all.slice(2).map((e) => e.device.id),
      );
      assert.deepEqual(await list(fx.provider, all.at(-1)!.position), [], 'nothing after the last one');
      await assert.rejects(list(fx.provider, 'not a position'), InvalidListingPositionError);
    });

    it("lists a user's own devices and nobody else's", async () => {
      const mine = await fx.provider.listUserDevices(USER);
      assert.deepEqual(mine.map((d) => d.id).sort(), DEVICES.map((d) => d.id).sort());
      assert.deepEqual(await fx.provider.listUserDevices('7f3e9d1c-2a4b-4c6d-8e0f-1a2b3c4d5e6f'), []);
      assert.deepEqual(await fx.provider.listUserDevices(''), []);
    });

    it('answers snapshots by MAC and by id from the store, with the state; unknown identifiers match nothing', async () => {
      const byMac = await eventually(() => fx.provider.findSnapshots({ by: 'mac', mac: MAC.noncompliant }));
      assert.deepEqual(
        byMac.map((s) => [s.device.id, s.device.complianceState]),
        [[ID.noncompliant, 'noncompliant']],
      );
      assert.ok(!Number.isNaN(Date.parse(byMac[0]!.observedAt)), 'says how fresh it is');
      const byId = await fx.provider.findSnapshots({ by: 'id', id: ID.compliant });
      assert.deepEqual(
        byId.map((s) => s.device.complianceState),
        ['compliant'],
      );
      const shared = await fx.provider.findSnapshots({ by: 'mac', mac: MAC.shared });
      assert.deepEqual(shared.map((s) => s.device.id).sort(), [ID.sharedMacA, ID.sharedMacB]);
      assert.deepEqual(await fx.provider.findSnapshots({ by: 'mac', mac: MAC.unknown }), []);
      assert.deepEqual(await fx.provider.findSnapshots({ by: 'id', id: 'not-a-guid' }), []);
      assert.deepEqual(await fx.provider.findSnapshots({ by: 'imei', value: '000000000000000' }), []);
    });

    it('lists every snapshot once in a stable order, resumes after a position, refuses a made-up one', async () => {
      const all = await eventually(() => listSnapshots(fx.provider));
      assert.deepEqual(
        all.map((e) => e.snapshot.device.id),
        DEVICES.map((d) => d.id).sort(),
      );
      const rest = await listSnapshots(fx.provider, all[2]!.position);
      assert.deepEqual(
        rest.map((e) => e.snapshot.device.id),
        all.slice(3).map((e) => e.snapshot.device.id),
      );
      await assert.rejects(listSnapshots(fx.provider, 'not a position'), InvalidListingPositionError);
    });

    it('reports health: ok while the backend answers, not ok with a detail when it does not', async () => {
      assert.deepEqual(await fx.provider.health(), { ok: true });
      fx.breakBackend();
      const health = await fx.provider.health();
      assert.equal(health.ok, false);
      assert.ok(health.detail && health.detail.length > 0);
    });
  });
}
