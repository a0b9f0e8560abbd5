import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { pino } from 'pino';
import { connectVestibule, type Vestibule } from './build-vestibule.js';
import { appBornRequests } from './http/app-born-requests.js';
import { startingApps } from './http/starting-app.js';
import { ConfigError, loadConfig } from './load-config.js';
import { listen, ListenError } from './listen.js';
import { prepareVestibule } from './prepare-vestibule.js';
import { startWhenReady } from './start-when-ready.js';

/**
 * The process entry point: reads configuration, checks everything that needs no store,
 * listens at once, and builds the rest as soon as the store answers (until then every
 * request gets a 503 and /readyz says unavailable, so a missing Redis is not a crash loop);
 * shuts down gracefully on SIGTERM/SIGINT. The only file that reads process.env or exits.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Asynchronous stdout: one write(2) per log line was the largest single cost of a portal
  // visit in the storm profile; lines written while a write is in flight go out together.
  // pino flushes synchronously on exit, so a normal stop or a crash loses nothing; only a
  // SIGKILL can cut the write in flight.
  const logger = pino({ level: config.logLevel, redact: ['req.headers', 'res.headers'] }, pino.destination({ dest: 1, sync: false }));
  const prepared = await prepareVestibule(config, { logger, env: process.env });
  // The listeners serve the starting app, then the real one (no restart, same sockets); requests
  // are born with the served app's prototypes, so express need not change them (app-born-requests.ts).
  const starting = startingApps({ config, logger, metrics: prepared.metrics });
  const portal = appBornRequests();
  const adminPort = appBornRequests();
  portal.serve(starting.app);
  if (starting.admin) adminPort.serve(starting.admin);
  // 16 KB of headers is plenty for a portal; longer ones are an attack, not a browser.
  const limits = { maxHeaderSize: 16 * 1024, requestTimeout: 60_000, headersTimeout: 20_000, ...portal.serverOptions };
  // TLS_CERT_FILE/TLS_KEY_FILE: serve HTTPS directly (an openNDS level-3 FAS must be https); read once at start.
  const server = config.tls
    ? createTlsServer({ ...limits, cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }, portal.listener)
    : createServer(limits, portal.listener);
  const admin = config.admin ? createServer(adminPort.serverOptions, adminPort.listener) : undefined;
  try {
    await listen(server, config.port, config.bindAddress, { port: 'PORT', address: 'BIND_ADDRESS' });
    if (admin && config.admin) await listen(admin, config.admin.port, config.admin.bindAddress, { port: 'ADMIN_PORT', address: 'ADMIN_BIND_ADDRESS' });
  } catch (error) {
    server.close();
    throw error;
  }
  logger.info(
    {
      url: config.publicUrl.href,
      bind: `${config.bindAddress}:${config.port}`,
      admin: config.admin ? `${config.admin.bindAddress}:${config.admin.port}` : undefined,
      provider: config.provider,
    },
    'vestibule listening',
  );

  const stop = new AbortController();
  const ready = startWhenReady({ attempt: (signal) => connectVestibule(prepared, { logger, signal }), signal: stop.signal, logger });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop.abort(); // no more start attempts; one in progress drops its store connection
    // Stop accepting, let in-flight requests (long-polls wait at most 30 s) finish, then close stores.
    admin?.close();
    server.close(() => {
      void ready
        .then(
          (vestibule) => vestibule.close(),
          () => undefined, // stopped before the store answered: the attempt has let go of everything
        )
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 35_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  let vestibule: Vestibule;
  try {
    vestibule = await ready;
  } catch (error) {
    if (stop.signal.aborted) return; // shutdown() exits
    // Not something waiting fixes (a ConfigError, a bug): stop the start with it.
    admin?.close();
    server.close();
    throw error;
  }
  portal.serve(vestibule.app);
  if (vestibule.admin) adminPort.serve(vestibule.admin);
  logger.info({ store: vestibule.stores.kind, provider: config.provider }, 'vestibule ready');
  if (config.devMode) {
    console.log(`\n  Vestibule is running (development mode). Open ${new URL('/demo', config.publicUrl).href}\n`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ListenError) {
    console.error(`vestibule: ${error.message}`);
  } else {
    console.error('vestibule: failed to start', error);
  }
  process.exit(1);
});
