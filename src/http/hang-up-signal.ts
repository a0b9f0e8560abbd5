import type { ServerResponse } from 'node:http';

/**
 * `{ signal }` options for backend work done for one request (a provider's Graph calls, a
 * listing): the signal aborts when the client hangs up before its answer is finished, so
 * work nobody will read stops. Pass the object itself as the options; the signal, its
 * AbortController and the response's `close` listener are made only when something reads
 * `signal`. The local provider answers from the store and never reads it; making them for
 * every partner query cost ≈8 µs of a ≈100 µs compliance lookup (docs/performance.md).
 *
 * Read after the client already hung up (the response closed unfinished while the request
 * waited for a limiter or the store), `signal` is already aborted.
 */
export class HangUpSignal {
  readonly #res: ServerResponse;
  #controller: AbortController | undefined;

  constructor(res: ServerResponse) {
    this.#res = res;
  }

  get signal(): AbortSignal {
    if (this.#controller) return this.#controller.signal;
    const controller = new AbortController();
    this.#controller = controller;
    const res = this.#res;
    const abortUnlessAnswered = () => {
      if (!res.writableFinished) controller.abort();
    };
    if (res.closed) abortUnlessAnswered();
    else res.once('close', abortUnlessAnswered);
    return controller.signal;
  }
}
