import { Counter } from 'prom-client';
import type { Logger } from 'pino';
import type { AccessSession } from '../../../core/sessions/access-session.js';
import type { GatewayRegistry } from '../../gateway-registry.js';
import { sendCoa, type CoaOutcome } from './coa-sender.js';
import type { RadiusSessions } from './radius-sessions.js';

export interface CoaReleaseDeps {
  registry: GatewayRegistry;
  radiusSessions: RadiusSessions;
  logger: Logger;
}

/**
 * The radius dialect's release: once a quarantined device's session turns `allowed`, tell
 * the NAS that asked to re-authenticate it (or to drop it), so its next Access-Request
 * meets the new verdict. Fire and forget: the portal answer never waits for the NAS, and
 * a NAS that never answers only costs the bounded retries of `sendCoa`. Every CoA ends in
 * one audit log line and one count in `vestibule_radius_coa_total{kind,result}`.
 */
export function createCoaRelease(deps: CoaReleaseDeps) {
  const coaTotal = new Counter({
    name: 'vestibule_radius_coa_total',
    help: 'RADIUS CoA / Disconnect requests sent after a quarantined device was allowed, by kind and result',
    labelNames: ['kind', 'result'] as const,
    registers: [],
  });
  const inFlight = new Set<AbortController>();

  async function release(session: AccessSession): Promise<CoaOutcome | undefined> {
    const gateway = deps.registry.byId(session.gatewayId);
    if (session.status !== 'allowed' || gateway?.dialect !== 'radius' || !gateway.radius) return undefined;
    const context = await deps.radiusSessions.contextOf(session.token);
    if (!context) return undefined; // a radius gateway's session that no Access-Request created: nothing to tell
    const log = { gateway: gateway.id, nas: context.nasIpAddress, mac: session.client.mac, device: session.device?.id ?? null, kind: gateway.radius.coa.kind };
    const nas = gateway.radius.nas.find((entry) => entry.address === context.nasIpAddress);
    if (!nas) {
      deps.logger.warn({ ...log, event: 'radius_coa' }, 'radius CoA not sent: the NAS that asked is not in the gateway entry');
      coaTotal.inc({ kind: gateway.radius.coa.kind, result: 'unknown_nas' });
      return undefined;
    }
    const abort = new AbortController();
    inFlight.add(abort);
    try {
      const outcome = await sendCoa({ kind: gateway.radius.coa.kind, nas: { address: nas.address, port: nas.coaPort, secret: nas.secret }, target: context, timeoutMs: gateway.radius.coa.timeoutMs, attempts: gateway.radius.coa.attempts, signal: abort.signal });
      coaTotal.inc({ kind: gateway.radius.coa.kind, result: outcome.result });
      const level = outcome.result === 'ack' ? 'info' : 'warn';
      deps.logger[level]({ ...log, event: 'radius_coa', result: outcome.result, attempts: outcome.attempts, errorCause: outcome.errorCause }, `radius CoA ${outcome.result}`);
      return outcome;
    } finally {
      inFlight.delete(abort);
    }
  }

  return {
    coaTotal,
    release,
    /** The hook for decisions: starts the CoA and returns at once; failures end in the log, never in the caller. */
    onDecided(session: AccessSession): void {
      release(session).catch((error: unknown) => deps.logger.error({ err: error, event: 'radius_coa', gateway: session.gatewayId }, 'radius CoA failed'));
    },
    /** Stops waiting for NAS answers (shutdown). */
    close(): void {
      for (const abort of inFlight) abort.abort();
    },
  };
}
