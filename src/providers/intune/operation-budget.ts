import { ProviderUnavailableError } from '../../core/compliance/errors.js';

/**
 * One public provider call and everything it does on Graph's side share a deadline, so a
 * slow or silent Graph turns into `ProviderUnavailableError` (→ pending) within a bound
 * instead of a portal request that hangs. Deadlines use the monotonic clock: they bound
 * real waiting, not the (injectable, possibly skewed) wall clock.
 */
export interface Operation {
  /** `performance.now()` value after which nothing more may be attempted. */
  readonly deadline: number;
  readonly signal?: AbortSignal;
}

export function startOperation(budgetMs: number, signal?: AbortSignal): Operation {
  return { deadline: performance.now() + budgetMs, signal };
}

export function remainingMs(op: Operation): number {
  return Math.max(0, op.deadline - performance.now());
}

/** Throws when the caller gave up or the budget is spent. */
export function checkOperation(op: Operation, what: string): void {
  if (op.signal?.aborted) throw new ProviderUnavailableError(`${what}: aborted by caller`, { cause: op.signal.reason });
  if (remainingMs(op) <= 0) throw new ProviderUnavailableError(`${what}: time budget spent`);
}

/**
 * Waits for `promise` but no longer than the operation allows. The promise keeps running
 * (it may be shared, e.g. a single-flight refresh); only this caller stops waiting.
 */
export async function withinOperation<T>(promise: Promise<T>, op: Operation, what: string): Promise<T> {
  checkOperation(op, what);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderUnavailableError(`${what}: time budget spent`)), remainingMs(op));
    onAbort = () => reject(new ProviderUnavailableError(`${what}: aborted by caller`));
    op.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
    if (onAbort) op.signal?.removeEventListener('abort', onAbort);
  }
}

/** Sleeps `ms`, or rejects early when the operation is aborted or would run out first. */
export async function sleepWithin(ms: number, op: Operation, what: string): Promise<void> {
  if (ms > remainingMs(op)) throw new ProviderUnavailableError(`${what}: waiting ${ms} ms would exceed the time budget`);
  await withinOperation(new Promise<void>((resolve) => setTimeout(resolve, ms)), op, what);
}

/** The signal for one HTTP attempt: the caller's signal, the budget and a per-request timeout. */
export function attemptSignal(op: Operation, requestTimeoutMs: number): AbortSignal {
  // AbortSignal.timeout() takes whole milliseconds only (a fraction throws RangeError), and the
  // budget left is a performance.now() difference, so almost always fractional: round down.
  const timeout = AbortSignal.timeout(Math.max(1, Math.floor(Math.min(requestTimeoutMs, remainingMs(op)))));
  return op.signal ? AbortSignal.any([timeout, op.signal]) : timeout;
}
