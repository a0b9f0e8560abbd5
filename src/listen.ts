import type { Server } from 'node:http';

/** A listener that could not start, with a message that says what to do about it. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

/**
 * Starts `server` on `address`:`port` and resolves once it accepts connections. A port in
 * use or an address this host does not have rejects with a ListenError naming the port,
 * the address and the setting to change, instead of an unhandled 'error' event's stack.
 * `portSetting`/`addressSetting` name the environment variables (PORT/BIND_ADDRESS, ADMIN_PORT/…).
 */
export function listen(server: Server | import('node:net').Server, port: number, address: string, settings: { port: string; address: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const where = `${address}:${port}`;
      if (error.code === 'EADDRINUSE') {
        reject(
          new ListenError(
            `port ${port} is already in use on ${address} (another Vestibule, or another program, is listening on ${where}); stop it or choose another port with ${settings.port}=…`,
            { cause: error },
          ),
        );
      } else if (error.code === 'EADDRNOTAVAIL') {
        reject(
          new ListenError(`address ${address} does not belong to this host; set ${settings.address} to one of its addresses, or 0.0.0.0 for every interface`, {
            cause: error,
          }),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new ListenError(`not allowed to listen on ${where} (ports below 1024 need privileges); choose another port with ${settings.port}=…`, {
            cause: error,
          }),
        );
      } else {
        reject(new ListenError(`cannot listen on ${where}: ${error.message}`, { cause: error }));
      }
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, address);
  });
}
