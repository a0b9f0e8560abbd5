import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on right now (the OS picks it, then it is released), for a
 * child process that must be told its port up front (redis-server, a second Vestibule).
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A loopback UDP port nothing is bound to right now, for a RADIUS server the test starts. */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}
