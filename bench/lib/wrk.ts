/**
 * Drives a URL with `wrk` (Debian's wrk 4, closed loop) pinned to the load CPU and reads
 * its summary: requests per second, p99 latency, errors and non-2xx/3xx answers.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { LOAD_CPU, pinned } from './target-process.js';

const run = promisify(execFile);

export interface WrkResult {
  rps: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors plus non-2xx/3xx answers. */
  errors: number;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function latencyMs(output: string, percentile: string): number {
  const match = new RegExp(`^\\s+${percentile}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output);
  return match ? Number(match[1]) * UNIT_MS[match[2]!]! : Number.NaN;
}

/** One wrk run of `seconds` with `connections` connections on one thread. */
export async function wrk(url: string, options: { seconds: number; connections: number; headers?: Record<string, string> }): Promise<WrkResult> {
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const [command, args] = pinned(LOAD_CPU, ['wrk', '-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--latency', ...headerArgs, url]);
  const { stdout } = await run(command, args, { timeout: (options.seconds + 30) * 1000 });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? Number.NaN);
  return { rps, requests, p50Ms: latencyMs(stdout, '50'), p99Ms: latencyMs(stdout, '99'), errors };
}

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat. CPU per
 * request barely moves with machine load, unlike requests per second, so it is the number
 * to compare when other work shares the cores. Undefined where /proc does not exist.
 */
export function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    // After "pid (comm) ": state is field 0, utime 11, stime 12 (proc(5)), in clock ticks (100/s on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}
