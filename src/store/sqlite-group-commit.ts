import type Database from 'better-sqlite3';

/** Writes committed together at most; bounds how long one commit holds the event loop (about 40 µs each). */
const MAX_BATCH = 64;

interface Queued {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { value: unknown } | { error: unknown };

/** Thrown out of a batch when one write's error made SQLite roll the whole transaction back. */
class RolledBackBy extends Error {
  constructor(
    readonly index: number,
    readonly error: unknown,
  ) {
    super(`write ${index} of the batch rolled back the whole transaction`, { cause: error });
  }
}

/**
 * Group commit for better-sqlite3: the write transactions asked for during one turn of the
 * event loop run as savepoints inside one IMMEDIATE transaction, committed once, and each
 * caller's promise settles only after that commit. Why: a commit in WAL mode writes every
 * page the transaction touched as its own WAL frame (two `pwrite`s each) and takes and
 * drops file locks (`fcntl`); a session create touches 6–9 pages, most of which (page 1,
 * the table's last page, the expiry index's last page) are the same for every create in a
 * batch. Measured in docs/performance.md.
 *
 * What callers keep: each write is atomic on its own (a savepoint, or for a batch of one
 * the batch itself: a write that throws leaves nothing behind and fails alone), writes run
 * in the order they were asked for, and a promise that resolves means the write is
 * committed (durable as far as `synchronous=NORMAL` makes any commit). When one write's
 * error makes SQLite roll the whole transaction back (SQLITE_FULL, IOERR, NOMEM…), that
 * write rejects and the others run again in the next batch: none of them was committed or
 * settled, and a write depends only on the database. When the batch as a whole fails (the
 * lock cannot be had within the busy timeout, or the commit fails), every write of the
 * batch rejects with that error: none of them was committed. A write is not visible to
 * reads until its promise resolves, as with any store.
 *
 * The batch runs in `setImmediate`: the first write of a request waits for the end of the
 * poll phase that read it (work the event loop was doing anyway); a write asked for after
 * an earlier one resolved waits for the next turn's check phase.
 */
export class SqliteGroupCommit {
  private readonly queue: Queued[] = [];
  private scheduled = false;
  private readonly batchTx;
  private readonly savepoint;

  constructor(private readonly db: Database.Database) {
    this.savepoint = db.transaction((write: () => unknown) => write());
    this.batchTx = db.transaction((batch: Queued[], outcomes: Outcome[]) => {
      // A lone write needs no savepoint: the batch's own rollback is its rollback (a sequential
      // writer, such as seeding an inventory, then pays two statements less per write).
      if (batch.length === 1) {
        outcomes.push({ value: synchronous(batch[0]!.write()) });
        return;
      }
      batch.forEach((queued, index) => {
        try {
          outcomes.push({ value: this.savepoint(queued.write) });
        } catch (error) {
          // Some errors (SQLITE_FULL, IOERR, NOMEM…) roll back the whole transaction; then the
          // writes before this one are gone too and the rest must not run in autocommit mode.
          if (!this.db.inTransaction) throw new RolledBackBy(index, error);
          outcomes.push({ error });
        }
      });
    });
  }

  /**
   * Runs `write` (synchronous better-sqlite3 calls; it must not await) in the next batch.
   * Resolves with its result once the batch is committed; rejects with what `write` threw,
   * or with the batch's error when the batch was not committed.
   */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Commits everything queued now, in batches, instead of in the next turn (before the database closes). */
  drain(): void {
    while (this.queue.length > 0) this.flush();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return; // drained already
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) this.schedule();
    const outcomes: Outcome[] = [];
    try {
      this.batchTx.immediate(batch, outcomes);
    } catch (error) {
      if (error instanceof RolledBackBy) {
        // Only that write failed; the others were rolled back with it, unsettled: run them again.
        batch[error.index]!.reject(error.error);
        this.queue.unshift(...batch.filter((_, index) => index !== error.index));
        this.schedule();
        return;
      }
      for (const queued of batch) queued.reject(error);
      return;
    }
    batch.forEach((queued, index) => {
      const outcome = outcomes[index]!;
      if ('error' in outcome) queued.reject(outcome.error);
      else queued.resolve(outcome.value);
    });
  }
}

/** A write must not await: what ran after its first await would run outside the transaction. */
function synchronous(value: unknown): unknown {
  if (typeof (value as PromiseLike<unknown> | undefined)?.then === 'function')
    throw new TypeError('a group-commit write must be synchronous, not return a promise');
  return value;
}
