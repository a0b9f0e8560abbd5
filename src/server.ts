import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { pino } from 'pino';
import { buildVestibule } from './build-vestibule.js';
import { ConfigError, loadConfig } from './load-config.js';
import { listen, ListenError } from './listen.js';

/**
 * The process entry point: reads configuration, builds everything, listens, and shuts
 * down gracefully on SIGTERM/SIGINT. The only file that reads process.env or exits.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Asynchronous stdout: one write(2) per log line was the largest single cost of a portal
  // visit in the storm profile; lines written while a write is in flight go out together.
  // pino flushes synchronously on exit, so a normal stop or a crash loses nothing; only a
  // SIGKILL can cut the write in flight.
  const logger = pino({ level: config.logLevel, redact: ['req.headers', 'res.headers'] }, pino.destination({ dest: 1, sync: false }));
  const vestibule = await buildVestibule(config, { logger, env: process.env });
  // 16 KB of headers is plenty for a portal; longer ones are an attack, not a browser.
  const limits = { maxHeaderSize: 16 * 1024, requestTimeout: 60_000, headersTimeout: 20_000 };
  // TLS_CERT_FILE/TLS_KEY_FILE: serve HTTPS directly (an openNDS level-3 FAS must be https); read once at start.
  const server = config.tls
    ? createTlsServer({ ...limits, cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }, vestibule.app)
    : createServer(limits, vestibule.app);
  const admin = vestibule.admin && config.admin ? createServer(vestibule.admin) : undefined;
  try {
    await listen(server, config.port, config.bindAddress, { port: 'PORT', address: 'BIND_ADDRESS' });
    if (admin && config.admin) await listen(admin, config.admin.port, config.admin.bindAddress, { port: 'ADMIN_PORT', address: 'ADMIN_BIND_ADDRESS' });
  } catch (error) {
    server.close();
    await vestibule.close();
    throw error;
  }
  logger.info(
    {
      url: config.publicUrl.href,
      bind: `${config.bindAddress}:${config.port}`,
      admin: config.admin ? `${config.admin.bindAddress}:${config.admin.port}` : undefined,
      store: vestibule.stores.kind,
      provider: config.provider,
    },
    'vestibule listening',
  );
  if (config.devMode) {
    console.log(`\n  Vestibule is running (development mode). Open ${new URL('/demo', config.publicUrl).href}\n`);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Stop accepting, let in-flight requests (long-polls wait at most 30 s) finish, then close stores.
    admin?.close();
    server.close(() => {
      void vestibule.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 35_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ListenError) {
    console.error(`vestibule: ${error.message}`);
  } else {
    console.error('vestibule: failed to start', error);
  }
  process.exit(1);
});
