import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { MemoryStore, type Store } from 'express-rate-limit';
import type { Logger } from 'pino';

/** What a failure budget refuses with: the seconds until its window ends. */
export type BudgetRefusal = (retryAfterSeconds: number) => Error;

/**
 * A budget for failed requests (answers ≥ 400) per key and fixed window, kept in an
 * express-rate-limit `Store` (memory, or Redis shared by every instance).
 *
 * express-rate-limit's `skipSuccessfulRequests` counts every request first and takes the
 * count back when it succeeds: two store writes per successful request (two Redis round
 * trips) to count nothing. Here a request only reads the count (one read; a memory store
 * answers from a Map), and a failure is counted when its answer is sent. The price: failures
 * already in flight when the budget runs out are answered before they are counted, so a
 * burst can exceed the budget by the number of requests it has open at once — which the
 * key's total budget (counted up front) still bounds.
 */
export function failureBudget(options: {
  limit: number;
  windowMs: number;
  keyOf: (req: Request, res: Response) => string;
  store?: Store;
  refuse: BudgetRefusal;
  logger?: Pick<Logger, 'error'>;
}): RequestHandler {
  const store = options.store ?? new MemoryStore();
  void Promise.resolve(store.init?.({ windowMs: options.windowMs } as Parameters<NonNullable<Store['init']>>[0])).catch((error: unknown) =>
    options.logger?.error({ err: error }, 'failure budget: store did not start'),
  );
  if (!store.get) throw new Error('a failure budget needs a store that can read a count (Store.get)');
  const read = store.get.bind(store);
  const count = (key: string) =>
    Promise.resolve(store.increment(key)).catch((error: unknown) => options.logger?.error({ err: error }, 'failure budget: could not count a failure'));

  return function spendOnFailure(req: Request, res: Response, next: NextFunction): void {
    const key = options.keyOf(req, res);
    Promise.resolve(read(key)).then(
      (info) => {
        const resetAt = info?.resetTime?.getTime() ?? 0;
        if (info && info.totalHits >= options.limit && resetAt > Date.now()) {
          next(options.refuse((resetAt - Date.now()) / 1000));
          return;
        }
        res.once('finish', () => {
          if (res.statusCode >= 400) void count(key);
        });
        next();
      },
      // Like the other limiters (passOnStoreError): a store that fails refuses the request further on, not here.
      (error: unknown) => {
        options.logger?.error({ err: error }, 'failure budget: store unavailable, request let through');
        next();
      },
    );
  };
}
