import { randomBytes } from 'node:crypto';
import type { AccessSession } from '../core/sessions/access-session.js';
import type { AccessSessionRepository } from '../core/sessions/access-session-repository.js';
import type { BackChannelReply, Dialect, DialectServices, IntakeAccepted, IntakeRequest, Release } from './dialects/dialect.js';
import { DEFAULT_DIALECT, DIALECTS } from './dialects/index.js';
import { GATEWAY_ID, type Gateway } from './gateway.js';
import type { GatewayRegistry } from './gateway-registry.js';

export interface GatewayIntakeDeps {
  registry: GatewayRegistry;
  sessions: AccessSessionRepository;
  services: DialectServices;
}

/** A gateway and the dialect that speaks for it. */
export interface Resolved {
  gateway: Gateway;
  dialect: Dialect;
}

/**
 * The gateway named in `/g/{id}` and its dialect. An unknown or malformed id resolves to
 * a decoy gateway of the default (native) dialect whose secret nobody knows: the request
 * then fails exactly as a bad signature does, in the same time, so an unknown gateway and
 * a forged link cannot be told apart (PROTOCOL.md §1).
 */
export function resolveGateway(registry: GatewayRegistry, gatewayId: string): Resolved {
  const gateway = GATEWAY_ID.test(gatewayId) ? registry.byId(gatewayId) : undefined;
  const dialect = gateway ? DIALECTS.get(gateway.dialect) : undefined;
  if (gateway && dialect) return { gateway, dialect };
  const decoy: Gateway = {
    id: gatewayId,
    name: '',
    dialect: DEFAULT_DIALECT.name,
    settings: { secrets: [randomBytes(32)], returnUrl: undefined },
    scopes: new Set(),
  };
  return { gateway: decoy, dialect: DEFAULT_DIALECT };
}

/**
 * A browser arriving from a gateway: the gateway's dialect verifies the request, then one
 * access session is created the same way for every dialect. A refusal is a DomainError
 * thrown by the dialect, and then nothing has been stored.
 */
export async function acceptIntake(
  deps: GatewayIntakeDeps,
  resolved: Resolved,
  request: IntakeRequest,
  options: { beforeCreate?: (accepted: IntakeAccepted) => Promise<void> } = {},
): Promise<AccessSession> {
  const { gateway, dialect } = resolved;
  const accepted = await dialect.intake(request, gateway, deps.services);
  // Runs once the request is known authentic (e.g. a rate limit keyed on the verified MAC).
  await options.beforeCreate?.(accepted);
  const { assertion, macVerified } = accepted;
  const { session } = await deps.sessions.create({
    gatewayId: gateway.id,
    via: 'redirect',
    sid: assertion.sid,
    originalUrl: assertion.url,
    client: { mac: assertion.mac, ip: assertion.ip, macVerified },
    assertedDeviceId: assertion.deviceId,
  });
  return session;
}

/** The dialect's back channel on the intake path, or undefined when it has none. */
export async function answerBackChannel(deps: GatewayIntakeDeps, resolved: Resolved, request: IntakeRequest): Promise<BackChannelReply | undefined> {
  return resolved.dialect.backChannel?.(request, resolved.gateway, deps.services);
}

/**
 * Hands a session back to its gateway through the gateway's dialect. Only an `allow`
 * decision is ever released; for anything else, and for a gateway no longer configured,
 * nothing happens.
 */
export async function releaseSession(registry: GatewayRegistry, services: DialectServices, session: AccessSession): Promise<Release> {
  if (session.status !== 'allowed') return { kind: 'none' };
  const gateway = registry.byId(session.gatewayId);
  const dialect = gateway ? DIALECTS.get(gateway.dialect) : undefined;
  if (!gateway || !dialect) return { kind: 'none' };
  return dialect.release(session, gateway, services);
}
