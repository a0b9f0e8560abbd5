/**
 * A target's "I am listening" line for the runner (lib/target-process.ts): one line on
 * stderr, `BENCH-READY ` followed by JSON. Kept apart from the runner's module so a
 * target does not install the runner's exit hooks.
 */
export function ready(info: unknown): void {
  process.stderr.write(`BENCH-READY ${JSON.stringify(info)}\n`);
}
