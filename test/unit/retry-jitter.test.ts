import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderUnavailableError } from '../../src/core/compliance/errors.js';
import { StoreUnavailableError } from '../../src/core/store/types.js';
import { toProblem } from '../../src/http/errors.js';
import { redisReconnectDelayMs } from '../../src/store/redis-reconnect.js';

const retryAfterOf = (error: unknown) => Number(toProblem(error).headers['Retry-After']);

describe('jitter: clients that wait do not all come back in the same second', () => {
  it('a store outage: Retry-After is spread over 5–9 s, not a fixed 5', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200; i += 1) seen.add(retryAfterOf(new StoreUnavailableError('down')));
    assert.ok(seen.size >= 3, `distinct values ${[...seen].join(',')}`);
    for (const value of seen) assert.ok(value >= 5 && value <= 9, `Retry-After ${value}`);
  });

  it('a backend outage without a hint is spread too; a hint from the backend is passed on as told', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200; i += 1) seen.add(retryAfterOf(new ProviderUnavailableError('down')));
    assert.ok(seen.size >= 3, `distinct values ${[...seen].join(',')}`);
    assert.equal(retryAfterOf(new ProviderUnavailableError('throttled', { retryAfterSeconds: 41 })), 41);
  });

  it('Redis reconnects: exponential, capped at 2 s, and jittered (never the same lockstep rhythm)', () => {
    assert.equal(
      redisReconnectDelayMs(0, () => 1),
      100,
    );
    assert.equal(
      redisReconnectDelayMs(30, () => 1),
      2000,
      'capped',
    );
    assert.equal(
      redisReconnectDelayMs(30, () => 0),
      1000,
      'at least half the cap',
    );
    const late = new Set<number>();
    for (let i = 0; i < 100; i += 1) late.add(redisReconnectDelayMs(10));
    assert.ok(late.size > 10, `${late.size} distinct delays at the cap`);
    for (const delay of late) assert.ok(delay >= 1000 && delay <= 2000, `${delay}`);
  });
});
