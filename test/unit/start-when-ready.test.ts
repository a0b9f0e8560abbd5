import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/config/config.js';
import { StoreUnavailableError } from '../../src/core/store/types.js';
import { startRetryDelayMs, startWhenReady } from '../../src/start-when-ready.js';

/** A built result that records whether it was closed. */
const built = () => ({
  closed: false,
  async close() {
    this.closed = true;
  },
});

function recordingLogger() {
  const warnings: Array<Record<string, unknown>> = [];
  return { warnings, logger: { warn: (fields: object) => warnings.push(fields as Record<string, unknown>), info: () => {} } };
}

describe('startWhenReady: wait for the store, and only for the store', () => {
  it('retries while the store is unavailable, with the back-off it is given, warning once per failed try', async () => {
    const { warnings, logger } = recordingLogger();
    const result = built();
    const delays: number[] = [];
    let calls = 0;
    const ready = await startWhenReady({
      attempt: async () => {
        calls += 1;
        if (calls < 4) throw new StoreUnavailableError('cannot connect to Redis at 10.0.0.5:6379', { cause: new Error('connect ECONNREFUSED 10.0.0.5:6379') });
        return result;
      },
      signal: new AbortController().signal,
      logger,
      delayMs: (attempt) => {
        delays.push(attempt);
        return 0;
      },
    });
    assert.equal(ready, result);
    assert.deepEqual(delays, [0, 1, 2]);
    assert.deepEqual(
      warnings.map((w) => [w.attempt, w.reason]),
      [1, 2, 3].map((n) => [n, 'cannot connect to Redis at 10.0.0.5:6379: connect ECONNREFUSED 10.0.0.5:6379']),
    );
  });

  it('never logs the credentials of a connection string a cause may quote', async () => {
    const { warnings, logger } = recordingLogger();
    const stop = new AbortController();
    await assert.rejects(
      startWhenReady({
        attempt: async () => {
          throw new StoreUnavailableError('down', { cause: new Error('refused by redis://admin:hunter2@10.0.0.5:6379/0') });
        },
        signal: stop.signal,
        logger: { ...logger, warn: (fields: object) => (logger.warn(fields), stop.abort()) },
        delayMs: () => 60_000,
      }),
      { name: 'AbortError' },
    );
    assert.equal(warnings[0]!.reason, 'down: refused by redis://10.0.0.5:6379/0');
  });

  it('a ConfigError (or any other fault) stops the start at once: waiting cannot fix it', async () => {
    const { warnings, logger } = recordingLogger();
    let calls = 0;
    const refusal = new ConfigError('LOCAL_POLICY_FILE ./policy.json: not valid JSON');
    await assert.rejects(
      startWhenReady({
        attempt: async () => {
          calls += 1;
          throw refusal;
        },
        signal: new AbortController().signal,
        logger,
        delayMs: () => 0,
      }),
      (error) => error === refusal,
    );
    assert.equal(calls, 1);
    assert.equal(warnings.length, 0);
  });

  it('a result that arrives after the stop is closed, not returned', async () => {
    const stop = new AbortController();
    const late = built();
    await assert.rejects(
      startWhenReady({
        attempt: async () => {
          stop.abort(); // the shutdown comes while the store is being opened
          return late;
        },
        signal: stop.signal,
        logger: recordingLogger().logger,
      }),
      { name: 'AbortError' },
    );
    assert.equal(late.closed, true);
  });

  it('the default back-off starts near a second, doubles, is capped at 15 s and is jittered', () => {
    const first = startRetryDelayMs(0);
    assert.ok(first >= 500 && first <= 1000, `first ${first}`);
    const late = new Set<number>();
    for (let i = 0; i < 50; i += 1) late.add(startRetryDelayMs(40));
    for (const delay of late) assert.ok(delay >= 7500 && delay <= 15_000, `late ${delay}`);
    assert.ok(late.size > 5, 'not one fixed rhythm');
  });
});
