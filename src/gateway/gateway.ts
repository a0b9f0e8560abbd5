/** Which back-channel API families a gateway's keys may call (PROTOCOL.md, gateways file). */
/** `ise`: the Cisco ISE MDM API (HTTP Basic, gateway id as user name, an API key as password). */
/** `radius`: the FreeRADIUS rlm_rest authorize endpoint (a radius-dialect gateway's Bearer key). */
export type Scope = 'sessions' | 'compliance' | 'ise' | 'radius';

/**
 * One gateway from GATEWAYS_FILE, after its dialect prepared its settings. The common
 * part (id, name, scopes, API keys) is the same for every dialect; everything about how
 * the gateway signs, redirects and is released lives in `settings`, whose shape only its
 * dialect knows (native: NativeSettings).
 */
export interface Gateway<Settings = unknown> {
  id: string;
  name: string;
  /** A name registered in src/gateway/dialects/index.ts; checked at start. */
  dialect: string;
  settings: Settings;
  scopes: ReadonlySet<Scope>;
}

/** What a gateway id looks like (PROTOCOL.md): checked before any lookup. */
export const GATEWAY_ID = /^[a-z0-9-]{1,64}$/;
