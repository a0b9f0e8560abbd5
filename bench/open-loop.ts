/**
 * The p99 target (≤ 20 ms at 2,000 req/s): each hot path at a fixed request rate, open
 * loop, bare express first as the reference. The client runs in its own process pinned to
 * the load CPU (bench/lib/open-loop-worker.ts), the servers on the other.
 *
 *   npm run bench -- open-loop [--rate 2000] [--seconds 10] [--stores sqlite,redis] [--only …]
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { hotPaths } from './lib/hot-paths.js';
import type { OpenLoopResult } from './lib/open-loop-client.js';
import { withTargetPair } from './lib/target-pair.js';
import { LOAD_CPU, pinned } from './lib/target-process.js';

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL('./lib/open-loop-worker.ts', import.meta.url));

async function drive(url: string, rate: number, seconds: number, headers: Record<string, string>): Promise<OpenLoopResult> {
  const [command, args] = pinned(LOAD_CPU, [process.execPath, '--import', 'tsx', WORKER, JSON.stringify({ url, rate, seconds, headers })]);
  const { stdout } = await run(command, args, { timeout: (seconds + 60) * 1000 });
  return JSON.parse(stdout) as OpenLoopResult;
}

const row = (name: string, r: OpenLoopResult) =>
  console.log(
    `${name.padEnd(32)} ${r.achievedRate.toFixed(0).padStart(6)} ${r.p50Ms.toFixed(1).padStart(7)} ${r.p90Ms.toFixed(1).padStart(7)} ${r.p99Ms.toFixed(1).padStart(7)} ${r.maxMs.toFixed(0).padStart(7)}  ${r.errors}${
      r.errors
        ? ` (${Object.entries(r.errorKinds)
            .map(([kind, n]) => `${kind}: ${n}`)
            .join(', ')})`
        : ''
    }`,
  );

export async function openLoop(options: { stores: string[]; rate: number; seconds: number; only?: string; nodeFlags?: string[] }): Promise<void> {
  console.log(`open loop: ${options.rate} req/s for ${options.seconds} s per path; latency from the scheduled send time`);
  for (const store of options.stores) {
    await withTargetPair(store, options.nodeFlags, async (bare, vestibule) => {
      console.log(`\nstore: ${vestibule.info.store}`);
      console.log(
        `${'path'.padEnd(32)} ${'rate'.padStart(6)} ${'p50'.padStart(7)} ${'p90'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}  errors   (ms)`,
      );
      row('bare express 5', await drive(`${bare.info.url}/`, options.rate, options.seconds, {}));
      for (const path of hotPaths(vestibule.info)) {
        if (options.only && !path.name.includes(options.only)) continue;
        await drive(`${vestibule.info.url}${path.path}`, options.rate, 1, path.headers); // warm-up
        row(path.name, await drive(`${vestibule.info.url}${path.path}`, options.rate, options.seconds, path.headers));
      }
    });
  }
}
