import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { pino } from 'pino';
import { connectVestibule } from '../../src/build-vestibule.js';
import { loadConfig } from '../../src/load-config.js';
import { prepareVestibule, type PreparedVestibule } from '../../src/prepare-vestibule.js';
import { startWhenReady } from '../../src/start-when-ready.js';
import { startStallingRedis, type StallingRedis } from '../helpers/stalling-redis.js';
import { writeTestGateways } from '../helpers/test-vestibule.js';

const silent = pino({ level: 'silent' });

/** The real start's store-free half, pointed at `redis` with the given store timeout. */
async function prepare(redis: StallingRedis, storeTimeoutMs: number): Promise<PreparedVestibule> {
  const env = {
    NODE_ENV: 'test',
    PUBLIC_URL: 'http://127.0.0.1:1',
    STORE_URL: `redis://127.0.0.1:${redis.port}`,
    STORE_TIMEOUT_MS: String(storeTimeoutMs),
    GATEWAYS_FILE: writeTestGateways(),
    LOG_LEVEL: 'silent',
  };
  return prepareVestibule(loadConfig(env), { logger: silent, env });
}

/** Starts retrying against `prepared` without pauses; `warnings` collects each failed try's log fields. */
function retryWithoutPauses(prepared: PreparedVestibule, stop: AbortController) {
  const warnings: Array<{ reason: string }> = [];
  const ready = startWhenReady({
    attempt: (signal) => connectVestibule(prepared, { logger: silent, signal }),
    signal: stop.signal,
    logger: { warn: (fields) => warnings.push(fields as { reason: string }), info: () => {} },
    delayMs: () => 0,
  });
  return { ready, warnings };
}

describe('start retries leave no store connection behind', () => {
  const servers: StallingRedis[] = [];
  after(async () => {
    for (const server of servers) await server.close();
  });

  it('a Redis that accepts but never answers: every failed try closes its connections, and stopping cancels the retries', { timeout: 30_000 }, async () => {
    const redis = await startStallingRedis({ answersConnect: false });
    servers.push(redis);
    const stop = new AbortController();
    const { ready, warnings } = retryWithoutPauses(await prepare(redis, 200), stop);
    await redis.until((c) => c.accepted >= 6); // three tries, two clients each
    stop.abort();
    await assert.rejects(ready, { name: 'AbortError' });
    await redis.until((c) => c.open === 0); // hangs (test timeout) if any client was left connected
    assert.ok(warnings.length >= 2);
    assert.match(warnings[0]!.reason, new RegExp(`cannot connect to Redis at 127\\.0\\.0\\.1:${redis.port}: store timed out after 200 ms`));
  });

  it(
    'a Redis that hangs after the connect: the try that failed while seeding closes the store it had opened, and the next try follows',
    { timeout: 30_000 },
    async () => {
      const redis = await startStallingRedis({ answersConnect: true });
      servers.push(redis);
      const stop = new AbortController();
      const { ready, warnings } = retryWithoutPauses(await prepare(redis, 200), stop);
      await redis.until((c) => c.accepted >= 4); // a second try connected: the first one's close did not hang
      stop.abort();
      await assert.rejects(ready, { name: 'AbortError' });
      await redis.until((c) => c.open === 0);
      assert.match(warnings[0]!.reason, /store timed out after 200 ms/);
    },
  );

  it('stopping while a connect is in progress drops it at once, without waiting for the store timeout', { timeout: 20_000 }, async () => {
    const redis = await startStallingRedis({ answersConnect: false });
    servers.push(redis);
    const stop = new AbortController();
    const { ready, warnings } = retryWithoutPauses(await prepare(redis, 600_000), stop);
    await redis.until((c) => c.accepted >= 2);
    stop.abort();
    await assert.rejects(ready, { name: 'AbortError' });
    await redis.until((c) => c.open === 0);
    assert.equal(warnings.length, 0, 'an abort is not a failed try');
  });
});
