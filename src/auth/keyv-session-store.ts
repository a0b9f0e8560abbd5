import session from 'express-session';
import type { Namespace } from '../core/store/types.js';

type Callback = (error?: unknown) => void;

/**
 * express-session over our store, so browser sessions survive restarts and are shared
 * by every instance. The TTL is the cookie's own lifetime: no session row outlives it.
 */
export class KeyvSessionStore extends session.Store {
  constructor(
    private readonly sessions: Namespace<session.SessionData>,
    private readonly defaultTtlMs: number,
  ) {
    super();
  }

  override get(sid: string, callback: (error: unknown, data?: session.SessionData | null) => void): void {
    this.sessions.get(sid).then((data) => callback(null, data ?? null), callback);
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    this.sessions.set(sid, data, this.ttl(data)).then(
      () => callback?.(),
      (error) => callback?.(error),
    );
  }

  override destroy(sid: string, callback?: Callback): void {
    this.sessions.delete(sid).then(
      () => callback?.(),
      (error) => callback?.(error),
    );
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    this.set(sid, data, callback);
  }

  private ttl(data: session.SessionData): number {
    const expires = data.cookie?.expires ? new Date(data.cookie.expires).getTime() - Date.now() : this.defaultTtlMs;
    return Math.max(1000, Math.min(expires, this.defaultTtlMs));
  }
}
