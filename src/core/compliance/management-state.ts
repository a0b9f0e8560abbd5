/**
 * Intune's `managementState` values (Graph v1.0, enum managementState on managedDevice).
 * The local inventory accepts the same values, so both providers can describe the same device.
 */
export const MANAGEMENT_STATES = [
  'managed',
  'retirePending',
  'retireFailed',
  'wipePending',
  'wipeFailed',
  'unhealthy',
  'deletePending',
  'retireIssued',
  'wipeIssued',
  'wipeCanceled',
  'retireCanceled',
  'discovered',
] as const;

/** States in which Intune still manages the device normally: managed, or a retire/wipe that was cancelled. */
const UNDER_MANAGEMENT = new Set(['managed', 'retirecanceled', 'wipecanceled']);

/**
 * True while the device is under management. Anything else — being retired, wiped or
 * deleted (pending, issued or failed), unhealthy, or only discovered — is a device the
 * organisation is letting go of or never took in, so it is never let in (DEVICE_RETIRING),
 * whatever its complianceState says. Any case; an unknown value counts as not managed.
 */
export function isUnderManagement(state: string): boolean {
  return UNDER_MANAGEMENT.has(state.toLowerCase());
}
