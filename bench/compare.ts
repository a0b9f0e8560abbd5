/**
 * Bare express 5 vs Vestibule, closed loop: both run as separate processes pinned to one
 * CPU, wrk pinned to the other drives them in turn — bare, Vestibule, bare, Vestibule… —
 * so machine load hits both sides of each pair alike. Prints per path and store the
 * median ratio of the pairs, Vestibule's median p99 and any errors.
 *
 *   npm run bench -- compare [--stores sqlite,redis] [--rounds 5] [--seconds 5] [--connections 64] [--baseline express|express-born]
 */
import { hotPaths } from './lib/hot-paths.js';
import { withTargetPair, type Baseline } from './lib/target-pair.js';
import { cpuMs, median, wrk, type WrkResult } from './lib/wrk.js';

export interface CompareOptions {
  stores: string[];
  rounds: number;
  seconds: number;
  connections: number;
  only?: string;
  nodeFlags?: string[];
  /** `express` (default, issue #12's baseline) or `express-born` (bare express with Vestibule's server classes). */
  baseline?: Baseline;
}

export async function compare(options: CompareOptions): Promise<void> {
  const baseline = options.baseline ?? 'express';
  console.log(
    `closed loop: wrk -t1 -c${options.connections}, ${options.rounds} alternating pairs of ${options.seconds} s per path; baseline: bare ${baseline}`,
  );
  for (const store of options.stores) {
    await withTargetPair(
      store,
      options.nodeFlags,
      async (bare, vestibule) => {
        console.log(`\nstore: ${vestibule.info.store}`);
        console.log(
          `${'path'.padEnd(32)} ${'bare req/s'.padStart(10)} ${'vest req/s'.padStart(10)} ${'ratio'.padStart(6)} ${'p99 ms'.padStart(7)} ${'cpu µs'.padStart(6)} ${'cpu ratio'.padStart(8)}  pairs  errors`,
        );
        for (const path of hotPaths(vestibule.info)) {
          if (options.only && !path.name.includes(options.only)) continue;
          const run = (url: string, headers: Record<string, string>, seconds = options.seconds) =>
            wrk(url, { seconds, connections: options.connections, headers });
          // CPU µs the server spent per request during one run (load-independent, unlike req/s).
          const measure = async (pid: number, url: string, headers: Record<string, string>): Promise<WrkResult & { cpuUs: number }> => {
            const before = cpuMs(pid);
            const result = await run(url, headers);
            const after = cpuMs(pid);
            return { ...result, cpuUs: before === undefined || after === undefined ? Number.NaN : ((after - before) * 1000) / result.requests };
          };
          // Warm-up: JIT, connection setup, first store pages.
          await run(`${bare.info.url}/`, {}, 1);
          await run(`${vestibule.info.url}${path.path}`, path.headers, 1);
          const ratios: number[] = [];
          const bareRates: number[] = [];
          const rates: number[] = [];
          const p99s: number[] = [];
          const cpuRatios: number[] = [];
          const cpus: number[] = [];
          let errors = 0;
          for (let round = 0; round < options.rounds; round += 1) {
            const baseline = await measure(bare.process.pid!, `${bare.info.url}/`, {});
            const measured = await measure(vestibule.process.pid!, `${vestibule.info.url}${path.path}`, path.headers);
            cpuRatios.push(baseline.cpuUs / measured.cpuUs);
            cpus.push(measured.cpuUs);
            ratios.push(measured.rps / baseline.rps);
            bareRates.push(baseline.rps);
            rates.push(measured.rps);
            p99s.push(measured.p99Ms);
            errors += measured.errors + baseline.errors;
          }
          const cells = [
            median(bareRates).toFixed(0).padStart(10),
            median(rates).toFixed(0).padStart(10),
            `${median(ratios).toFixed(2)}×`.padStart(6),
            median(p99s).toFixed(1).padStart(7),
            median(cpus).toFixed(0).padStart(6),
            `${median(cpuRatios).toFixed(2)}×`.padStart(8),
          ];
          console.log(`${path.name.padEnd(32)} ${cells.join(' ')}  ${ratios.map((r) => r.toFixed(2)).join(' ')}  ${errors}`);
        }
      },
      baseline,
    );
  }
}
