import { createServer, type Socket } from 'node:net';

/** Counts of a StallingRedis's connections. */
export interface Connections {
  accepted: number;
  open: number;
}

/** A running stalling Redis (startStallingRedis) on 127.0.0.1:`port`. */
export interface StallingRedis {
  port: number;
  connections(): Connections;
  /** Resolves once `condition` holds (checked on every connect and disconnect); no fixed waits. */
  until(condition: (connections: Connections) => boolean): Promise<void>;
  close(): Promise<void>;
}

/** Splits complete RESP arrays of bulk strings (what clients send) off the front of `buffer`. */
function takeCommands(buffer: Buffer): { commands: string[][]; rest: Buffer } {
  const commands: string[][] = [];
  let at = 0;
  for (;;) {
    const line = (from: number) => {
      const end = buffer.indexOf('\r\n', from);
      return end === -1 ? undefined : { text: buffer.toString('latin1', from, end), next: end + 2 };
    };
    const header = line(at);
    if (!header || !header.text.startsWith('*')) break;
    const parts: string[] = [];
    let cursor: number | undefined = header.next;
    for (let i = 0; i < Number(header.text.slice(1)) && cursor !== undefined; i += 1) {
      const size = line(cursor);
      const length = size ? Number(size.text.slice(1)) : NaN;
      if (!size || buffer.length < size.next + length + 2) cursor = undefined;
      else {
        parts.push(buffer.toString('latin1', size.next, size.next + length));
        cursor = size.next + length + 2;
      }
    }
    if (cursor === undefined) break;
    commands.push(parts);
    at = cursor;
  }
  return { commands, rest: buffer.subarray(at) };
}

/**
 * A TCP server that looks like a Redis that stops answering: with `answersConnect` it
 * replies to the connection's set-up (CLIENT …) and SUBSCRIBE, then goes silent from the
 * first other command on (a stopped Redis answers in order or not at all); without it, it
 * accepts connections and never answers anything. It counts connections, so a test can
 * see that every client given up on was really closed.
 */
export async function startStallingRedis(options: { answersConnect: boolean }): Promise<StallingRedis> {
  const sockets = new Set<Socket>();
  const counts: Connections = { accepted: 0, open: 0 };
  const waiters = new Set<() => void>();
  const changed = () => {
    counts.open = sockets.size;
    for (const wake of waiters) wake();
  };
  const server = createServer((socket) => {
    counts.accepted += 1;
    sockets.add(socket);
    changed();
    socket.on('close', () => {
      sockets.delete(socket);
      changed();
    });
    socket.on('error', () => {});
    let pending: Buffer = Buffer.alloc(0);
    let silent = !options.answersConnect;
    socket.on('data', (chunk: Buffer) => {
      const { commands, rest } = takeCommands(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const [name = '', ...args] of commands) {
        if (silent) return;
        if (name.toUpperCase() === 'CLIENT') socket.write('+OK\r\n');
        else if (name.toUpperCase() === 'SUBSCRIBE') {
          for (const [index, channel] of args.entries())
            socket.write(`*3\r\n$9\r\nsubscribe\r\n$${Buffer.byteLength(channel)}\r\n${channel}\r\n:${index + 1}\r\n`);
        } else silent = true;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections: () => ({ ...counts }),
    until(condition) {
      return new Promise((resolve) => {
        const check = () => {
          if (!condition({ ...counts })) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
