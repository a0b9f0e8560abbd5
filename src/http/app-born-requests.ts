import type { Express } from 'express';
import { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** node:http server options (`IncomingMessage`, `ServerResponse`) plus the app whose prototypes they give. */
export interface AppBornRequests {
  /** Spread into `http.createServer`/`https.createServer` options. */
  readonly serverOptions: { IncomingMessage: typeof IncomingMessage; ServerResponse: typeof ServerResponse };
  /** Requests and responses the server creates from now on are born as `app`'s (`app.request`/`app.response`). */
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
 * project's 2-core machine, a bare express 5 app answered ≈14,000 req/s and the same app
 * with these classes ≈63,000 (`docs/performance.md`). V8 returns at once when the prototype
 * is already the one asked for, so express's call becomes free; express itself, its router
 * and every middleware run unchanged, on objects with exactly the prototypes express would
 * have given them.
 *
 * Before the first `serve` (a server that listens before its app exists) instances get
 * Node's own prototypes and express sets them as usual. Switching apps (src/server.ts swaps
 * the starting app for the real one) affects requests created afterwards; one already in
 * flight is still handled by whichever app it reaches, which sets its prototype itself.
 * Relies on Node's documented `IncomingMessage`/`ServerResponse` server options
 * (https://nodejs.org/docs/latest-v20.x/api/http.html#httpcreateserveroptions-requestlistener).
 */
export function appBornRequests(): AppBornRequests {
  // Function constructors, not classes: a class's `prototype` cannot be replaced, and the
  // instances must have exactly `app.request` as prototype for express's call to be a no-op.
  function Request(this: IncomingMessage, socket: Socket): void {
    (IncomingMessage as unknown as (this: IncomingMessage, socket: Socket) => void).call(this, socket);
  }
  function Response(this: ServerResponse, req: IncomingMessage, options?: object): void {
    (ServerResponse as unknown as (this: ServerResponse, req: IncomingMessage, options?: object) => void).call(this, req, options);
  }
  // Static inheritance, as `class … extends` would set it up: V8 sizes a constructor's
  // instances by the properties its constructor chain assigns, so Node's fields stay
  // in-object. Without it each request and response outgrew its in-object space and went to
  // dictionary mode (≈1.6 KB of property table each, seen in a heap snapshot of held polls).
  Object.setPrototypeOf(Request, IncomingMessage);
  Object.setPrototypeOf(Response, ServerResponse);
  Request.prototype = IncomingMessage.prototype;
  Response.prototype = ServerResponse.prototype;
  return {
    serverOptions: { IncomingMessage: Request as unknown as typeof IncomingMessage, ServerResponse: Response as unknown as typeof ServerResponse },
    serve(app: Express) {
      Request.prototype = app.request;
      Response.prototype = app.response;
    },
  };
}
