import type { ComplianceProvider, DeviceRef, ManagedDevice } from '../../core/compliance/types.js';
import { ConflictError } from '../../http/errors.js';

/**
 * Finds one device for a partner. `undefined` means "not enrolled". A MAC that two devices
 * share is an error the partner must see: answering with either device would hand one
 * device's compliance to the other.
 */
export async function lookUpDevice(
  provider: ComplianceProvider,
  ref: DeviceRef,
  options?: { readonly signal?: AbortSignal },
): Promise<ManagedDevice | undefined> {
  // A backend failure propagates: the error handler answers 503 with its Retry-After.
  // `options` goes on as it is: a HangUpSignal makes its signal only if the provider reads it.
  const result = await provider.findDevice(ref, options);
  if (result.kind === 'found') return result.device;
  if (result.kind === 'notFound') return undefined;
  throw new ConflictError(`MAC address is ambiguous: ${result.deviceIds.length} enrolled devices report it. Query by intuneDeviceId instead.`, 'ambiguous_mac');
}
