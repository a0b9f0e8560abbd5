import { ProviderUnavailableError } from '../../core/compliance/errors.js';
import { normaliseGuid } from '../../core/device/guid.js';
import type { AtomicStore } from '../../core/store/types.js';
import type { Evaluation, EvaluationProgress, EvaluationTicket, ManagedDevice } from '../../core/compliance/types.js';
import type { DeviceReader } from './device-reader.js';
import type { GraphClient } from './graph-client.js';
import type { IntuneLogger } from './intune-logger.js';
import { devicePath } from './graph-device.js';
import type { Operation } from './operation-budget.js';
import { graphPages } from './paged-listing.js';
import type { PolicyVersionReader } from './policy-version-reader.js';
import { settingFindings, stateReasons, type SettingFinding } from './reason-mapper.js';
import { withRequiredVersions } from './required-versions.js';
import type { SnapshotStore } from './snapshot-store.js';

export interface EvaluationFlowOptions {
  graph: GraphClient;
  reader: DeviceReader;
  /** What a failing OS version setting's policy requires (read only for such settings). */
  policies: PolicyVersionReader;
  atomic: AtomicStore;
  syncMinIntervalMs: number;
  now: () => number;
  /** Refreshed with every finished evaluation, so ISE sees what the portal just saw. */
  snapshots?: SnapshotStore;
  logger?: IntuneLogger;
}

/** Compliant and not-yet-evaluated devices have no failing settings to explain. */
const NO_SETTING_REASONS = new Set(['compliant', 'unknown']);

function requireId(deviceId: string): string {
  const id = normaliseGuid(deviceId);
  if (!id) throw new ProviderUnavailableError('not an Intune device id');
  return id;
}

/**
 * Re-evaluation through a device sync. The ticket is plain data so any instance can
 * continue a poll that another started; the per-device claim is shared through the store
 * so a crowd pressing "Check again" sends Intune at most one sync per interval.
 */
export class EvaluationFlow {
  constructor(private readonly options: EvaluationFlowOptions) {}

  async begin(deviceId: string, op: Operation): Promise<EvaluationTicket> {
    const id = requireId(deviceId);
    const startedAt = new Date(this.options.now()).toISOString();
    const key = `intune:sync:${id}`;
    const claim = await this.options.atomic.claim(key, startedAt, this.options.syncMinIntervalMs);
    if (!claim.claimed) return { deviceId: id, startedAt, syncRequested: false };
    let response;
    try {
      response = await this.options.graph.send('POST', `${devicePath(id)}/syncDevice`, op);
    } catch (error) {
      // The sync never happened: the next re-check may try again instead of waiting out the limit.
      await this.options.atomic.release(key, startedAt).catch(() => {});
      if (error instanceof ProviderUnavailableError && error.options.throttled) return this.throttled(id, startedAt, error.options.retryAfterSeconds);
      throw error;
    }
    if (response.status === 404) throw new ProviderUnavailableError('device to sync is no longer enrolled');
    this.options.reader.forget(id);
    return { deviceId: id, startedAt, syncRequested: true };
  }

  /**
   * Intune throttles syncDevice on its own while reading the device still works. Rather
   * than hiding what can be shown behind a 503, the evaluation goes on from a fresh read,
   * marked as possibly out of date, and the next sync for this device is held back until
   * Graph's `Retry-After` (or the usual interval when Graph names none) has passed.
   */
  private async throttled(id: string, startedAt: string, retryAfterSeconds: number | undefined): Promise<EvaluationTicket> {
    const holdMs = retryAfterSeconds !== undefined ? Math.max(1000, retryAfterSeconds * 1000) : this.options.syncMinIntervalMs;
    await this.options.atomic.claim(`intune:sync:${id}`, startedAt, holdMs).catch(() => {});
    this.options.logger?.warn({ deviceId: id, retryAfterSeconds }, 'intune: syncDevice throttled; deciding from a fresh read, marked possibly out of date');
    return { deviceId: id, startedAt, syncRequested: false, syncThrottled: true };
  }

  async poll(ticket: EvaluationTicket, deadline: number, op: Operation): Promise<EvaluationProgress> {
    const id = requireId(ticket.deviceId);
    // Always a fresh read: a re-check inside the sync limit must still see Intune's current state.
    const device = await this.options.reader.read(id, op, { fresh: true });
    // No device means no evaluation to report; failing closed keeps the decision pending.
    if (!device) throw new ProviderUnavailableError('device is no longer enrolled');
    const synced = !ticket.syncRequested || isAfter(device.lastSyncDateTime, ticket.startedAt);
    if (!synced && this.options.now() < deadline) return { done: false };
    return { done: true, evaluation: await this.evaluate(device, !synced || ticket.syncThrottled === true, op) };
  }

  /** The snapshot is a cache: failing to refresh it must not fail the person's evaluation. */
  private async refreshSnapshot(device: ManagedDevice, reasons: Evaluation['reasons']): Promise<void> {
    const snapshots = this.options.snapshots;
    if (!snapshots) return;
    try {
      const previous = await snapshots.get(device.id);
      // Single reads do not carry the listing's facts or the learnt wired MAC: keep those.
      const merged = { ...device, ethernetMacAddress: device.ethernetMacAddress || (previous?.device.ethernetMacAddress ?? '') };
      await snapshots.put({ device: merged, reasons, facts: previous?.facts ?? {}, observedAt: new Date(this.options.now()).toISOString() }, previous);
    } catch {
      // Next listing or evaluation writes it again.
    }
  }

  private async evaluate(device: ManagedDevice, stale: boolean, op: Operation): Promise<Evaluation> {
    const reasons = stateReasons(device);
    if (!NO_SETTING_REASONS.has(device.complianceState)) {
      const findings: SettingFinding[] = [];
      for await (const page of graphPages(this.options.graph, `${devicePath(device.id)}/deviceCompliancePolicyStates`, () => op)) {
        findings.push(...settingFindings(page));
      }
      reasons.push(...(await withRequiredVersions(findings, (policyId, o) => this.options.policies.read(policyId, o), op)));
    }
    const evaluation: Evaluation = {
      deviceId: device.id,
      complianceState: device.complianceState,
      reasons,
      // Graph exposes no evaluation time; the last check-in is when Intune last evaluated.
      evaluatedAt: device.lastSyncDateTime ?? new Date(this.options.now()).toISOString(),
      stale,
    };
    if (device.complianceState === 'inGracePeriod' && device.complianceGracePeriodExpirationDateTime) {
      evaluation.graceDeadline = device.complianceGracePeriodExpirationDateTime;
    }
    await this.refreshSnapshot(device, reasons);
    return evaluation;
  }
}

function isAfter(value: string | null, reference: string): boolean {
  return value !== null && Date.parse(value) > Date.parse(reference);
}
