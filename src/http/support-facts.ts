import { createHash } from 'node:crypto';
import type { AccessSession } from '../core/sessions/access-session.js';
import { formatMac } from '../core/device/mac-address.js';

/** What the support block shows: what a helpdesk needs to find this visit. */
export interface SupportFacts {
  /** The client's MAC as the gateway reported it; null when the gateway sent none. */
  mac: string | null;
  /** When the page was made, for people: "29 Nov 2026, 12:15 UTC". */
  time: string;
  /** Short reference that is also logged with the page ("portal page shown"), or the request id. */
  reference: string | null;
}

/**
 * An 8-character reference for an access session: a hash of its handle, so it can be read out
 * on the phone and searched in the logs, but gives nobody the handle (a secret) itself.
 */
export function sessionReference(session: Pick<AccessSession, 'handle'>): string {
  return createHash('sha256').update(session.handle).digest('base64url').slice(0, 8).toUpperCase().replace(/[-_]/g, 'X');
}

/** Formats `at` (ms) for people in `language`, in UTC: we do not know the phone's time zone. */
export function formatUtc(at: number, language: string): string {
  return `${new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(at)} UTC`;
}

/** The support facts for a session's page (or an error page without a session). */
export function supportFacts(options: { session?: AccessSession; requestId?: string; now: number; language: string }): SupportFacts {
  return {
    // As the gateway saw it, written the way people read MACs (3C:22:FB:10:20:30).
    mac: options.session?.client.mac ? formatMac(options.session.client.mac) : null,
    time: formatUtc(options.now, options.language),
    reference: options.session ? sessionReference(options.session) : (options.requestId ?? null),
  };
}
