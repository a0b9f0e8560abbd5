/**
 * The baseline: a bare express 5 app answering a small JSON body, the same size class as
 * a session view. Every request to /hold is held by a timer for 30 s (the long-poll memory
 * baseline); /held says how many are held, /memory reports memory after a full GC. Prints its
 * address with `BENCH-READY`.
 *
 * BARE_BORN=1 (`--baseline express-born`): the server creates requests with the app's own
 * prototypes, as Vestibule's does (src/http/app-born-requests.ts) — the baseline for "what
 * does Vestibule add to an express app that has the same fix".
 */
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appBornRequests } from '../../src/http/app-born-requests.js';
import { ready } from '../lib/ready.js';

const app = express();
app.get('/', (_req, res) => {
  res.json({ ok: true, token: 'x'.repeat(43), status: 'pending', version: 1 });
});
let held = 0;
app.get('/hold', (_req, res) => {
  held += 1;
  const timer = setTimeout(() => res.json({ ok: true }), 30_000);
  res.on('close', () => {
    held -= 1;
    clearTimeout(timer);
  });
});
app.get('/held', (_req, res) => {
  res.json({ held });
});
app.get('/memory', (_req, res) => {
  (globalThis as { gc?: () => void }).gc?.();
  res.json({ ...process.memoryUsage(), held });
});
// The baseline uses Node's own classes; BARE_BORN=1 the ones Vestibule's server uses.
const born = process.env.BARE_BORN === '1' ? appBornRequests() : undefined;
born?.serve(app);
const server = createServer({ ...born?.serverOptions, maxHeaderSize: 16 * 1024 }, app).listen(0, '127.0.0.1', () => {
  ready({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
