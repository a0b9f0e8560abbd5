import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import express, { type NextFunction, type Request, type Response } from 'express';
import { MemoryStore, type ClientRateLimitInfo } from 'express-rate-limit';
import request from 'supertest';
import { failureBudget } from '../../src/http/failure-budget.js';

/** A memory store that counts what the budget asks of it. */
class CountingStore extends MemoryStore {
  reads = 0;
  increments = 0;
  override async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    this.reads += 1;
    return super.get(key);
  }
  override async increment(key: string): Promise<ClientRateLimitInfo> {
    this.increments += 1;
    return super.increment(key);
  }
}

function app(store: MemoryStore, limit = 3) {
  const server = express();
  const budget = failureBudget({
    limit,
    windowMs: 60_000,
    keyOf: (req) => String(req.get('x-client')),
    store,
    refuse: () => Object.assign(new Error('refused'), { status: 429 }),
  });
  server.use(budget.check);
  server.get('/ok', (_req, res) => void res.json({ ok: true }));
  server.get('/missing', () => {
    throw Object.assign(new Error('no such thing'), { status: 404 });
  });
  server.use(budget.count);
  server.use((error: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => void res.status(error.status ?? 500).end());
  return server;
}

describe('failure budget (session API failures)', () => {
  it('successful requests only read the count: no store write', async () => {
    const store = new CountingStore();
    const server = app(store);
    for (let i = 0; i < 10; i += 1) assert.equal((await request(server).get('/ok').set('x-client', 'a')).status, 200);
    assert.equal(store.increments, 0);
    assert.equal(store.reads, 10);
  });

  it('failures are counted; at the limit the key is refused, successes included, while another key is not', async () => {
    const store = new CountingStore();
    const server = app(store);
    for (let i = 0; i < 3; i += 1) assert.equal((await request(server).get('/missing').set('x-client', 'a')).status, 404);
    assert.equal(store.increments, 3);
    assert.equal((await request(server).get('/missing').set('x-client', 'a')).status, 429);
    assert.equal((await request(server).get('/ok').set('x-client', 'a')).status, 429);
    assert.equal(store.increments, 3, "the budget's own refusals are not counted again");
    assert.equal(store.increments, 3, "the budget's own refusals are not counted again");
    assert.equal((await request(server).get('/missing').set('x-client', 'b')).status, 404);
  });

  it('a store that fails to read lets the request through', async () => {
    const store = new CountingStore();
    store.get = () => Promise.reject(new Error('store down'));
    assert.equal((await request(app(store)).get('/ok').set('x-client', 'a')).status, 200);
  });
});
