import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decide, type Verdict } from '../../src/core/visit/decide.js';
import { MANAGEMENT_STATES } from '../../src/core/compliance/management-state.js';
import type { ComplianceProvider } from '../../src/core/compliance/types.js';
import { createLocalProvider } from '../../src/providers/local/create-local-provider.js';
import { inventoryDeviceSchema } from '../../src/providers/local/inventory-schema.js';
import { loadPolicyFile } from '../../src/providers/local/policy-schema.js';
import { openMemoryStores } from '../../src/store/memory-stores.js';
import { graphDevice, policyState, settingState } from '../helpers/fake-graph/device-builder.js';
import { startFixture, type Fixture } from '../intune/provider-fixture.js';

/**
 * Issue #8 item 18: the local and the Intune provider reach the same decision for the same
 * facts. Each row describes one device the way both can: for Intune as Graph reports it
 * (complianceState, managementState, policy states), for the local engine as inventory
 * facts its demo policy turns into the same state. Every Intune managementState and
 * complianceState value appears; the three complianceStates only Intune can report
 * (conflict, error, configManager) are checked against the expected verdict alone.
 */
interface Row {
  name: string;
  intune: Record<string, unknown>;
  /** Intune's failing settings, as deviceCompliancePolicyStates. */
  failing?: Array<[setting: string, currentValue: string]>;
  /** Inventory fields for the local provider; undefined when the local engine cannot express it. */
  local?: Record<string, unknown>;
  expect: { status: Verdict['status']; outcome: Verdict['outcome']; codes: string[] };
}

const GOOD_FACTS = { passcodeSet: true, encrypted: true, jailBroken: false };
const graceDeadline = () => new Date(Date.now() + 3 * 86_400_000).toISOString();

const ROWS: Row[] = [
  { name: 'compliant', intune: { complianceState: 'compliant' }, local: { facts: GOOD_FACTS }, expect: { status: 'allowed', outcome: 'compliant', codes: [] } },
  {
    name: 'noncompliant (encryption off)',
    intune: { complianceState: 'noncompliant' },
    failing: [['IosCompliancePolicy.storageRequireEncryption', 'false']],
    local: { facts: { ...GOOD_FACTS, encrypted: false } },
    expect: { status: 'blocked', outcome: 'noncompliant', codes: ['ENCRYPTION_REQUIRED'] },
  },
  {
    name: 'unknown (never evaluated)',
    intune: { complianceState: 'unknown', lastSyncDateTime: '0001-01-01T00:00:00Z' },
    local: { lastSyncDateTime: null, facts: GOOD_FACTS },
    expect: { status: 'blocked', outcome: 'unknownState', codes: ['STATE_UNKNOWN'] },
  },
  {
    name: 'inGracePeriod (encryption off, deadline ahead)',
    intune: { complianceState: 'inGracePeriod', complianceGracePeriodExpirationDateTime: graceDeadline() },
    failing: [['IosCompliancePolicy.storageRequireEncryption', 'false']],
    local: { complianceGracePeriodExpirationDateTime: graceDeadline(), facts: { ...GOOD_FACTS, encrypted: false } },
    expect: { status: 'allowed', outcome: 'gracePeriod', codes: ['IN_GRACE_PERIOD', 'ENCRYPTION_REQUIRED'] },
  },
  {
    name: 'conflict (Intune only)',
    intune: { complianceState: 'conflict' },
    expect: { status: 'blocked', outcome: 'noncompliant', codes: ['COMPLIANCE_ERROR'] },
  },
  { name: 'error (Intune only)', intune: { complianceState: 'error' }, expect: { status: 'blocked', outcome: 'noncompliant', codes: ['COMPLIANCE_ERROR'] } },
  {
    name: 'configManager (Intune only)',
    intune: { complianceState: 'configManager' },
    expect: { status: 'blocked', outcome: 'noncompliant', codes: ['CONFIGMGR_NONCOMPLIANT'] },
  },
  ...MANAGEMENT_STATES.map((state): Row => {
    const managed = state === 'managed' || state === 'retireCanceled' || state === 'wipeCanceled';
    return {
      name: `managementState ${state} (otherwise compliant)`,
      intune: { complianceState: 'compliant', managementState: state },
      local: { managementState: state, facts: GOOD_FACTS },
      expect: managed ? { status: 'allowed', outcome: 'compliant', codes: [] } : { status: 'blocked', outcome: 'noncompliant', codes: ['DEVICE_RETIRING'] },
    };
  }),
];

const idOf = (i: number) => `0f1e2d3c-4b5a-4978-8796-${String(i).padStart(12, '0')}`;
const BASE = { operatingSystem: 'iOS', osVersion: '17.5.1', deviceName: 'Test iPhone', userId: '2b1c4a52-5d0e-4c3a-9f1e-7a6b5c4d3e21' };

/** What the portal would decide: the provider's evaluation through the one decision policy. */
async function verdictOf(provider: ComplianceProvider, deviceId: string): Promise<Verdict> {
  const found = await provider.findDevice({ by: 'id', id: deviceId });
  assert.equal(found.kind, 'found', `${provider.name} finds ${deviceId}`);
  // No sync: a ticket that asks for a fresh read only, as a re-check inside the sync limit does.
  const progress = await provider.pollEvaluation({ deviceId, startedAt: new Date().toISOString(), syncRequested: false }, { deadline: Date.now() + 10_000 });
  assert.ok(progress.done);
  return decide(progress.evaluation, { graceAllows: true });
}

const summary = (verdict: Verdict) => ({ status: verdict.status, outcome: verdict.outcome, codes: verdict.reasons.map((r) => r.code) });

describe('local and Intune providers agree on the same facts', () => {
  let intune: Fixture;
  let local: ReturnType<typeof createLocalProvider>;
  before(async () => {
    intune = await startFixture({
      fake: {
        devices: ROWS.map((row, i) => graphDevice({ id: idOf(i), ...BASE, lastSyncDateTime: new Date().toISOString(), ...row.intune })),
        policyStates: Object.fromEntries(
          ROWS.flatMap((row, i) =>
            row.failing
              ? [
                  [
                    idOf(i),
                    [
                      policyState(
                        `p-${i}`,
                        'iOS baseline',
                        'nonCompliant',
                        row.failing.map(([s, v]) => settingState(s, s, 'nonCompliant', v)),
                      ),
                    ],
                  ],
                ]
              : [],
          ),
        ),
      },
    });
    local = createLocalProvider({ stores: openMemoryStores(), policy: loadPolicyFile('config/demo/policy.json') });
    for (const [i, row] of ROWS.entries()) {
      if (!row.local) continue;
      await local.inventory.put(inventoryDeviceSchema.parse({ id: idOf(i), ...BASE, lastSyncDateTime: new Date().toISOString(), ...row.local }));
    }
  });
  after(() => intune.close());

  for (const [i, row] of ROWS.entries()) {
    it(row.name, async () => {
      const fromIntune = summary(await verdictOf(intune.provider, idOf(i)));
      assert.deepEqual(fromIntune, row.expect, 'intune');
      if (!row.local) return;
      const fromLocal = summary(await verdictOf(local, idOf(i)));
      assert.deepEqual(fromLocal, fromIntune, 'local and intune disagree');
    });
  }
});
