/**
 * Memory per held long-poll (issue #12 target: ≤ 1.1× a bare express request held by a
 * timer). For each side: start the target with --expose-gc, measure (after a full GC)
 * heap and RSS, open N requests that the server holds — bare: GET /hold (a 30 s timer);
 * Vestibule: GET /api/v1/sessions/{token}?wait=30 with the current ETag, so each one
 * subscribes and waits — wait until the *server* reports all N held (a client-side "sent"
 * says nothing about what the server has accepted and parked), measure again, and divide.
 * Needs N + a few hundred open files per process (`ulimit -n`); checked before it starts.
 *
 *   npm run bench -- memory [--waiters 10000] [--stores sqlite,redis]
 */
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { storeEnv } from './lib/target-pair.js';
import type { VestibuleInfo } from './lib/hot-paths.js';
import { startTarget } from './lib/target-process.js';

interface Memory {
  heapUsed: number;
  rss: number;
  /** Requests the server holds right now (bare: timers; Vestibule: long-polls subscribed to the change feed). */
  held: number;
}

/** The soft limit on open files of this process (the targets inherit it), from /proc. */
function openFileLimit(): number {
  const line = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1];
  return line === undefined || line === 'unlimited' ? Infinity : Number(line);
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) * 1024;

async function memory(controlUrl: string, pid: number): Promise<Memory> {
  const usage = (await (await fetch(controlUrl)).json()) as { heapUsed: number; held: number };
  return { heapUsed: usage.heapUsed, rss: rssOf(pid), held: usage.held };
}

/**
 * Opens `n` held requests, at most `ahead` more than the server reports held (`heldNow`):
 * unpaced, connections overflow the listen backlog and come back only after SYN retries
 * of seconds, past the hold time. Resolves once all are sent, with a function that ends them.
 */
async function hold(
  url: string,
  n: number,
  headers: Record<string, string>,
  heldNow: () => Promise<number>,
  ahead = 1000,
): Promise<{ answeredEarly: () => number; release: () => void }> {
  const deadline = performance.now() + 20_000;
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  let early = 0;
  const requests: Array<ReturnType<typeof request>> = [];
  for (let i = 0; i < n; i += 1) {
    const req = request(url, { agent, headers }, (res) => {
      early += 1;
      res.resume();
    });
    req.on('error', () => {});
    req.end();
    requests.push(req);
    if (i % 250 === 249) {
      await new Promise((resolve) => setImmediate(resolve));
      while (performance.now() < deadline && i + 1 - (await heldNow()) > ahead) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { answeredEarly: () => early, release: () => requests.forEach((req) => req.destroy()) };
}

async function measureSide(
  name: string,
  target: { pid: number; control: string; held: string; url: string; headers: Record<string, string> },
  waiters: number,
) {
  const before = await memory(target.control, target.pid);
  const started = performance.now();
  // /held, not /memory: /memory runs a full GC, which must not happen while requests arrive.
  const heldNow = async () => ((await (await fetch(target.held)).json()) as { held: number }).held;
  const held = await hold(target.url, waiters, target.headers, heldNow);
  // Sample only once the server holds every request: the requests are held for 30 s, so
  // give up after 25 s and say so rather than divide by requests that were never parked.
  while (performance.now() - started < 25_000 && (await heldNow()) < waiters) await new Promise((resolve) => setTimeout(resolve, 200));
  const parkedAfter = (performance.now() - started) / 1000;
  const during = await memory(target.control, target.pid);
  const early = held.answeredEarly();
  held.release();
  const perHeap = (during.heapUsed - before.heapUsed) / waiters;
  const perRss = (during.rss - before.rss) / waiters;
  const valid = during.held >= waiters && early === 0;
  console.log(
    `${name.padEnd(40)} heap ${(perHeap / 1024).toFixed(1).padStart(6)} KB/waiter   RSS ${(perRss / 1024).toFixed(1).padStart(6)} KB/waiter   ` +
      `held ${during.held}/${waiters} after ${parkedAfter.toFixed(1)} s, answered early: ${early}${valid ? '' : '   NOT VALID: not every request was held'}`,
  );
  return { perHeap, perRss, valid };
}

export async function longPollMemory(options: { stores: string[]; waiters: number }): Promise<void> {
  const limit = openFileLimit();
  if (options.waiters + 500 > limit) {
    throw new Error(
      `--waiters ${options.waiters} needs ${options.waiters + 500} open files per process; ulimit -n is ${limit}: raise it (ulimit -n 65536) or hold fewer`,
    );
  }
  console.log(`${options.waiters} held requests per side`);
  const bare = await startTarget<{ url: string }>('bare', {}, ['--expose-gc']);
  let reference;
  try {
    reference = await measureSide(
      'bare express, request held by a timer',
      { pid: bare.process.pid!, control: `${bare.info.url}/memory`, held: `${bare.info.url}/held`, url: `${bare.info.url}/hold`, headers: {} },
      options.waiters,
    );
  } finally {
    await bare.stop();
  }
  for (const store of options.stores) {
    const vestibule = await startTarget<VestibuleInfo>('vestibule', storeEnv(store), ['--expose-gc']);
    try {
      const info = vestibule.info;
      const side = await measureSide(
        `Vestibule long-poll (${info.store})`,
        {
          pid: vestibule.process.pid!,
          control: `${info.control}/memory`,
          held: `${info.control}/held`,
          url: `${info.url}/api/v1/sessions/${info.token}?wait=30`,
          headers: { authorization: `Bearer ${info.apiKey}`, 'if-none-match': '"1"' },
        },
        options.waiters,
      );
      console.log(
        `${''.padEnd(40)} ratio to bare: heap ${(side.perHeap / reference.perHeap).toFixed(2)}×   RSS ${(side.perRss / reference.perRss).toFixed(2)}× (target ≤ 1.1×)`,
      );
    } finally {
      await vestibule.stop();
    }
  }
}
