import { setTimeout as sleep } from 'node:timers/promises';
import { equalJitterDelayMs } from './core/store/backoff.js';
import { StoreUnavailableError } from './core/store/types.js';

/** The first retry comes after 0.5–1 s … */
const FIRST_RETRY_MS = 1000;
/** … the wait doubles up to 7.5–15 s: a store that comes back is in use within about that long. */
const LONGEST_RETRY_MS = 15_000;

/** The default wait before try `attempt + 1` (`attempt` counts failed tries from 0), in ms. */
export function startRetryDelayMs(attempt: number): number {
  return equalJitterDelayMs(attempt, { baseMs: FIRST_RETRY_MS, capMs: LONGEST_RETRY_MS });
}

/** What startWhenReady runs and when it gives up; T is what a successful try builds (the app and its store). */
export interface StartWhenReadyOptions<T extends { close(): Promise<void> }> {
  /** One try at the part of the start that needs the store; gets `signal` to drop a connection in progress. */
  attempt: (signal: AbortSignal) => Promise<T>;
  /** Shutdown: stops the waiting and the retries. */
  signal: AbortSignal;
  logger: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** Milliseconds to wait after failed try number `attempt` (from 0); startRetryDelayMs unless a test says otherwise. */
  delayMs?: (attempt: number) => number;
}

/** A failure's message and its causes', without URL credentials (a cause could quote a connection string). */
function reasonOf(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error && messages.length < 4; e = e.cause) messages.push(e.message);
  return messages.join(': ').replace(/\/\/[^/\s@]*@/g, '//');
}

/**
 * Runs `attempt` until it succeeds. Only StoreUnavailableError is retried, after a capped,
 * jittered back-off (instances that lost the same store do not all return at once), with
 * one warning per failed try naming the reason; any other error (a ConfigError, a bug)
 * rejects at once, since waiting cannot fix it. Once `signal` aborts it rejects with an
 * AbortError, and a result that arrives after the abort is closed first, so a shutdown
 * during the start leaves no store connection behind.
 */
export async function startWhenReady<T extends { close(): Promise<void> }>(options: StartWhenReadyOptions<T>): Promise<T> {
  const { signal, logger } = options;
  const delayMs = options.delayMs ?? startRetryDelayMs;
  for (let attempt = 0; ; attempt += 1) {
    let result: T;
    try {
      result = await options.attempt(signal);
    } catch (error) {
      signal.throwIfAborted();
      if (!(error instanceof StoreUnavailableError)) throw error;
      const retryInMs = delayMs(attempt);
      logger.warn({ attempt: attempt + 1, retryInMs, reason: reasonOf(error) }, 'the store does not answer; answering 503 and trying again');
      await sleep(retryInMs, undefined, { signal });
      continue;
    }
    if (signal.aborted) {
      await result.close();
      signal.throwIfAborted();
    }
    if (attempt > 0) logger.info({ attempts: attempt + 1 }, 'the store answers');
    return result;
  }
}
