import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComplianceProvider } from '../../src/core/compliance/types.js';
import type { Stores } from '../../src/core/store/types.js';
import type { IntuneSettings } from '../../src/providers/intune/intune-plugin.js';
import type { LocalSettings } from '../../src/providers/local/local-plugin.js';
import type { ProviderInstance } from '../../src/providers/provider-plugin.js';
import { providerPlugin } from '../../src/providers/registry.js';
import { openMemoryStores } from '../../src/store/memory-stores.js';
import { graphDevice, policyState, settingState } from '../helpers/fake-graph/device-builder.js';
import { FakeGraph } from '../helpers/fake-graph/fake-graph-server.js';

/**
 * One device as the contract tests think of it; each fixture writes it into its backend
 * in that backend's own terms (local: inventory facts under a policy; Intune: Graph's state).
 */
export interface SeedDevice {
  /** Lower-case GUID. */
  id: string;
  /** 12 upper-case hex digits. */
  wiFiMacAddress: string;
  /** `unknown`: never checked in / never evaluated. */
  state: 'compliant' | 'noncompliant' | 'unknown';
}

/** A provider built through the registry, on a backend seeded with `devices`. */
export interface ProviderFixture {
  provider: ComplianceProvider;
  /** Makes the backend stop answering (store or Graph), for the health case. */
  breakBackend(): void;
  close(): Promise<void>;
}

export interface ProviderBackend {
  name: string;
  start(devices: SeedDevice[]): Promise<ProviderFixture>;
}

const logger = { info() {}, warn() {}, error() {} };
/** The primary user every seeded device belongs to. */
export const USER = '2b1c4a52-5d0e-4c3a-9f1e-7a6b5c4d3e21';
const LAST_SYNC = () => new Date(Date.now() - 3_600_000).toISOString();

function tempFile(name: string, value: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'vestibule-provider-contract-')), name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

/** Memory stores whose ping fails once `broken` is set: the local provider's backend is the store. */
function breakableStores(): { stores: Stores; break(): void } {
  const inner = openMemoryStores();
  let broken = false;
  const stores = new Proxy(inner, {
    get(target, key, receiver) {
      if (key === 'ping') return async () => (broken ? Promise.reject(new Error('store unreachable')) : target.ping());
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return {
    stores,
    break: () => {
      broken = true;
    },
  };
}

/** `local`: an iOS policy requiring a passcode; compliance is whether the inventory says one is set. */
const local: ProviderBackend = {
  name: 'local',
  async start(devices) {
    const policy = {
      checkinValidityDays: 30,
      devicesWithoutPolicy: 'noncompliant',
      requireUserExistence: true,
      policies: [{ id: 'ios', displayName: 'iOS baseline', platform: 'iOS', settings: { passcodeRequired: true } }],
    };
    const inventory = {
      devices: devices.map((d) => ({
        id: d.id,
        userId: USER,
        operatingSystem: 'iOS',
        osVersion: '17.4',
        wiFiMacAddress: d.wiFiMacAddress,
        lastSyncDateTime: d.state === 'unknown' ? null : LAST_SYNC(),
        facts: { passcodeSet: d.state === 'compliant' },
      })),
    };
    const settings: LocalSettings = {
      inventoryFile: tempFile('inventory.json', inventory),
      policyFile: tempFile('policy.json', policy),
      inventoryApiKey: undefined,
    };
    const backend = breakableStores();
    const instance = await providerPlugin('local').create(settings, { stores: backend.stores, logger });
    return fixture(instance, backend.stores, () => backend.break());
  },
};

/** `intune`: the fake Graph on 127.0.0.1, two devices a page so listings cross pages. */
const intune: ProviderBackend = {
  name: 'intune',
  async start(devices) {
    const fake = await FakeGraph.start({
      pageSize: 2,
      syncDelayMs: 20,
      // The same policy as the local backend's: an iOS passcode, not set on the non-compliant devices.
      policyStates: Object.fromEntries(
        devices
          .filter((d) => d.state === 'noncompliant')
          .map((d) => [
            d.id,
            [
              policyState('ios', 'iOS baseline', 'nonCompliant', [
                settingState('IosCompliancePolicy.passcodeRequired', 'Require a password', 'nonCompliant', 'false'),
              ]),
            ],
          ]),
      ),
      devices: devices.map((d) =>
        graphDevice({
          id: d.id,
          userId: USER,
          operatingSystem: 'iOS',
          osVersion: '17.4',
          wiFiMacAddress: d.wiFiMacAddress,
          complianceState: d.state,
          lastSyncDateTime: d.state === 'unknown' ? null : LAST_SYNC(),
        }),
      ),
    });
    const settings: IntuneSettings = {
      tenantId: fake.tenantId,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      clientCertificateFile: undefined,
      authorityUrl: fake.url,
      graphBaseUrl: fake.url,
      syncMinIntervalMs: 300_000,
    };
    const stores = openMemoryStores();
    const instance = await providerPlugin('intune').create(settings, { stores, logger });
    const result = fixture(instance, stores, () => fake.inject(/\/managedDevices$/, { kind: 'status', status: 403 }, { method: 'GET' }));
    return { ...result, close: async () => (await result.close(), await fake.close()) };
  },
};

function fixture(instance: ProviderInstance, stores: Stores, breakBackend: () => void): ProviderFixture {
  return {
    provider: instance.provider,
    breakBackend,
    async close() {
      instance.close();
      await stores.close();
    },
  };
}

/** Every registered provider with a backend the tests can seed. */
export const providerBackends: ProviderBackend[] = [local, intune];
