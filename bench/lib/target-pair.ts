import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchRedisEnv, type VestibuleInfo } from './hot-paths.js';
import { startTarget, type Target } from './target-process.js';

/** The Vestibule target's store settings for `store` (`sqlite`: a fresh file; `redis`: a prefix nobody else uses). */
export function storeEnv(store: string): Record<string, string> {
  if (store === 'redis') return benchRedisEnv();
  if (store === 'sqlite') return { STORE_URL: `sqlite://${join(mkdtempSync(join(tmpdir(), 'vestibule-bench-')), 'bench.sqlite')}` };
  throw new Error(`unknown store ${store}: use sqlite or redis`);
}

/** The baselines bare express can be: as the issue measured it, or with the server classes Vestibule uses. */
export type Baseline = 'express' | 'express-born';

/** `--baseline` as given, checked. */
export function parseBaseline(value: string | undefined): Baseline {
  if (value === undefined || value === 'express' || value === 'express-born') return value ?? 'express';
  throw new Error(`unknown baseline ${value}: use express or express-born`);
}

/**
 * Starts bare express (`baseline`) and Vestibule on `store` (with `nodeFlags`, e.g. --cpu-prof), runs
 * `use` against the pair, and stops both afterwards, also when `use` or the second start
 * throws. The comparisons (compare, open-loop) measure both sides of each pair this way.
 */
export async function withTargetPair(
  store: string,
  nodeFlags: string[] | undefined,
  use: (bare: Target<{ url: string }>, vestibule: Target<VestibuleInfo>) => Promise<void>,
  baseline: Baseline = 'express',
): Promise<void> {
  const bare = await startTarget<{ url: string }>('bare', baseline === 'express-born' ? { BARE_BORN: '1' } : {});
  try {
    const vestibule = await startTarget<VestibuleInfo>('vestibule', storeEnv(store), nodeFlags);
    try {
      await use(bare, vestibule);
    } finally {
      await vestibule.stop();
    }
  } finally {
    await bare.stop();
  }
}
