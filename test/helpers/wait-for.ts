import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitForOptions {
  /** What is being waited for, named in the error when the bound is reached. */
  what: string;
  /**
   * Upper bound in ms (default 60 s). Generous on purpose: it only turns a condition that
   * never comes true into a failure instead of a hang; a loaded machine must not reach it.
   */
  timeoutMs?: number;
  /** Pause between two checks in ms (default 50). */
  intervalMs?: number;
}

/**
 * Re-checks `condition` until it returns something truthy and resolves with that value:
 * for results another server, process or timer produces, instead of a fixed sleep that
 * guesses how long that takes. Throws `waiting for <what>: not within <timeoutMs> ms`.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitForOptions): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (performance.now() >= until) throw new Error(`waiting for ${options.what}: not within ${timeoutMs} ms`);
    await sleep(options.intervalMs ?? 50);
  }
}
