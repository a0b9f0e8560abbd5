import express, { type NextFunction, type Request, type Response } from 'express';
import { UnsupportedMediaTypeError } from './errors.js';

/**
 * A JSON body, or a clear refusal: anything but application/json is a 415, and the
 * parser is strict (objects and arrays only) and bounded to `limit`.
 */
export function jsonBody(options: { limit: string }) {
  return [
    function requireJson(req: Request, _res: Response, next: NextFunction) {
      next(req.is('application/json') ? undefined : new UnsupportedMediaTypeError());
    },
    express.json({ limit: options.limit, strict: true }),
  ];
}
