import type { Request } from 'express';

/**
 * One field of an urlencoded form body (`express.urlencoded` puts it on `req.body`): the
 * value when it is a single string, otherwise (absent, repeated, no body) `undefined`.
 */
export function formField(req: Request, name: string): string | undefined {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const value: unknown = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
