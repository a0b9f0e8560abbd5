import type { NextFunction, Request, Response } from 'express';

/**
 * oidc-provider's own pages (e.g. "end the other account's session first" when switching
 * accounts) auto-submit a form with an inline script. The portal's CSP forbids inline
 * script, which would leave a JavaScript-enabled browser on a blank page. This looser
 * policy applies to the development IdP's paths only; the portal keeps its strict one.
 */
export function devIdpCsp(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  next();
}
