import { ProviderUnavailableError } from '../../core/compliance/errors.js';
import { remainingMs, type Operation } from './operation-budget.js';

interface Waiter {
  resolve: (release: () => void) => void;
  cancelled: boolean;
}

/**
 * Caps concurrent Graph requests per instance. Graph throttles per app and tenant, so a
 * burst of portal users must queue here rather than earn a tenant-wide 429. A waiter
 * gives up when its operation's budget is spent.
 */
export class Semaphore {
  private active = 0;
  private readonly waiters: Waiter[] = [];

  constructor(private readonly max: number) {
    if (!(Number.isInteger(max) && max > 0)) throw new TypeError('maxConcurrency must be a positive integer');
  }

  acquire(op: Operation): Promise<() => void> {
    if (this.active < this.max) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, cancelled: false };
      const onAbort = () => giveUp('aborted by caller');
      const settle = () => {
        clearTimeout(timer);
        op.signal?.removeEventListener('abort', onAbort);
      };
      const giveUp = (why: string) => {
        if (waiter.cancelled) return;
        waiter.cancelled = true;
        settle();
        reject(new ProviderUnavailableError(`waiting for a Graph request slot: ${why}`));
      };
      const timer = setTimeout(() => giveUp('time budget spent'), remainingMs(op));
      op.signal?.addEventListener('abort', onAbort, { once: true });
      waiter.resolve = (release) => {
        settle();
        resolve(release);
      };
      this.waiters.push(waiter);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Hand the slot straight to the next live waiter; skip those that gave up.
      let next = this.waiters.shift();
      while (next?.cancelled) next = this.waiters.shift();
      if (next) {
        next.cancelled = true;
        next.resolve(this.releaser());
      } else {
        this.active -= 1;
      }
    };
  }
}
