import type { Stores } from '../../core/store/types.js';
import { InvalidListingPositionError } from '../../core/compliance/errors.js';
import { normaliseGuid } from '../../core/device/guid.js';
import { identifierKey } from '../../core/device/identifier.js';
import type {
  ComplianceProvider,
  DeviceRef,
  DeviceSnapshot,
  EvaluationProgress,
  EvaluationTicket,
  ListedDevice,
  ListedSnapshot,
  LookupResult,
  ManagedDevice,
  SnapshotCriterion,
} from '../../core/compliance/types.js';
import { evaluateDevice, toManagedDevice } from './evaluate-device.js';
import { InventoryRepository } from './inventory-repository.js';
import type { InventoryDevice } from './inventory-schema.js';
import { NoncomplianceIndex } from './noncompliance-index.js';
import type { PolicyFile } from './policy-schema.js';

const PAGE = 200;

/**
 * The default provider: inventory in the store, policies from a file, evaluation by a
 * pure function. Re-evaluation is immediate, so `pollEvaluation` is always done.
 */
export function createLocalProvider(options: {
  stores: Stores;
  policy: PolicyFile;
  now?: () => number;
}): ComplianceProvider & { inventory: InventoryRepository; noncompliant: NoncomplianceIndex } {
  const now = options.now ?? Date.now;
  const inventory = new InventoryRepository(options.stores);
  const noncompliant = new NoncomplianceIndex(options.stores, inventory.namespace, options.policy, now);
  inventory.listen(noncompliant);

  const evaluated = (device: InventoryDevice) => toManagedDevice(device, evaluateDevice(device, options.policy, now()));

  /** The device evaluated now: a local snapshot is always fresh. */
  const snapshotOf = (device: InventoryDevice): DeviceSnapshot => {
    const evaluation = evaluateDevice(device, options.policy, now());
    const { facts } = device;
    return {
      device: toManagedDevice(device, evaluation),
      reasons: evaluation.reasons,
      // Windows reports disk encryption as BitLocker; the other platforms as `encrypted`.
      facts: { encrypted: facts.encrypted ?? facts.bitLockerEnabled, passcodeSet: facts.passcodeSet, jailBroken: facts.jailBroken },
      observedAt: evaluation.evaluatedAt,
    };
  };

  const idsFor = async (criterion: SnapshotCriterion, limit: number): Promise<string[]> => {
    if (criterion.by === 'id') return normaliseGuid(criterion.id) ? [normaliseGuid(criterion.id)!] : [];
    if (criterion.by === 'mac') return inventory.idsByMac(criterion.mac, limit);
    const key = identifierKey(criterion);
    return key === undefined ? [] : inventory.idsByIdentifier(key, limit);
  };

  /** Pages of stored devices in id order, strictly after `after`. */
  async function* devicesAfter(after: string | undefined, signal: AbortSignal | undefined): AsyncGenerator<InventoryDevice> {
    for (;;) {
      signal?.throwIfAborted();
      const ids = await inventory.idsAfter(after, PAGE);
      if (ids.length === 0) return;
      for (const device of await inventory.getMany(ids)) if (device) yield device;
      after = ids[ids.length - 1];
    }
  }

  const checkPosition = (resumeFrom: string | undefined) => {
    // Inventory ids are lower-case GUIDs (inventory-schema.ts); a position is one of them.
    if (resumeFrom !== undefined && normaliseGuid(resumeFrom) !== resumeFrom) {
      throw new InvalidListingPositionError('not a position in the local listing');
    }
  };

  return {
    name: 'local',
    inventory,
    noncompliant,

    async findDevice(ref: DeviceRef): Promise<LookupResult> {
      const ids = ref.by === 'id' ? [ref.id] : await inventory.idsByMac(ref.mac);
      const devices = (await inventory.getMany(ids)).filter((d) => d !== undefined);
      if (devices.length === 0) return { kind: 'notFound' };
      if (devices.length > 1) return { kind: 'ambiguous', deviceIds: devices.map((d) => d.id) };
      return { kind: 'found', device: evaluated(devices[0]!) };
    },

    async beginEvaluation(deviceId: string): Promise<EvaluationTicket> {
      return { deviceId, startedAt: new Date(now()).toISOString(), syncRequested: false };
    },

    async pollEvaluation(ticket: EvaluationTicket): Promise<EvaluationProgress> {
      const device = await inventory.get(ticket.deviceId);
      if (!device)
        return {
          done: true,
          evaluation: {
            deviceId: ticket.deviceId,
            complianceState: 'unknown',
            reasons: [{ code: 'NOT_ENROLLED' }],
            evaluatedAt: new Date(now()).toISOString(),
            stale: false,
          },
        };
      return { done: true, evaluation: evaluateDevice(device, options.policy, now()) };
    },

    /**
     * In device-id order, from the non-compliance index (noncompliance-index.ts): devices
     * whose state changed by time alone are re-evaluated first, and every candidate is
     * evaluated again here, so the answer is what evaluateDevice says at this moment. The
     * position is the device id: the index ranges strictly after it, so it resumes
     * correctly even once that device is compliant or deleted.
     */
    async *listNoncompliant(listOptions: { resumeFrom?: string; signal?: AbortSignal } = {}): AsyncIterable<ListedDevice> {
      const { resumeFrom, signal } = listOptions;
      checkPosition(resumeFrom);
      await noncompliant.catchUp();
      let after = resumeFrom;
      for (;;) {
        signal?.throwIfAborted();
        const ids = await noncompliant.candidates(after, PAGE);
        if (ids.length === 0) return;
        for (const device of await inventory.getMany(ids)) {
          if (!device) continue;
          const managed = evaluated(device);
          if (managed.complianceState === 'noncompliant') yield { device: managed, position: managed.id };
        }
        after = ids[ids.length - 1];
      }
    },

    async listUserDevices(userId: string, listOptions: { limit?: number } = {}): Promise<ManagedDevice[]> {
      if (!userId) return [];
      const ids = await inventory.idsByUser(userId, listOptions.limit ?? 50);
      const devices = await inventory.getMany(ids);
      // The index may lag a reassignment by one write; the record itself is the truth.
      return devices.filter((d): d is InventoryDevice => d !== undefined && d.userId === userId).map(evaluated);
    },

    async findSnapshots(criterion: SnapshotCriterion, findOptions: { limit?: number } = {}): Promise<DeviceSnapshot[]> {
      const ids = await idsFor(criterion, findOptions.limit ?? 5);
      const devices = await inventory.getMany(ids);
      return devices.filter((d): d is InventoryDevice => d !== undefined).map(snapshotOf);
    },

    /** Every device in id order, evaluated now; the position is the device id, as in listNoncompliant. */
    async *listSnapshots(listOptions: { resumeFrom?: string; signal?: AbortSignal } = {}): AsyncIterable<ListedSnapshot> {
      checkPosition(listOptions.resumeFrom);
      for await (const device of devicesAfter(listOptions.resumeFrom, listOptions.signal)) yield { snapshot: snapshotOf(device), position: device.id };
    },

    async health() {
      try {
        await options.stores.ping();
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },
  };
}
