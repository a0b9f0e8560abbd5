import { ProviderUnavailableError } from '../../core/compliance/errors.js';
import type { AtomicStore } from '../../core/store/types.js';

/**
 * Graph throttles per app and tenant, and says for how long in `Retry-After` (Microsoft
 * Graph throttling guidance: "wait the number of seconds specified in the Retry-After
 * header"; requests sent before then count against the limit and extend it). This keeps
 * that answer in the shared store, so no instance sends another read before the time is up:
 * they fail at once with the remaining wait instead.
 */
export class TenantThrottle {
  private readonly key: string;

  constructor(
    private readonly atomic: AtomicStore,
    tenantId: string,
  ) {
    this.key = `intune:throttled:${tenantId.toLowerCase()}`;
  }

  /** Throws ProviderUnavailableError with the seconds left while Graph asked us to wait. */
  async check(what: string): Promise<void> {
    const record = await this.atomic.read<{ until: number }>(this.key);
    // Wall clock: Retry-After is real time, whatever clock the rest of the code is given.
    const leftMs = (record?.value.until ?? 0) - Date.now();
    if (leftMs > 0) throw new ProviderUnavailableError(`${what}: Graph asked to wait (tenant throttled)`, { retryAfterSeconds: Math.ceil(leftMs / 1000) });
  }

  /** Remembers "wait `waitMs`" for every instance; a longer wait replaces a shorter one, never the reverse. */
  async remember(waitMs: number): Promise<void> {
    const until = Date.now() + waitMs;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const current = await this.atomic.read<{ until: number }>(this.key);
      if (current && current.value.until >= until) return;
      if (await this.atomic.compareAndSet(this.key, current?.version ?? 0, { until }, waitMs)) return;
    }
  }
}
