import type { NextFunction, Request, Response } from 'express';
import { BadRequestError, HttpError } from './errors.js';

const MAX_URL_LENGTH = 4096;
const MAX_QUERY_PARAMETERS = 32;

/**
 * Bounds every request before routing: URL length and parameter count. Header size is
 * bounded by the HTTP server (maxHeaderSize), bodies by each route's parser.
 */
export function requestLimits(req: Request, _res: Response, next: NextFunction): void {
  if (req.originalUrl.length > MAX_URL_LENGTH) throw new HttpError(414, 'uri_too_long', 'The address is too long.');
  const query = req.originalUrl.indexOf('?');
  if (query !== -1 && req.originalUrl.slice(query).split('&').length > MAX_QUERY_PARAMETERS) {
    throw new BadRequestError('Too many query parameters.', 'too_many_parameters');
  }
  next();
}
