import { Counter } from 'prom-client';
import { decisionOf, type AccessSession } from '../../../core/sessions/access-session.js';
import type { Gateway } from '../../gateway.js';
import type { DialectServices, Release } from '../dialect.js';
import { sendCoa, type CoaOutcome } from './coa-sender.js';
import type { RadiusSettings } from './radius-settings.js';
import { RADIUS_CONTEXTS, type RadiusContext } from './radius-sessions.js';

/**
 * `vestibule_radius_coa_total{kind,result}`: one count per CoA, `result` = ack, nak,
 * no_answer or unknown_nas. Registered into the app's /metrics registry by the composition.
 */
export const radiusCoaTotal = new Counter({
  name: 'vestibule_radius_coa_total',
  help: 'RADIUS CoA / Disconnect requests sent after a quarantined device was allowed, by kind and result',
  labelNames: ['kind', 'result'] as const,
  registers: [],
});

/** Long enough that a portal page shown again later never sends a second CoA for the same decision. */
const ONCE_TTL_MS = 24 * 3_600_000;

/**
 * The radius dialect's release: once a quarantined device's session is `allow`ed, tell the
 * NAS that asked to re-authenticate it (or to drop it), so its next Access-Request meets
 * the new verdict. The portal calls this on every view of the allowed page, on any
 * instance: a claim in the store makes it one CoA per session. Fire and forget: the page
 * never waits for the NAS, and a NAS that never answers only costs the bounded retries of
 * `sendCoa`. Every CoA ends in one audit log line and one count in radiusCoaTotal.
 */
export async function radiusRelease(session: AccessSession, gateway: Gateway<RadiusSettings>, services: DialectServices): Promise<Release> {
  if (decisionOf(session) !== 'allow') return { kind: 'none' };
  const context = await services.stores.namespace<RadiusContext>(RADIUS_CONTEXTS).get(session.token);
  // A radius gateway's session that no Access-Request created (none exist today): nothing to tell.
  if (!context) return { kind: 'none' };
  const claim = await services.atomic.claim(`radius-coa:${session.token}`, String(services.now()), ONCE_TTL_MS);
  if (claim.claimed) void sendAndRecord(session, gateway, context, services);
  return { kind: 'notified' };
}

async function sendAndRecord(session: AccessSession, gateway: Gateway<RadiusSettings>, context: RadiusContext, services: DialectServices): Promise<void> {
  const { coa } = gateway.settings;
  const log = {
    event: 'radius_coa',
    gateway: gateway.id,
    nas: context.nasIpAddress,
    mac: session.client.mac,
    device: session.device?.id ?? null,
    kind: coa.kind,
  };
  const nas = gateway.settings.nas.find((entry) => entry.address === context.nasIpAddress);
  if (!nas) {
    radiusCoaTotal.inc({ kind: coa.kind, result: 'unknown_nas' });
    services.logger?.warn(log, 'radius CoA not sent: the NAS that asked is not in the gateway entry');
    return;
  }
  let outcome: CoaOutcome;
  try {
    outcome = await sendCoa({
      kind: coa.kind,
      nas: { address: nas.address, port: nas.coaPort, secret: nas.secret },
      target: context,
      timeoutMs: coa.timeoutMs,
      attempts: coa.attempts,
    });
  } catch (error) {
    services.logger?.error({ ...log, err: error }, 'radius CoA failed');
    return;
  }
  radiusCoaTotal.inc({ kind: coa.kind, result: outcome.result });
  const fields = { ...log, result: outcome.result, attempts: outcome.attempts, errorCause: outcome.errorCause };
  if (outcome.result === 'ack') services.logger?.info(fields, 'radius CoA ack');
  else services.logger?.warn(fields, `radius CoA ${outcome.result}`);
}
