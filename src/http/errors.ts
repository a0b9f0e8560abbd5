import { ProviderUnavailableError } from '../core/compliance/errors.js';
import { StoreUnavailableError } from '../core/store/types.js';
import { DomainError } from '../core/errors.js';
import { describeDomainError } from './domain-errors.js';
import { guessedRetryAfterSeconds } from './guessed-retry-after.js';

/**
 * HTTP errors (the HTTP layer's own; the core throws DomainError, see src/core/errors.ts). Each carries a status, a stable `code` (the last part of the problem
 * `type` URI) and `expose`: whether its message may be shown to the client. Errors of
 * status >= 500 never expose their message; the error handler answers with a generic
 * title instead, so internals, secrets and tokens cannot leak.
 */
export class HttpError extends Error {
  readonly expose: boolean;
  /** Extra headers for the response (e.g. Retry-After). */
  headers: Record<string, string> = {};

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.expose = status < 500;
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string, code = 'bad_request') {
    super(400, code, message);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(message = 'A valid bearer key is required.') {
    super(401, 'unauthorized', message);
    this.headers['WWW-Authenticate'] = 'Bearer';
  }
}

export class ForbiddenError extends HttpError {
  constructor(message: string, code = 'forbidden') {
    super(403, code, message);
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'Not found.', code = 'not_found') {
    super(404, code, message);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string, code = 'conflict') {
    super(409, code, message);
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(message = 'The request body is too large.') {
    super(413, 'payload_too_large', message);
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor(message = 'Send application/json.') {
    super(415, 'unsupported_media_type', message);
  }
}

/** A dependency (store, IdP, compliance backend) is down or a throttle says wait. */
export class ServiceUnavailableError extends HttpError {
  readonly publicMessage: string;
  constructor(publicMessage: string, options?: { retryAfterSeconds?: number; cause?: unknown; code?: string }) {
    super(503, options?.code ?? 'service_unavailable', publicMessage, { cause: options?.cause });
    // 503s normally hide their message; this one is written for the client on purpose.
    this.publicMessage = publicMessage;
    if (options?.retryAfterSeconds !== undefined) {
      this.headers['Retry-After'] = String(Math.max(1, Math.ceil(options.retryAfterSeconds)));
    }
  }
}

/** RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The one place that turns any thrown value into what a client may see. */
export function toProblem(error: unknown): { problem: Problem; headers: Record<string, string> } {
  const http = normalise(error);
  const detail =
    http instanceof ServiceUnavailableError ? http.publicMessage : http.expose ? http.message : 'Something went wrong on our side. Try again in a moment.';
  return {
    problem: {
      type: `urn:vestibule:problem:${http.code}`,
      title: TITLES[http.status] ?? 'Error',
      status: http.status,
      detail,
    },
    headers: http.headers,
  };
}

/** Maps errors thrown by libraries (body-parser, etc.) and by our dependencies onto HttpError. */
export function normalise(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  // Domain errors carry a code and a kind; the status and the words are decided here, not where they are thrown.
  if (error instanceof DomainError) {
    const { status, detail } = describeDomainError(error);
    return new HttpError(status, error.code, detail, { cause: error });
  }
  // A store or compliance backend that cannot answer is a 503 (fail closed), never a 500.
  if (error instanceof StoreUnavailableError) {
    return new ServiceUnavailableError('The service cannot answer right now. Try again in a moment.', {
      cause: error,
      retryAfterSeconds: guessedRetryAfterSeconds(),
      code: 'store_unavailable',
    });
  }
  if (error instanceof ProviderUnavailableError) {
    // The backend may say how long to wait (Graph's Retry-After); pass that on. Otherwise a jittered guess.
    const hinted = error.options.retryAfterSeconds;
    const retryAfterSeconds = hinted === undefined ? guessedRetryAfterSeconds() : Math.max(5, hinted);
    return new ServiceUnavailableError('The compliance service cannot answer right now. Try again in a moment.', {
      cause: error,
      retryAfterSeconds,
      code: 'provider_unavailable',
    });
  }
  const candidate = error as { status?: unknown; statusCode?: unknown; type?: unknown; expose?: unknown } | null;
  const status = Number(candidate?.status ?? candidate?.statusCode);
  if (Number.isInteger(status) && status >= 400 && status < 500) {
    if (status === 413) return new PayloadTooLargeError();
    if (status === 415) return new UnsupportedMediaTypeError();
    if (candidate?.type === 'entity.parse.failed') return new BadRequestError('The request body is not valid JSON.', 'invalid_json');
    return new HttpError(status, 'bad_request', candidate?.expose === true ? String((error as Error).message) : 'The request was not valid.');
  }
  return new HttpError(500, 'internal', 'internal error', { cause: error });
}
