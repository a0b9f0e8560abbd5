import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { MemoryStore, type Store } from 'express-rate-limit';
import type { Logger } from 'pino';

/** What a failure budget refuses with: the seconds until its window ends. */
export type BudgetRefusal = (retryAfterSeconds: number) => Error;

/** The two halves of a failure budget: `check` goes before the routes, `count` after them. */
export interface FailureBudget {
  /** Refuses a key whose budget is spent; otherwise lets the request on. */
  check: RequestHandler;
  /** An error handler: counts the failure against the request's key and passes the error on. */
  count: ErrorRequestHandler;
}

/**
 * A budget for failed requests per key and fixed window, kept in an express-rate-limit
 * `Store` (memory, or Redis shared by every instance). A failure is a request whose route
 * passed an error on (every 4xx/5xx answer of an API that throws its refusals).
 *
 * express-rate-limit's `skipSuccessfulRequests` counts every request first and takes the
 * count back when it succeeds: two store writes per successful request (two Redis round
 * trips) to count nothing. Here a request only reads the count (one read; a memory store
 * answers from a Map), and a failure is counted when its error passes by — no listener per
 * request (those add up over ten thousand held long-polls). The price: failures
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
}): FailureBudget {
  const store = options.store ?? new MemoryStore();
  void Promise.resolve(store.init?.({ windowMs: options.windowMs } as Parameters<NonNullable<Store['init']>>[0])).catch((error: unknown) =>
    options.logger?.error({ err: error }, 'failure budget: store did not start'),
  );
  if (!store.get) throw new Error('a failure budget needs a store that can read a count (Store.get)');
  const read = store.get.bind(store);
  const count = (key: string) =>
    Promise.resolve(store.increment(key)).catch((error: unknown) => options.logger?.error({ err: error }, 'failure budget: could not count a failure'));

  const refused = new WeakSet<Request>();
  return {
    check(req: Request, res: Response, next: NextFunction): void {
      Promise.resolve(read(options.keyOf(req, res))).then(
        (info) => {
          const resetAt = info?.resetTime?.getTime() ?? 0;
          if (info && info.totalHits >= options.limit && resetAt > Date.now()) {
            refused.add(req); // its own refusal is not another failure
            next(options.refuse((resetAt - Date.now()) / 1000));
            return;
          }
          next();
        },
        // Like the other limiters (passOnStoreError): a store that fails refuses the request further on, not here.
        (error: unknown) => {
          options.logger?.error({ err: error }, 'failure budget: store unavailable, request let through');
          next();
        },
      );
    },
    count(error: unknown, req: Request, res: Response, next: NextFunction): void {
      if (!refused.has(req)) void count(options.keyOf(req, res));
      next(error);
    },
  };
}
