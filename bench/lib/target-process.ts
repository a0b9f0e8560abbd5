/**
 * Starts a benchmark target (a bare express app or Vestibule) as its own process, pinned
 * to one CPU with `taskset` when the machine has it, and waits for the target's ready
 * line. The target prints `BENCH-READY {json}` on stderr; its stdout (the request log)
 * goes to /dev/null, so logging costs what it costs in production without filling a pipe.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const HAS_TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const TSX_LOADER = 'tsx';

/** CPU for the server and CPU for the load generator: different ones when there are two. */
export const SERVER_CPU = '0';
export const LOAD_CPU = availableParallelism() > 1 ? '1' : '0';

/** Prefixes argv with `taskset -c <cpu>` when taskset exists; otherwise runs it unpinned. */
export function pinned(cpu: string, argv: string[]): [string, string[]] {
  return HAS_TASKSET ? ['taskset', ['-c', cpu, ...argv]] : [argv[0]!, argv.slice(1)];
}

export interface Target<Info> {
  info: Info;
  process: ChildProcess;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
// A crash or Ctrl-C of the runner must not leave servers behind.
for (const signal of ['exit', 'SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of live) child.kill('SIGKILL');
    if (signal !== 'exit') process.exit(130);
  });
}

/**
 * Runs bench/targets/<name>.ts under node (+tsx) with `env`, pinned to SERVER_CPU.
 * `nodeFlags` go before the script (e.g. --cpu-prof). Rejects if the target exits or
 * stays silent for 60 s (the machine may be loaded; startup includes the dev IdP).
 */
export async function startTarget<Info>(name: string, env: Record<string, string> = {}, nodeFlags: string[] = []): Promise<Target<Info>> {
  const script = fileURLToPath(new URL(`../targets/${name}.ts`, import.meta.url));
  const [command, args] = pinned(SERVER_CPU, [process.execPath, '--import', TSX_LOADER, ...nodeFlags, script]);
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  live.add(child);
  const lines = createInterface({ input: child.stderr });
  const info = await new Promise<Info>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: no ready line within 60 s`)), 60_000);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    lines.on('line', (line) => {
      if (line.startsWith('BENCH-READY ')) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('BENCH-READY '.length)) as Info);
      } else if (line.trim()) {
        process.stderr.write(`[${name}] ${line}\n`);
      }
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    live.delete(child);
    throw error;
  });
  return {
    info,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      live.delete(child);
    },
  };
}
