import { createHash } from 'node:crypto';
import type { AtomicStore, Namespace, Stores } from '../../core/store/types.js';
import { evaluateDevice } from './evaluate-device.js';
import type { InventoryDevice } from './inventory-schema.js';
import { nextEvaluationChange } from './next-change.js';
import type { PolicyFile } from './policy-schema.js';

/** Device ids evaluated non-compliant when last looked at, in id order (the listing's order and position). */
const NONCOMPLIANT = 'inventory:noncompliant';
/** `<time, 15 digits>:<device id>`: when a device's evaluation can next change by time alone (next-change.ts). */
const DUE = 'inventory:due';
const ALL_DEVICES = 'inventory:ids';
const BATCH = 500;

const dueMember = (at: number, id: string) => `${String(at).padStart(15, '0')}:${id}`;
const dueTime = (member: string) => Number(member.slice(0, 15));

/**
 * The local provider's non-compliance index, kept in the store beside the inventory so
 * every instance sharing the store sees it:
 *
 * - NONCOMPLIANT holds the ids that were non-compliant at their last evaluation, so a
 *   page of the bulk listing reads ~pageSize devices instead of evaluating every device
 *   between two non-compliant ones;
 * - DUE holds, per device, the next moment its evaluation can change with no write
 *   (check-in going stale, grace expiring). `catchUp(now)` re-evaluates exactly the
 *   devices whose moment has come, before each listing, so time-dependent states are
 *   never missed.
 *
 * Writes (put/delete through InventoryRepository) update both. The listing still
 * evaluates every candidate at read time, so a stale member (e.g. from two instances
 * racing) can only cost a skipped device, never show a compliant one; with today's rules
 * time only moves devices *into* non-compliance, which catchUp adds.
 *
 * The index depends on the policy file: the policy's digest is stored with it, and a
 * different policy (or none yet) rebuilds it from the inventory once, on first use.
 */
export class NoncomplianceIndex {
  private readonly atomic: AtomicStore;
  private readonly meta: Namespace<{ policyDigest: string }>;
  private readonly policyDigest: string;
  private ready: Promise<void> | undefined;

  constructor(
    stores: Stores,
    private readonly devices: Namespace<InventoryDevice>,
    private readonly policy: PolicyFile,
    private readonly now: () => number,
  ) {
    this.atomic = stores.atomic;
    this.meta = stores.namespace('inventory-meta');
    this.policyDigest = createHash('sha256').update(JSON.stringify(policy)).digest('hex');
  }

  /** Resolves once the index matches the current policy (rebuilding it on first use if not). */
  whenReady(): Promise<void> {
    this.ready ??= this.rebuildIfNeeded().catch((error: unknown) => {
      this.ready = undefined; // a store outage must not poison the index for good
      throw error;
    });
    return this.ready;
  }

  /** Records a device's current evaluation; `previous` is the record it replaced. */
  async update(device: InventoryDevice, previous: InventoryDevice | undefined): Promise<void> {
    await this.whenReady();
    await this.place(device, previous, this.now());
  }

  async remove(device: InventoryDevice): Promise<void> {
    await this.whenReady();
    await this.atomic.removeFromIndex(NONCOMPLIANT, [device.id]);
    const due = nextEvaluationChange(device, this.policy, this.now());
    if (due !== Infinity) await this.atomic.removeFromIndex(DUE, [dueMember(due, device.id)]);
  }

  /** Re-evaluates the devices whose due moment is at or before `now`. Bounded by the number of due devices. */
  async catchUp(now: number = this.now()): Promise<void> {
    await this.whenReady();
    for (;;) {
      const members = await this.atomic.rangeIndex(DUE, { limit: BATCH });
      const due = members.filter((member) => dueTime(member) <= now);
      if (due.length === 0) return;
      const ids = due.map((member) => member.slice(16));
      const devices = await this.devices.getMany(ids);
      await this.atomic.removeFromIndex(DUE, due);
      for (const device of devices) if (device) await this.place(device, undefined, now);
      if (due.length < members.length) return;
    }
  }

  /** Up to `limit` candidate ids strictly after `after`, in id order; call catchUp first. */
  candidates(after: string | undefined, limit: number): Promise<string[]> {
    return this.atomic.rangeIndex(NONCOMPLIANT, { after, limit });
  }

  private async place(device: InventoryDevice, previous: InventoryDevice | undefined, now: number): Promise<void> {
    if (previous) {
      const previousDue = nextEvaluationChange(previous, this.policy, now);
      if (previousDue !== Infinity) await this.atomic.removeFromIndex(DUE, [dueMember(previousDue, previous.id)]);
    }
    const noncompliant = evaluateDevice(device, this.policy, now).complianceState === 'noncompliant';
    if (noncompliant) await this.atomic.addToIndex(NONCOMPLIANT, [device.id]);
    else await this.atomic.removeFromIndex(NONCOMPLIANT, [device.id]);
    const due = nextEvaluationChange(device, this.policy, now);
    if (due !== Infinity) await this.atomic.addToIndex(DUE, [dueMember(due, device.id)]);
  }

  private async rebuildIfNeeded(): Promise<void> {
    if ((await this.meta.get('noncompliance-index'))?.policyDigest === this.policyDigest) return;
    for (const index of [NONCOMPLIANT, DUE]) {
      for (
        let members = await this.atomic.rangeIndex(index, { limit: BATCH });
        members.length > 0;
        members = await this.atomic.rangeIndex(index, { limit: BATCH })
      ) {
        await this.atomic.removeFromIndex(index, members);
      }
    }
    const now = this.now();
    let after: string | undefined;
    for (;;) {
      const ids = await this.atomic.rangeIndex(ALL_DEVICES, { after, limit: BATCH });
      if (ids.length === 0) break;
      for (const device of await this.devices.getMany(ids)) if (device) await this.place(device, undefined, now);
      after = ids[ids.length - 1];
    }
    await this.meta.set('noncompliance-index', { policyDigest: this.policyDigest }, 'forever');
  }
}
