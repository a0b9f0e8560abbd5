import { equalJitterDelayMs } from '../core/store/backoff.js';

/** Reconnect delays of one Redis client: first retry after about this many milliseconds. */
const BASE_MS = 100;
/** … doubling up to this cap. */
const CAP_MS = 2000;

/**
 * node-redis `reconnectStrategy` (retries counts from 0): exponential back-off with equal
 * jitter. Without the random half every instance (and both clients of each) retries in the
 * same 2 s rhythm after a Redis restart, and they all arrive at once; with it they spread
 * over the window. Returns milliseconds, always in [cap/2, cap] once the cap is reached.
 */
export function redisReconnectDelayMs(retries: number, random: () => number = Math.random): number {
  return equalJitterDelayMs(retries, { baseMs: BASE_MS, capMs: CAP_MS }, random);
}
