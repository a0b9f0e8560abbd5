import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { HangUpSignal } from '../../src/http/hang-up-signal.js';

/** Runs one request against `handle`; `hangUpAfterMs` makes the client abandon it. */
async function exchange(handle: (req: IncomingMessage, res: ServerResponse) => void, hangUpAfterMs?: number): Promise<void> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await new Promise<void>((resolve) => {
      const req = request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', () => resolve());
      req.end();
      if (hangUpAfterMs !== undefined) setTimeout(() => req.destroy(), hangUpAfterMs);
    });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const closed = (res: ServerResponse) => (res.closed ? Promise.resolve() : new Promise<void>((resolve) => res.once('close', () => resolve())));

describe('HangUpSignal: backend work stops when the client hangs up', () => {
  it('adds no close listener until something reads the signal, then exactly one', async () => {
    const counts: number[] = [];
    await exchange((_req, res) => {
      const hangUp = new HangUpSignal(res);
      counts.push(res.listenerCount('close'));
      void hangUp.signal;
      void hangUp.signal;
      counts.push(res.listenerCount('close'));
      res.end('ok');
    });
    assert.equal(counts[1]! - counts[0]!, 1);
  });

  it('aborts when the client hangs up before the answer', async () => {
    let signal: AbortSignal | undefined;
    let done: Promise<void> = Promise.resolve();
    await exchange((_req, res) => {
      signal = new HangUpSignal(res).signal;
      done = closed(res);
    }, 50);
    await done;
    assert.equal(signal?.aborted, true);
  });

  it('does not abort once the answer was sent', async () => {
    let signal: AbortSignal | undefined;
    let done: Promise<void> = Promise.resolve();
    await exchange((_req, res) => {
      signal = new HangUpSignal(res).signal;
      done = closed(res);
      res.end('answer');
    });
    await done;
    assert.equal(signal?.aborted, false);
  });

  it('is already aborted when first read after the client hung up', async () => {
    let signal: AbortSignal | undefined;
    let done: Promise<void> = Promise.resolve();
    await exchange((_req, res) => {
      const hangUp = new HangUpSignal(res);
      done = closed(res).then(() => {
        signal = hangUp.signal;
      });
    }, 50);
    await done;
    assert.equal(signal?.aborted, true);
  });
});
