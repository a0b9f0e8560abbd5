import type { AccessSession } from '../../../core/sessions/access-session.js';
import { effectiveStatus } from '../../../core/sessions/access-session.js';
import type { AccessSessionRepository } from '../../../core/sessions/access-session-repository.js';
import type { Namespace } from '../../../core/store/types.js';
import type { AccessRequest } from './access-request.js';

/** The namespace the contexts live in; the release reads it through DialectServices. */
export const RADIUS_CONTEXTS = 'radius-context';

/** What the CoA needs later, remembered per portal session (keyed by its token). */
export interface RadiusContext {
  gatewayId: string;
  nasIpAddress: string;
  callingStationId: string | undefined;
  userName: string | undefined;
  acctSessionId: string | undefined;
}

export interface RadiusSessionsDeps {
  sessions: AccessSessionRepository;
  /** `{gatewayId} {device key}` → session token, so repeated Access-Requests share one portal session. */
  index: Namespace<string>;
  contexts: Namespace<RadiusContext>;
  /** How long both live: a session's whole possible life (pending + decision). */
  ttlMs: number;
  now?: () => number;
}

/**
 * Portal sessions for quarantined RADIUS clients. A switch re-sends Access-Requests
 * (re-auth timers, roaming), so one device behind one gateway gets one open session,
 * reused while it is still open; a new one only once the last expired or was allowed.
 */
export class RadiusSessions {
  constructor(private readonly deps: RadiusSessionsDeps) {}

  /** Finds or creates the open session for this device; records where its CoA must go. */
  async portalSessionFor(
    gatewayId: string,
    device: { mac: string | null; deviceId: string | null },
    request: AccessRequest & { nasIpAddress: string },
  ): Promise<AccessSession> {
    const key = `${gatewayId} ${device.deviceId ? `id:${device.deviceId}` : `mac:${device.mac}`}`;
    const now = (this.deps.now ?? Date.now)();
    const known = await this.deps.index.get(key);
    const stored = known ? await this.deps.sessions.byToken(known) : undefined;
    const open = stored && stored.session.gatewayId === gatewayId && ['pending', 'evaluating', 'blocked'].includes(effectiveStatus(stored.session, now));
    const session = open
      ? stored.session
      : (
          await this.deps.sessions.create({
            gatewayId,
            via: 'pushed',
            sid: request.acctSessionId ?? null,
            originalUrl: null,
            // The switch saw this MAC on its port and FreeRADIUS authenticated the switch: as good as a signed redirect.
            client: { mac: device.mac, ip: request.framedIpAddress ?? null, macVerified: device.mac !== null },
            assertedDeviceId: device.deviceId,
          })
        ).session;
    if (!open) await this.deps.index.set(key, session.token, this.deps.ttlMs);
    // The latest Access-Request wins: the device may have moved to another switch port or NAS.
    await this.deps.contexts.set(
      session.token,
      {
        gatewayId,
        nasIpAddress: request.nasIpAddress,
        callingStationId: request.callingStationId,
        userName: request.userName,
        acctSessionId: request.acctSessionId,
      },
      this.deps.ttlMs,
    );
    return session;
  }

  contextOf(token: string): Promise<RadiusContext | undefined> {
    return this.deps.contexts.get(token);
  }
}
