/**
 * A bounded open-loop load generator (wrk2 is not packaged in Debian): requests are sent
 * on a fixed schedule — request i at start + i/rate — whether or not earlier ones have
 * answered, and each latency is measured from its *scheduled* time, so a server stall
 * shows up in the percentiles instead of silently slowing the client (coordinated
 * omission). Connections are capped (keep-alive agent); requests past the cap queue in
 * the agent and that wait counts as latency too.
 */
import { Agent, request } from 'node:http';

export interface OpenLoopResult {
  sent: number;
  completed: number;
  errors: number;
  /** What the errors were: `status 503`, `ECONNRESET`, … with counts. */
  errorKinds: Record<string, number>;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  achievedRate: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN);

/** Sends `rate` requests/s for `seconds` to `url`; waits at most 30 s for the stragglers. */
export async function openLoop(
  url: string,
  options: { rate: number; seconds: number; headers?: Record<string, string>; connections?: number; okStatus?: (status: number) => boolean },
): Promise<OpenLoopResult> {
  // Idle sockets close after 4 s, before the server's 5 s keep-alive timeout (Node's
  // default) can close one just as the client reuses it: that race is a client artefact
  // (ECONNRESET), not a server error.
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections ?? 256, timeout: 4000 });
  const ok = options.okStatus ?? ((status: number) => status < 400);
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  let errors = 0;
  const errorKinds: Record<string, number> = {};
  const failed = (kind: string) => {
    errors += 1;
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  };
  let completed = 0;
  const start = performance.now();
  const inFlight: Array<Promise<void>> = [];
  const fire = (scheduled: number) =>
    new Promise<void>((resolve) => {
      const req = request(url, { agent, headers: options.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          completed += 1;
          if (ok(res.statusCode ?? 0)) latencies.push(performance.now() - scheduled);
          else failed(`status ${res.statusCode}`);
          resolve();
        });
      });
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', (error: NodeJS.ErrnoException) => {
        failed(error.code ?? error.message);
        resolve();
      });
      req.end();
    });
  for (let i = 0; i < total; i += 1) {
    const scheduled = start + (i * 1000) / options.rate;
    const wait = scheduled - performance.now();
    // Sleep only when ahead of schedule; when behind, send at once (the lateness is counted).
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(fire(scheduled));
  }
  const sendingMs = performance.now() - start;
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent: total,
    completed,
    errors,
    errorKinds,
    p50Ms: percentile(latencies, 50),
    p90Ms: percentile(latencies, 90),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? Number.NaN,
    achievedRate: (total * 1000) / sendingMs,
  };
}
