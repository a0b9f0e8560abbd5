import { decide } from '../../../core/visit/decide.js';
import type { ComplianceProvider, DeviceRef } from '../../../core/compliance/types.js';
import type { RadiusSettings, Verdict } from './radius-settings.js';

/**
 * Who is asking: a device id from the certificate, else the MAC; `none` when neither can
 * be trusted (a certificate naming two devices, a Calling-Station-Id that is no MAC).
 * Built in the HTTP layer (src/api/radius/radius-identity.ts), which may read certificates.
 */
export type RadiusIdentity =
  | { kind: 'device'; ref: DeviceRef; deviceId: string | null; mac: string | null }
  | { kind: 'none'; reason: 'no_identity' | 'malformed_device_id' | 'multiple_device_ids' | 'malformed_san' };

/** A verdict and a stable, language-neutral code saying why (goes into Reply-Message and the log). */
export interface RadiusDecision {
  verdict: Verdict;
  why: string;
  deviceId: string | null;
}

/**
 * The RADIUS-time decision: the provider's current state of the device the switch (or
 * the certificate) named, through the same `decide` the portal uses, so the two never
 * disagree. Only an allow becomes `accept`; unknown devices and blocked ones get the
 * gateway's configured answer. Provider errors propagate: the caller answers `failClosed`.
 */
export async function radiusVerdict(
  provider: ComplianceProvider,
  identity: RadiusIdentity,
  settings: RadiusSettings,
  options: { graceAllows: boolean; now: number; signal?: AbortSignal },
): Promise<RadiusDecision> {
  if (identity.kind === 'none') return { verdict: settings.unknown, why: identity.reason, deviceId: null };
  const lookup = await provider.findDevice(identity.ref, { signal: options.signal });
  if (lookup.kind === 'notFound') return { verdict: settings.unknown, why: 'not_enrolled', deviceId: identity.deviceId };
  if (lookup.kind === 'ambiguous') return { verdict: settings.unknown, why: 'ambiguous_device', deviceId: null };
  const device = lookup.device;
  const verdict = decide(
    { deviceId: device.id, complianceState: device.complianceState, reasons: [], evaluatedAt: new Date(options.now).toISOString(), stale: false },
    { graceAllows: options.graceAllows },
  );
  if (verdict.status === 'allowed') return { verdict: 'accept', why: device.complianceState, deviceId: device.id };
  return { verdict: settings.noncompliant, why: device.complianceState, deviceId: device.id };
}
