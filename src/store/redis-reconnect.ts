/** Reconnect delays of one Redis client: first retry after about this many milliseconds. */
const BASE_MS = 100;
/** … doubling up to this cap. */
const CAP_MS = 2000;

/**
 * node-redis `reconnectStrategy` (retries counts from 0): exponential back-off with "equal
 * jitter" — half the delay fixed, half random. Without the random half every instance (and
 * both clients of each) retries in the same 2 s rhythm after a Redis restart, and they all
 * arrive at once; with it they spread over the window (AWS Architecture Blog, "Exponential
 * Backoff And Jitter"). Returns milliseconds, always in [cap/2, cap] once the cap is reached.
 */
export function redisReconnectDelayMs(retries: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BASE_MS * 2 ** Math.min(retries, 16), CAP_MS);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
