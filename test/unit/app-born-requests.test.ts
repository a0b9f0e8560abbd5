import assert from 'node:assert/strict';
import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import express, { type Express } from 'express';
import { appBornRequests } from '../../src/http/app-born-requests.js';

/** An app that says which app it is and echoes a query value and a header through express's own request/response methods. */
function namedApp(name: string): Express {
  const app = express();
  app.get('/who', (req, res) => {
    res
      .set('X-App', name)
      .status(203)
      .json({ app: name, q: req.query.q, agent: req.get('x-probe'), ip: req.ip });
  });
  return app;
}

describe('requests born as the app’s (express’s per-request setPrototypeOf becomes a no-op)', () => {
  const born = appBornRequests();
  const seen: Array<{ req: object; res: object }> = [];
  let app: Express = namedApp('first');
  const server: Server = createServer(born.serverOptions, (req, res) => {
    // Observed before express touches them: what the server created.
    seen.push({ req: Object.getPrototypeOf(req) as object, res: Object.getPrototypeOf(res) as object });
    app(req, res);
  });
  const url = new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
  after(() => server.close());

  it('creates Node’s own request and response before the first app is served, and express still works', async () => {
    const res = await fetch(`${await url}/who?q=1`, { headers: { 'x-probe': 'a' } });
    assert.equal(res.status, 203);
    assert.deepEqual(await res.json(), { app: 'first', q: '1', agent: 'a', ip: '127.0.0.1' });
    assert.equal(seen.at(-1)!.req, IncomingMessage.prototype);
    assert.equal(seen.at(-1)!.res, ServerResponse.prototype);
  });

  it('creates them with the served app’s prototypes, and the answer is the same', async () => {
    born.serve(app);
    const res = await fetch(`${await url}/who?q=2`, { headers: { 'x-probe': 'b' } });
    assert.equal(res.status, 203);
    assert.equal(res.headers.get('x-app'), 'first');
    assert.deepEqual(await res.json(), { app: 'first', q: '2', agent: 'b', ip: '127.0.0.1' });
    assert.equal(seen.at(-1)!.req, app.request);
    assert.equal(seen.at(-1)!.res, app.response);
  });

  it('follows a swap to another app for requests created afterwards', async () => {
    const previous = app;
    app = namedApp('second');
    born.serve(app);
    const res = await fetch(`${await url}/who?q=3`);
    assert.deepEqual(await res.json(), { app: 'second', q: '3', ip: '127.0.0.1' });
    assert.equal(seen.at(-1)!.req, app.request);
    assert.notEqual(seen.at(-1)!.req, previous.request);
  });

  it('inherits Node’s constructors statically, so V8 sizes instances for Node’s fields (without it they fall into dictionary mode)', () => {
    assert.equal(Object.getPrototypeOf(born.serverOptions.IncomingMessage), IncomingMessage);
    assert.equal(Object.getPrototypeOf(born.serverOptions.ServerResponse), ServerResponse);
  });

  it('its listener answers 503 before the first app and then hands each request to the app last served', async () => {
    const own = appBornRequests();
    const probe = createServer(own.serverOptions, own.listener);
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/who?q=4`;
    try {
      assert.equal((await fetch(at)).status, 503);
      own.serve(namedApp('one'));
      assert.equal(((await (await fetch(at)).json()) as { app: string }).app, 'one');
      own.serve(namedApp('two'));
      assert.equal(((await (await fetch(at)).json()) as { app: string }).app, 'two');
    } finally {
      probe.closeAllConnections();
      probe.close();
    }
  });

  it('leaves instances real Node requests and responses (instanceof, streams)', async () => {
    let checked = false;
    const probe = createServer(born.serverOptions, (req, res) => {
      checked = req instanceof IncomingMessage && res instanceof ServerResponse && typeof req.pipe === 'function';
      res.end('ok');
    });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(probe.address() as AddressInfo).port}/`);
      assert.equal(await res.text(), 'ok');
      assert.equal(checked, true);
    } finally {
      probe.close();
    }
  });
});
