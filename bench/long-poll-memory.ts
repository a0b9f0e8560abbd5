/**
 * Memory per held long-poll (issue #12 target: ≤ 1.1× a bare express request held by a
 * timer). For each side: start the target with --expose-gc, measure (after a full GC)
 * heap and RSS, open N requests that the server holds — bare: GET /hold (a 30 s timer);
 * Vestibule: GET /api/v1/sessions/{token}?wait=30 with the current ETag, so each one
 * subscribes and waits — measure again while all N are held, and divide.
 *
 *   npm run bench -- memory [--waiters 10000] [--stores sqlite,redis]
 */
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { storeEnv } from './compare.js';
import type { VestibuleInfo } from './lib/hot-paths.js';
import { startTarget } from './lib/target-process.js';

interface Memory {
  heapUsed: number;
  rss: number;
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) * 1024;

async function memory(controlUrl: string, pid: number): Promise<Memory> {
  const usage = (await (await fetch(controlUrl)).json()) as { heapUsed: number };
  return { heapUsed: usage.heapUsed, rss: rssOf(pid) };
}

/** Opens `n` held requests; resolves once every one has been written, with a function that ends them. */
async function hold(url: string, n: number, headers: Record<string, string>): Promise<{ answeredEarly: () => number; release: () => void }> {
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
    if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
  }
  return { answeredEarly: () => early, release: () => requests.forEach((req) => req.destroy()) };
}

async function measureSide(name: string, target: { pid: number; control: string; url: string; headers: Record<string, string> }, waiters: number) {
  const before = await memory(target.control, target.pid);
  const held = await hold(target.url, waiters, target.headers);
  // Let the server accept and park every request: sample until RSS stops growing (bounded).
  let last = 0;
  for (let i = 0; i < 30; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rss = rssOf(target.pid);
    if (Math.abs(rss - last) < 256 * 1024) break;
    last = rss;
  }
  const during = await memory(target.control, target.pid);
  const early = held.answeredEarly();
  held.release();
  const perHeap = (during.heapUsed - before.heapUsed) / waiters;
  const perRss = (during.rss - before.rss) / waiters;
  console.log(
    `${name.padEnd(40)} heap ${(perHeap / 1024).toFixed(1).padStart(6)} KB/waiter   RSS ${(perRss / 1024).toFixed(1).padStart(6)} KB/waiter   answered early: ${early}`,
  );
  return { perHeap, perRss };
}

export async function longPollMemory(options: { stores: string[]; waiters: number }): Promise<void> {
  console.log(`${options.waiters} held requests per side`);
  const bare = await startTarget<{ url: string }>('bare', {}, ['--expose-gc']);
  let reference;
  try {
    reference = await measureSide(
      'bare express, request held by a timer',
      { pid: bare.process.pid!, control: `${bare.info.url}/memory`, url: `${bare.info.url}/hold`, headers: {} },
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
