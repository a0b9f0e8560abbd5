import { readFileSync } from 'node:fs';
import type { Express, Request, Response } from 'express';
import type { Config } from '../config/config.js';

/** What the pages show about the organization and its helpdesk; every field is optional. */
export interface Branding {
  orgName?: string;
  helpdeskPhone?: string;
  /** `tel:` URI of the phone number (RFC 3966): the digits and a leading +, nothing else. */
  phoneHref?: string;
  helpdeskEmail?: string;
  helpdeskUrl?: string;
  /** The logo's bytes and media type, served at /brand/logo; never loaded from another host. */
  logo?: { bytes: Buffer; type: string };
}

/** Largest logo we serve: every page must stay small on a captive link. */
export const MAX_LOGO_BYTES = 8 * 1024;

const TYPES: Record<string, string> = { png: 'image/png', svg: 'image/svg+xml', webp: 'image/webp' };

/**
 * Reads the branding settings and the logo file once, at start. A logo that is missing, too
 * large or not what its extension says throws, so a bad setting stops the start instead of
 * showing a broken image to every visitor.
 */
export function loadBranding(settings: Partial<Config['branding']>): Branding {
  const branding: Branding = {
    orgName: settings.orgName,
    helpdeskPhone: settings.helpdeskPhone,
    phoneHref: settings.helpdeskPhone ? `tel:${settings.helpdeskPhone.replace(/[^+0-9]/g, '')}` : undefined,
    helpdeskEmail: settings.helpdeskEmail,
    helpdeskUrl: settings.helpdeskUrl,
  };
  if (settings.logoFile) {
    const bytes = readFileSync(settings.logoFile);
    const extension = settings.logoFile.split('.').pop()!.toLowerCase();
    if (bytes.length > MAX_LOGO_BYTES) throw new Error(`LOGO_FILE is ${bytes.length} bytes; at most ${MAX_LOGO_BYTES} are allowed`);
    if (!looksLike(extension, bytes)) throw new Error(`LOGO_FILE does not look like a ${extension.toUpperCase()} file`);
    branding.logo = { bytes, type: TYPES[extension]! };
  }
  return branding;
}

/** Magic numbers: PNG signature (ISO/IEC 15948 §5.2), RIFF....WEBP, or SVG text with an <svg element. */
function looksLike(extension: string, bytes: Buffer): boolean {
  if (extension === 'png') return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (extension === 'webp') return bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
  return /<svg[\s>]/.test(bytes.toString('utf8'));
}

/**
 * /brand/logo (the configured logo, or 404) and /favicon.ico (204: we declare no icon, so a
 * captive link does not pay for an error page on every first visit). The branding goes into
 * `app.locals`, which every page's render sees. The routes go straight onto the app and
 * nothing runs per request: a router with a locals middleware in front cost every API
 * call a router entry, a middleware call and a `res.locals` write.
 */
export function mountBrandingRoutes(app: Express, branding: Branding): void {
  app.locals.brand = branding;
  app.get('/favicon.ico', (_req: Request, res: Response) => {
    res.status(204).set('Cache-Control', 'public, max-age=86400').end();
  });
  if (branding.logo) {
    const logo = branding.logo;
    app.get('/brand/logo', (_req: Request, res: Response) => {
      // An SVG opened on its own must not run script; as an <img> it never does.
      res.set({
        'Content-Type': logo.type,
        'Cache-Control': 'public, max-age=86400',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      });
      res.send(logo.bytes);
    });
  }
}
