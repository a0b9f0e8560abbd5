import { openMemoryStores } from '../../src/store/memory-stores.js';
import type { Stores } from '../../src/core/store/types.js';
import { createIntuneProvider, type IntuneProvider, type IntuneProviderOptions } from '../../src/providers/intune/create-intune-provider.js';
import { FakeGraph, type FakeGraphOptions } from '../helpers/fake-graph/fake-graph-server.js';

/** A wall clock tests move by hand: TTLs, rate limits and deadlines without sleeping. */
export class ManualClock {
  constructor(public t = Date.now()) {}
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface Fixture {
  fake: FakeGraph;
  provider: IntuneProvider;
  stores: Stores;
  clock: ManualClock;
  /** Every log line the provider wrote, serialised, for "never logs secrets" checks. */
  logs: string[];
  /** A second provider instance on the same fake Graph and the same stores (another replica). */
  anotherInstance(): IntuneProvider;
  close(): Promise<void>;
}

/** A fake Graph on 127.0.0.1 and a provider pointed at it: short back-off, no device cache, a manual clock. */
export async function startFixture(options: { fake?: FakeGraphOptions; provider?: Partial<IntuneProviderOptions>; stores?: Stores } = {}): Promise<Fixture> {
  const fake = await FakeGraph.start(options.fake);
  // The first fetch in a process loads the HTTP client; keep that cost out of timed tests.
  await (await fetch(`${fake.url}/warm-up`)).text();
  fake.calls.length = 0;
  const clock = new ManualClock();
  const stores = options.stores ?? openMemoryStores({ now: clock.now });
  const logs: string[] = [];
  const log = (level: string) => (obj: object, msg: string) => logs.push(JSON.stringify({ level, msg, ...obj }));
  const instances: IntuneProvider[] = [];
  const build = () => {
    const instance = createIntuneProvider({
      tenantId: fake.tenantId,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      authorityUrl: fake.url,
      graphBaseUrl: fake.url,
      stores,
      syncMinIntervalMs: 300_000,
      // Far beyond what a busy machine needs: a test about these bounds sets its own, and
      // makes the fake never answer rather than racing the bound against real work.
      requestTimeoutMs: 60_000,
      totalBudgetMs: 120_000,
      maxConcurrency: 4,
      macIndexRefreshMs: 600_000,
      macMissRefreshMinMs: 30_000,
      deviceCacheMs: 0,
      retryBaseDelayMs: 20,
      logger: { info: log('info'), warn: log('warn'), error: log('error') },
      now: clock.now,
      ...options.provider,
    });
    instances.push(instance);
    return instance;
  };
  const provider = build();
  return {
    fake,
    provider,
    stores,
    clock,
    logs,
    anotherInstance: build,
    async close() {
      for (const instance of instances) instance.close();
      await fake.close();
    },
  };
}
