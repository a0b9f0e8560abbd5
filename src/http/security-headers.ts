import { randomFillSync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** Our CSP: pages need no script, so script-src allows only a per-response nonce (for a future progressive enhancement). */
const CSP_DIRECTIVES = {
  defaultSrc: ["'none'"],
  scriptSrc: ['NONCE_SLOT'],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
};
const NONCE_SLOT = 'NONCE_SLOT';

/**
 * The headers helmet would set, computed once: helmet runs a single time against a
 * recording response at start-up, so the set stays exactly helmet's (and follows helmet
 * upgrades), and each request copies a fixed list instead of running helmet's dozen
 * middlewares and rebuilding the CSP string. Only the nonce changes per response.
 */
function helmetHeaders(): Array<[string, string]> {
  const recorded = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string) => recorded.set(name, String(value)),
    removeHeader: (name: string) => recorded.delete(name),
    getHeader: (name: string) => recorded.get(name),
    locals: {},
  } as unknown as ServerResponse;
  const middleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES, scriptSrc: [`'nonce-${NONCE_SLOT}'`] } },
    referrerPolicy: { policy: 'no-referrer' },
    // CSP frame-ancestors 'none' says the same to current browsers; DENY covers older ones (helmet's default is SAMEORIGIN).
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false, // set by the TLS terminator, which knows whether TLS is in use
  });
  let finished = false;
  middleware({ method: 'GET', headers: {}, url: '/' } as IncomingMessage, recorder, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error('helmet reported a failure at start-up');
    finished = true;
  });
  // helmet 8 is synchronous; if a future version is not, fail at start-up rather than send no headers.
  if (!finished) throw new Error('helmet did not finish synchronously');
  return [...recorded];
}

/** Random bytes drawn from a pooled buffer: one getrandom call per 256 nonces instead of one per response. */
function noncePool(bytesPerNonce: number, noncesPerFill = 256) {
  const pool = Buffer.alloc(bytesPerNonce * noncesPerFill);
  let offset = pool.length;
  return () => {
    if (offset === pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    const nonce = pool.toString('base64', offset, offset + bytesPerNonce);
    offset += bytesPerNonce;
    return nonce;
  };
}

/**
 * helmet with a strict CSP: script-src allows only a fresh per-response nonce (nothing
 * inline, nothing from another host), frames are refused and forms may post only to us.
 *
 * Installed on the app's response prototype (`app.response`) and applied as the head is
 * written, to every response of the app — refusals before routing, errors, static files
 * and sub-apps included. A header a route set itself (the dev IdP's and the branding
 * SVG's own CSP) is left alone. Applied at the head rather than on arrival so a held
 * long-poll does not keep a dozen header entries from the moment it arrives: with ten
 * thousand waiters that was a large share of each one's memory.
 *
 * A view that needs the nonce (none does yet) sets `res.locals.cspNonce = newCspNonce()`
 * before rendering; the header then carries that nonce.
 */
export function installSecurityHeaders(response: Pick<ServerResponse, 'writeHead'>): void {
  const headers = helmetHeaders();
  const staticHeaders = headers.filter(([name]) => name !== 'Content-Security-Policy');
  const csp = headers.find(([name]) => name === 'Content-Security-Policy')?.[1];
  if (!csp || csp.split(NONCE_SLOT).length !== 2) throw new Error('the CSP template has no single nonce slot');
  const [cspBefore, cspAfter] = csp.split(NONCE_SLOT) as [string, string];
  const writeHead = response.writeHead;
  response.writeHead = function writeHeadWithSecurityHeaders(this: ServerResponse & { locals?: { cspNonce?: string } }, ...args: unknown[]) {
    for (const [name, value] of staticHeaders) if (!this.hasHeader(name)) this.setHeader(name, value);
    if (!this.hasHeader('Content-Security-Policy')) this.setHeader('Content-Security-Policy', cspBefore + (this.locals?.cspNonce ?? newCspNonce()) + cspAfter);
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  };
}

/** A fresh CSP nonce (16 random bytes, base64). */
export const newCspNonce = noncePool(16);
