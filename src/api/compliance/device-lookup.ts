import { ProviderUnavailableError } from '../../compliance/errors.js';
import type { ComplianceProvider, DeviceRef, ManagedDevice } from '../../compliance/types.js';
import { ConflictError, ServiceUnavailableError } from '../../errors.js';

/**
 * Finds one device for a partner. `undefined` means "not enrolled". A MAC that two devices
 * share is an error the partner must see: answering with either device would hand one
 * device's compliance to the other.
 */
export async function lookUpDevice(provider: ComplianceProvider, ref: DeviceRef, signal?: AbortSignal): Promise<ManagedDevice | undefined> {
  let result;
  try {
    result = await provider.findDevice(ref, { signal });
  } catch (error) {
    if (!(error instanceof ProviderUnavailableError)) throw error;
    throw new ServiceUnavailableError('The compliance backend is unavailable; try again shortly.', {
      retryAfterSeconds: error.options.retryAfterSeconds ?? 5,
      cause: error,
      code: 'provider_unavailable',
    });
  }
  if (result.kind === 'found') return result.device;
  if (result.kind === 'notFound') return undefined;
  throw new ConflictError(
    `MAC address is ambiguous: ${result.deviceIds.length} enrolled devices report it. Query by intuneDeviceId instead.`,
    'ambiguous_mac',
  );
}
