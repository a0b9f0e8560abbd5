import { ProviderUnavailableError } from '../../core/compliance/errors.js';
import type { Namespace, Stores } from '../../core/store/types.js';
import { describe, type IntuneLogger } from './intune-logger.js';
import { buildMacMap, type MacIndexBuilderOptions } from './mac-index-builder.js';
import { startOperation, withinOperation, type Operation } from './operation-budget.js';

export interface MacIndexOptions extends Omit<MacIndexBuilderOptions, 'ethernetMacs' | 'ethernetTtlMs'> {
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
    const map = await buildMacMap({ ...this.options, ethernetMacs: this.ethernetMacs, ethernetTtlMs: 7 * 86_400_000 }, op);
    const pairs = [...map];
    for (let i = 0; i < pairs.length; i += 100) {
      await Promise.all(pairs.slice(i, i + 100).map(([mac, ids]) => this.entries.set(mac, [...ids].sort(), ttl)));
    }
    await this.meta.set('meta', { builtAt: this.options.now() }, ttl);
    this.options.logger.info({ macs: map.size }, 'intune: MAC index rebuilt');
  }
}
