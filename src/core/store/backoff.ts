/**
 * Exponential back-off with "equal jitter" (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): the ceiling doubles from `baseMs` per attempt up to `capMs`; the delay is half
 * the ceiling fixed plus a random part of the other half. Without the random half every
 * instance that lost the same dependency retries in the same rhythm and they all arrive at
 * once when it returns. `attempt` counts from 0; returns milliseconds in [ceiling/2, ceiling].
 */
export function equalJitterDelayMs(attempt: number, limits: { baseMs: number; capMs: number }, random: () => number = Math.random): number {
  const ceiling = Math.min(limits.baseMs * 2 ** Math.min(attempt, 30), limits.capMs);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
