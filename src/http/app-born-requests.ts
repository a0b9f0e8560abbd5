import type { Express } from 'express';
import { IncomingMessage, ServerResponse, type RequestListener } from 'node:http';
import type { Socket } from 'node:net';

type ServerClasses = { IncomingMessage: typeof IncomingMessage; ServerResponse: typeof ServerResponse };

/** A server's classes and request listener, both following the app last given to `serve`. */
export interface AppBornRequests {
  /** Spread into `http.createServer`/`https.createServer` options. */
  readonly serverOptions: ServerClasses;
  /** The server's request listener: hands each request to the served app (a bare 503 before the first `serve`). */
  readonly listener: RequestListener;
  /** From now on requests go to `app`, born as its own (`app.request`/`app.response`). */
  serve(app: Express): void;
}

/**
 * Request and response classes for a node:http(s) server whose instances are created with
 * an express app's own prototypes (`app.request`, `app.response`, which inherit from
 * Node's), instead of Node's.
 *
 * Why: express's `app.handle` calls `Object.setPrototypeOf(req, app.request)` and the same
 * for `res` on every request. Changing a live object's prototype gives it a new hidden
 * class, and every Node and express function that touches it afterwards (parser callbacks,
 * header writes, the router) meets a shape it has not optimised for: measured on this
 * project's 2-core machine, a bare express 5 app answered 11,000–15,500 req/s and the same
 * app with these classes 71,000–82,000 (`docs/performance.md`, "Fourth round"). Setting
 * the prototype an object already has changes nothing (ECMA-262 OrdinarySetPrototypeOf
 * returns at its SameValue step; V8 does not touch the object's hidden class), so express's
 * call becomes free; express itself, its router and every middleware run unchanged, on
 * objects with exactly the prototypes express would have given them.
 *
 * Before the first `serve` (a server that listens before its app exists) instances get
 * Node's own prototypes. Switching apps (src/server.ts swaps the starting app for the real
 * one) switches the listener and the classes together, for requests that arrive afterwards;
 * one already in flight stays with the app that has it.
 * Relies on Node's documented `IncomingMessage`/`ServerResponse` server options
 * (https://nodejs.org/docs/latest-v20.x/api/http.html#httpcreateserveroptions-requestlistener)
 * and on Node's classes being callable functions (as they are in Node 20); if a Node version
 * makes them ES classes, the server gets Node's own classes and `serve` does nothing, so
 * requests work as before, only slower.
 */
export function appBornRequests(): AppBornRequests {
  const classes = bornClasses();
  let served: Express | undefined;
  return {
    serverOptions: classes.serverOptions,
    listener(req, res) {
      if (served) {
        served(req, res);
        return;
      }
      res.statusCode = 503;
      res.end();
    },
    serve(app: Express) {
      served = app;
      classes.bornAs(app);
    },
  };
}

/** The constructors, and how to make their instances an app's; Node's own classes (and no-op) where they cannot be wrapped. */
function bornClasses(): { serverOptions: ServerClasses; bornAs(app: Express): void } {
  if (isClass(IncomingMessage) || isClass(ServerResponse)) {
    return { serverOptions: { IncomingMessage, ServerResponse }, bornAs() {} };
  }
  // Function constructors, not classes: a class's `prototype` cannot be replaced, and the
  // instances must have exactly `app.request` as prototype for express's call to be a no-op.
  function BornRequest(this: IncomingMessage, socket: Socket): void {
    (IncomingMessage as unknown as (this: IncomingMessage, socket: Socket) => void).call(this, socket);
  }
  function BornResponse(this: ServerResponse, req: IncomingMessage, options?: object): void {
    (ServerResponse as unknown as (this: ServerResponse, req: IncomingMessage, options?: object) => void).call(this, req, options);
  }
  // Static inheritance, as `class … extends` would set it up: V8 sizes a constructor's
  // instances by the properties assigned along the constructor's own prototype chain
  // (JSFunction::CalculateExpectedNofProperties), so Node's fields stay in-object. Without
  // it each request and response outgrew its in-object space and went to dictionary mode
  // (≈1.6 KB of property table each in a heap snapshot of held polls, and slower access).
  Object.setPrototypeOf(BornRequest, IncomingMessage);
  Object.setPrototypeOf(BornResponse, ServerResponse);
  BornRequest.prototype = IncomingMessage.prototype;
  BornResponse.prototype = ServerResponse.prototype;
  return {
    serverOptions: { IncomingMessage: BornRequest as unknown as typeof IncomingMessage, ServerResponse: BornResponse as unknown as typeof ServerResponse },
    bornAs(app: Express) {
      BornRequest.prototype = app.request;
      BornResponse.prototype = app.response;
    },
  };
}

/** Whether `constructor` is an ES class (which cannot be called without `new`). */
function isClass(constructor: unknown): boolean {
  return /^class\b/.test(Function.prototype.toString.call(constructor));
}
