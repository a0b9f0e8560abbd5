import { StoreUnavailableError } from './types.js';

/**
 * Rejects with `StoreUnavailableError` when `promise` has not settled within `ms`, and with
 * `signal.reason` as soon as `signal` aborts (the caller then cleans up what `promise` holds).
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string, signal?: AbortSignal): Promise<T> {
  signal?.throwIfAborted();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(`store timed out after ${ms} ms: ${what}`)), ms);
    timer.unref();
    if (signal) {
      onAbort = () => reject(signal.reason as Error); // an AbortError DOMException unless the caller gave a reason
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
