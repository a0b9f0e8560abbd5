import type { Response } from 'express';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Answers with `body` as JSON, the same bytes and headers as express's `res.json` (status,
 * `Content-Type: application/json; charset=utf-8`, `Content-Length`, no body for HEAD, 304
 * when the request's conditional headers say the client's copy is fresh), without the work
 * `res.json`/`res.send` repeat per response: the content type looked up by name and its
 * charset parsed and written back, the ETag setting read, four header reads. The app sets
 * no JSON replacer, spacing or escaping, so the body is `JSON.stringify(body)`.
 */
export function sendJson(res: Response, body: unknown, status = 200): void {
  const text = JSON.stringify(body);
  const req = res.req;
  res.statusCode = status;
  // Conditional requests are rare on these APIs: only they pay for express's freshness check.
  if ((req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined) && req.fresh) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  if (req.method === 'HEAD') res.end();
  else res.end(text);
}
