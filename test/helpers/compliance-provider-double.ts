import { InvalidListingPositionError, ProviderUnavailableError } from '../../src/core/compliance/errors.js';
import { normaliseIdentifier } from '../../src/core/device/identifier.js';
import type { ComplianceProvider, DeviceRef, LookupResult, ManagedDevice } from '../../src/core/compliance/types.js';

let sequence = 0;

/** A GUID whose order follows `n`, so listings in ID order follow creation order. */
export function sequentialGuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** A fully populated managed device; override what the test is about. */
export function buildDevice(overrides: Partial<ManagedDevice> = {}): ManagedDevice {
  const n = ++sequence;
  const mac = `A4AA${n.toString(16).toUpperCase().padStart(8, '0')}`;
  return {
    id: sequentialGuid(n),
    userId: '11111111-2222-4333-8444-555555555555',
    userPrincipalName: 'alice@example.com',
    deviceName: `Device ${n}`,
    operatingSystem: 'iOS',
    osVersion: '17.4.1',
    model: 'iPhone 15',
    manufacturer: 'Apple',
    serialNumber: `SN${n}`,
    imei: '356789012345678',
    meid: 'A1000012345678',
    udid: `udid-${n}`,
    wiFiMacAddress: mac,
    ethernetMacAddress: '',
    azureADDeviceId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    managedDeviceOwnerType: 'company',
    enrolledDateTime: '2026-01-10T09:00:00Z',
    lastSyncDateTime: '2026-11-27T08:00:00Z',
    complianceState: 'compliant',
    complianceGracePeriodExpirationDateTime: null,
    managementState: 'managed',
    ...overrides,
  };
}

export interface ProviderDoubleOptions {
  devices?: ManagedDevice[];
  /**
   * Replaces the device list for listings (e.g. a generator of 100k devices). Positions
   * are device ids, as in the local provider: `after` is the id to continue behind.
   */
  listing?: (after: string | undefined) => Iterable<ManagedDevice>;
  /** The listing throws ProviderUnavailableError after yielding this many devices. */
  failListingAfter?: number;
  /** Every call throws ProviderUnavailableError. */
  down?: boolean;
}

export type ProviderDouble = ComplianceProvider & { stats: { listings: number; pulled: number; closed: number; mostInOneListing: number } };

const GUID_POSITION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An in-memory ComplianceProvider that behaves like the contract says, and counts what it streamed. */
export function createProviderDouble(options: ProviderDoubleOptions = {}): ProviderDouble {
  const devices = options.devices ?? [];
  const stats = { listings: 0, pulled: 0, closed: 0, mostInOneListing: 0 };
  const unavailable = () => new ProviderUnavailableError('compliance backend down (test double)', { retryAfterSeconds: 7 });
  const defaultListing = (after: string | undefined) =>
    devices.filter((device) => device.complianceState === 'noncompliant' && (after === undefined || device.id > after)).sort((a, b) => (a.id < b.id ? -1 : 1));

  return {
    name: 'local',
    stats,
    async findDevice(ref: DeviceRef): Promise<LookupResult> {
      if (options.down) throw unavailable();
      const matches = devices.filter((device) =>
        ref.by === 'id' ? device.id === ref.id : device.wiFiMacAddress === ref.mac || device.ethernetMacAddress === ref.mac,
      );
      if (matches.length > 1) return { kind: 'ambiguous', deviceIds: matches.map((device) => device.id) };
      return matches[0] ? { kind: 'found', device: matches[0] } : { kind: 'notFound' };
    },
    async *listNoncompliant({ resumeFrom, signal } = {}) {
      stats.listings++;
      if (resumeFrom !== undefined && !GUID_POSITION.test(resumeFrom)) throw new InvalidListingPositionError('not a device id (test double)');
      if (options.down) throw unavailable();
      let inThisListing = 0;
      try {
        for (const device of (options.listing ?? defaultListing)(resumeFrom)) {
          signal?.throwIfAborted();
          if (options.failListingAfter !== undefined && stats.pulled >= options.failListingAfter) throw unavailable();
          stats.pulled++;
          stats.mostInOneListing = Math.max(stats.mostInOneListing, ++inThisListing);
          yield { device, position: device.id };
        }
      } finally {
        stats.closed++;
      }
    },
    async listUserDevices(userId) {
      if (options.down) throw unavailable();
      return devices.filter((device) => device.userId !== '' && device.userId === userId).sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    async findSnapshots(criterion) {
      if (options.down) throw unavailable();
      const key = criterion.by === 'id' || criterion.by === 'mac' ? undefined : normaliseIdentifier(criterion.by, criterion.value);
      return devices
        .filter((device) => {
          if (criterion.by === 'id') return device.id === criterion.id;
          if (criterion.by === 'mac') return device.wiFiMacAddress === criterion.mac || device.ethernetMacAddress === criterion.mac;
          return key !== undefined && normaliseIdentifier(criterion.by, device[criterion.by]) === key;
        })
        .map((device) => ({ device, reasons: [], facts: {}, observedAt: new Date().toISOString() }));
    },
    async *listSnapshots({ resumeFrom } = {}) {
      if (resumeFrom !== undefined && !GUID_POSITION.test(resumeFrom)) throw new InvalidListingPositionError('not a device id (test double)');
      if (options.down) throw unavailable();
      for (const device of [...devices].sort((a, b) => (a.id < b.id ? -1 : 1))) {
        if (resumeFrom === undefined || device.id > resumeFrom)
          yield { snapshot: { device, reasons: [], facts: {}, observedAt: new Date().toISOString() }, position: device.id };
      }
    },
    async beginEvaluation(deviceId) {
      return { deviceId, startedAt: new Date().toISOString(), syncRequested: false };
    },
    async pollEvaluation() {
      return { done: false };
    },
    async health() {
      return { ok: !options.down };
    },
  };
}
