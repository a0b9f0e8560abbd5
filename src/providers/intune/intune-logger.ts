/** The slice of pino the provider uses. Never pass tokens, secrets or Authorization headers. */
export interface IntuneLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentLogger: IntuneLogger = {
  info() {},
  warn() {},
  error() {},
};

/**
 * Error summary safe to log: name and message only. Never the cause chain, request
 * options or headers, which is where a bearer token or client secret would sit.
 */
export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
