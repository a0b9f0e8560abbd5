/** A managed device exactly as Graph serialises it (all properties, Graph's casing). */
export type GraphDeviceJson = Record<string, unknown> & { id: string };

/** What the fake does instead of answering normally. */
export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Accepts the request and never answers, like a dead proxy or a hung backend. */
  | { kind: 'blackHole' };

export interface FaultRule {
  method?: string;
  /** Exact pathname, or a pattern tested against the pathname. */
  path: string | RegExp;
  fault: Fault;
  /** How many matching requests get the fault; Infinity by default. */
  remaining: number;
}

export interface CallRecord {
  method: string;
  path: string;
  query: URLSearchParams;
  at: number;
}

/** Graph's error body shape: `{ error: { code, message } }`. */
export function graphError(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}
