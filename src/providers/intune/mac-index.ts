import { ProviderUnavailableError } from '../../core/compliance/errors.js';
import type { Namespace, Stores } from '../../core/store/types.js';
import { describe, type IntuneLogger } from './intune-logger.js';
import { buildMacMap, type MacIndexBuilderOptions } from './mac-index-builder.js';
import { startOperation, withinOperation, type Operation } from './operation-budget.js';
import { stateReasons } from './reason-mapper.js';
import type { SnapshotStore } from './snapshot-store.js';

export interface MacIndexOptions extends Omit<MacIndexBuilderOptions, 'ethernetMacs' | 'ethernetTtlMs' | 'onPage'> {
  /** Fed from the same listing on every rebuild (the compliance snapshot ISE reads). */
  snapshots?: SnapshotStore;
  stores: Stores;
  refreshMs: number;
  /** At most one rebuild per this interval across all instances, however many misses. */
  missRefreshMinMs: number;
  buildBudgetMs: number;
  now: () => number;
  logger: IntuneLogger;
}

const REFRESH_CLAIM = 'intune:mac-index:refresh';

/**
 * MAC → Intune device ids, kept in the shared store so every instance uses one index and
 * a lookup is one key read, never a scan of the tenant. Rebuilt when older than
 * `refreshMs` (in the background) and on a miss (awaited), both rate-limited by a shared
 * claim and single-flight within the process. Entries outlive two refresh periods so a
 * failed rebuild does not empty the index; callers verify each candidate against Graph.
 */
export class MacIndex {
  private readonly entries: Namespace<string[]>;
  private readonly meta: Namespace<{ builtAt: number }>;
  private readonly ethernetMacs: Namespace<string>;
  private building: Promise<boolean> | undefined;
  private readonly closing = new AbortController();

  constructor(private readonly options: MacIndexOptions) {
    this.entries = options.stores.namespace('intune-mac-index');
    this.meta = options.stores.namespace('intune-mac-index-meta');
    this.ethernetMacs = options.stores.namespace('intune-ethernet-mac');
  }

  /** Candidate device ids for a canonical MAC (possibly stale: verify them). */
  async lookup(mac: string, op: Operation): Promise<string[]> {
    const meta = await this.meta.get('meta');
    if (!meta) {
      if (!(await this.rebuild(op))) throw new ProviderUnavailableError('MAC index is being built elsewhere');
      return (await this.entries.get(mac)) ?? [];
    }
    const age = this.options.now() - meta.builtAt;
    if (age >= this.options.refreshMs) {
      // Stale-while-revalidate: this lookup uses the current index, the rebuild runs behind it.
      this.rebuild(undefined).catch((error) => this.options.logger.warn({ err: describe(error) }, 'intune: MAC index refresh failed'));
    }
    const ids = await this.entries.get(mac);
    if (ids?.length || age < this.options.missRefreshMinMs) return ids ?? [];
    return (await this.rebuild(op)) ? ((await this.entries.get(mac)) ?? []) : [];
  }

  /**
   * Candidate ids for a MAC from the index as it is, never waiting on Graph: for callers
   * with a latency budget (ISE). Starts a background rebuild when the index is old or
   * missing, so steady querying keeps it (and the snapshot) within `refreshMs`.
   */
  async peek(mac: string): Promise<string[]> {
    this.refreshIfStale().catch(() => {});
    return (await this.entries.get(mac)) ?? [];
  }

  /** Starts a background rebuild when the index is older than `refreshMs` or was never built. */
  async refreshIfStale(): Promise<void> {
    const meta = await this.meta.get('meta');
    if (meta && this.options.now() - meta.builtAt < this.options.refreshMs) return;
    this.rebuild(undefined).catch((error) => this.options.logger.warn({ err: describe(error) }, 'intune: MAC index refresh failed'));
  }

  close(): void {
    this.closing.abort();
  }

  /**
   * Starts or joins a rebuild if the shared claim allows one: true once a rebuild finished
   * for this caller to read, false when another instance (or a recent rebuild) holds the
   * claim. Without `op` the caller does not wait.
   */
  private async rebuild(op: Operation | undefined): Promise<boolean> {
    // Assigned synchronously so concurrent callers in this process join one claim and build.
    this.building ??= this.claimAndBuild().finally(() => {
      this.building = undefined;
    });
    const building = this.building;
    if (!op) return building;
    return withinOperation(building, op, 'MAC index refresh');
  }

  private async claimAndBuild(): Promise<boolean> {
    const token = `${this.options.now()}:${Math.random()}`;
    const claim = await this.options.stores.atomic.claim(REFRESH_CLAIM, token, this.options.missRefreshMinMs);
    if (!claim.claimed) return false;
    try {
      await this.build();
    } catch (error) {
      // A failed build must not lock every instance out until the claim expires.
      await this.options.stores.atomic.release(REFRESH_CLAIM, token).catch(() => {});
      throw error;
    }
    return true;
  }

  private async build(): Promise<void> {
    const op = startOperation(this.options.buildBudgetMs, this.closing.signal);
    const ttl = Math.max(this.options.refreshMs * 2, this.options.missRefreshMinMs * 2, 60_000);
    const snapshots = this.options.snapshots;
    const seen = new Set<string>();
    const observedAt = new Date(this.options.now()).toISOString();
    const onPage: MacIndexBuilderOptions['onPage'] = snapshots
      ? async (devices) => {
          await Promise.all(
            devices.map(async ({ device, facts }) => {
              seen.add(device.id);
              const previous = await snapshots.get(device.id);
              // Reasons from the last portal evaluation stay while the state they explain holds.
              const keepReasons = previous && previous.device.complianceState === device.complianceState && previous.reasons.length > 0;
              await snapshots.put({ device, facts, reasons: keepReasons ? previous.reasons : stateReasons(device), observedAt }, previous);
            }),
          );
        }
      : undefined;
    const map = await buildMacMap({ ...this.options, onPage, ethernetMacs: this.ethernetMacs, ethernetTtlMs: 7 * 86_400_000 }, op);
    if (snapshots) {
      // Only a complete listing may say which devices are gone.
      await snapshots.keepOnly(seen);
      await snapshots.markBuilt(this.options.now());
    }
    const pairs = [...map];
    for (let i = 0; i < pairs.length; i += 100) {
      await Promise.all(pairs.slice(i, i + 100).map(([mac, ids]) => this.entries.set(mac, [...ids].sort(), ttl)));
    }
    await this.meta.set('meta', { builtAt: this.options.now() }, ttl);
    this.options.logger.info({ macs: map.size }, 'intune: MAC index rebuilt');
  }
}
