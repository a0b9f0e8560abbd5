import type { Namespace, Stores } from '../../core/store/types.js';
import type { GraphClient } from './graph-client.js';
import { describe, type IntuneLogger } from './intune-logger.js';
import { remainingMs, withinOperation, type Operation } from './operation-budget.js';

/** A policy's OS version bounds by lower-cased property name: `{ osminimumversion: '10.0.22631.2861' }`. */
export type PolicyVersionBounds = Readonly<Record<string, string>>;

/**
 * The version properties of Graph v1.0's compliance policies: windows10CompliancePolicy
 * (osMinimumVersion, osMaximumVersion, mobileOsMinimumVersion, mobileOsMaximumVersion),
 * iosCompliancePolicy and macOSCompliancePolicy (osMinimum/MaximumVersion, plus
 * osMinimum/MaximumBuildVersion), the Android policies (osMinimum/MaximumVersion). The
 * failing setting names the same property (`Windows10CompliancePolicy.osMinimumVersion`).
 */
export const VERSION_PROPERTY = /^(mobile)?os(minimum|maximum)(build)?version$/;

const POLICIES_PATH = '/v1.0/deviceManagement/deviceCompliancePolicies';
/** Versions are short ("10.0.22631.2861", "20E252"); anything longer is not one. */
const MAX_VERSION_LENGTH = 64;
/** After a failed read (not a 403) nobody tries again for this long: a visit should not wait on it twice. */
const FAILURE_HOLD_MS = 60_000;
/** Less than this left of the caller's budget: not worth starting a read. */
const MIN_READ_MS = 200;

/** What a PolicyVersionReader reads with (Graph), keeps its results in (the shared store) and for how long. */
export interface PolicyVersionReaderOptions {
  graph: GraphClient;
  stores: Stores;
  tenantId: string;
  /** How long a policy's bounds (and a 403) are reused by every instance. */
  cacheMs: number;
  /** At most this much of a visit's time budget goes to one policy read. */
  readBudgetMs: number;
  logger: IntuneLogger;
  /** Wall clock (ms) the cached records are dated with; the store's TTL only cleans up. */
  now: () => number;
}

/** Own string properties named like an OS version bound, trimmed and lower-cased by name. */
function versionBounds(body: unknown): Record<string, string> {
  const bounds: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return bounds;
  for (const [name, value] of Object.entries(body)) {
    const property = name.toLowerCase();
    const text = typeof value === 'string' ? value.trim() : '';
    if (VERSION_PROPERTY.test(property) && text !== '' && text.length <= MAX_VERSION_LENGTH) bounds[property] = text;
  }
  return bounds;
}

/**
 * Reads what a compliance policy requires of the OS version: Graph v1.0
 * `GET /deviceManagement/deviceCompliancePolicies/{id}` (permission
 * DeviceManagementConfiguration.Read.All). Policies change rarely and one read serves every
 * device, so the bounds are kept per tenant in the shared store for `cacheMs`. A policy Graph
 * does not know (404) is remembered as stating no bound.
 *
 * Never throws: the bounds only add to a reason the visit already has. A 403 (the app lacks
 * the permission) is remembered for `cacheMs`, any other failure (throttled, 5xx, timeout,
 * store error) for a minute; each kind is logged once until a read succeeds again.
 */
export class PolicyVersionReader {
  private readonly bounds: Namespace<{ bounds: Record<string, string>; until: number }>;
  private readonly holds: Namespace<{ reason: 'forbidden' | 'failed'; until: number }>;
  private readonly tenant: string;
  private readonly inFlight = new Map<string, Promise<PolicyVersionBounds | undefined>>();
  private readonly warned = new Set<string>();

  constructor(private readonly options: PolicyVersionReaderOptions) {
    this.bounds = options.stores.namespace('intune-policy-versions');
    this.holds = options.stores.namespace('intune-policy-hold');
    this.tenant = options.tenantId.toLowerCase();
  }

  /** The bounds `policyId` (a normalised GUID) states, or undefined when they cannot be known now. */
  async read(policyId: string, op: Operation): Promise<PolicyVersionBounds | undefined> {
    try {
      const now = this.options.now();
      if (((await this.holds.get(this.tenant))?.until ?? 0) > now) return undefined;
      const cached = await this.bounds.get(`${this.tenant}:${policyId}`);
      if (cached && cached.until > now) return cached.bounds;
      if (remainingMs(op) < MIN_READ_MS) return undefined;
      // One read per policy per instance at a time: a crowd behind one policy waits for the same answer.
      let pending = this.inFlight.get(policyId);
      if (!pending) {
        pending = this.fetch(policyId, { deadline: Math.min(op.deadline, performance.now() + this.options.readBudgetMs), signal: op.signal });
        this.inFlight.set(policyId, pending);
        void pending.finally(() => this.inFlight.delete(policyId)).catch(() => {});
      }
      return await withinOperation(pending, op, 'compliance policy read');
    } catch (error) {
      // The visit's own deadline or abort is not the policy endpoint's fault: hold nobody back for it.
      if (remainingMs(op) > 0 && !op.signal?.aborted) await this.hold('failed', FAILURE_HOLD_MS);
      this.warnOnce('failed', { policyId, err: describe(error) }, 'intune: could not read a compliance policy; showing the current OS version only');
      return undefined;
    }
  }

  private async fetch(policyId: string, op: Operation): Promise<PolicyVersionBounds | undefined> {
    const response = await this.options.graph.send('GET', `${POLICIES_PATH}/${encodeURIComponent(policyId)}`, op, { pass: [403] });
    if (response.status === 403) {
      await this.hold('forbidden', this.options.cacheMs);
      this.warnOnce(
        'forbidden',
        { policyId },
        'intune: Graph refused to read compliance policies (403); pages show the current OS version without the required one — grant DeviceManagementConfiguration.Read.All (see docs/intune-setup.md)',
      );
      return undefined;
    }
    const bounds = response.status === 404 ? {} : versionBounds(response.body);
    await this.bounds.set(`${this.tenant}:${policyId}`, { bounds, until: this.options.now() + this.options.cacheMs }, this.options.cacheMs);
    this.warned.clear();
    return bounds;
  }

  private async hold(reason: 'forbidden' | 'failed', ttlMs: number): Promise<void> {
    await this.holds.set(this.tenant, { reason, until: this.options.now() + ttlMs }, ttlMs).catch(() => {});
  }

  private warnOnce(kind: string, details: object, message: string): void {
    if (this.warned.has(kind)) return;
    this.warned.add(kind);
    this.options.logger.warn(details, message);
  }
}
