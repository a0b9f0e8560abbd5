import { normaliseGuid } from '../../core/device/guid.js';
import type { ManagedDevice } from '../../core/compliance/types.js';
import type { GraphClient } from './graph-client.js';
import { devicePath } from './graph-device.js';
import type { IntuneLogger } from './intune-logger.js';
import type { Operation } from './operation-budget.js';

/**
 * The device's primary user, which is what ownership means. `managedDevice.userId` is the
 * user who enrolled the device and goes stale when the helpdesk changes the primary user;
 * `GET /deviceManagement/managedDevices/{id}/users` (Graph v1.0, "List users" of a
 * managedDevice; permission DeviceManagementManagedDevices.Read.All) names the current one.
 * An empty list means the device has no primary user (shared/kiosk enrolment): userId ''.
 * When Graph refuses the call (403: the app lacks the permission) the enrolling user is
 * used instead and a warning is logged, once per process, so an operator can add it.
 */
export class PrimaryUserReader {
  private warned = false;

  constructor(
    private readonly graph: GraphClient,
    private readonly logger: IntuneLogger,
  ) {}

  /** `device` with `userId` set to its primary user's object id ('' when it has none). */
  async apply(device: ManagedDevice, op: Operation): Promise<ManagedDevice> {
    const response = await this.graph.send('GET', `${devicePath(device.id)}/users?$select=id`, op, { pass: [403] });
    if (response.status === 403) {
      if (!this.warned) {
        this.warned = true;
        this.logger.warn(
          { deviceId: device.id },
          "intune: Graph refused to read devices' primary users (403); using the enrolling user (userId) instead — grant DeviceManagementManagedDevices.Read.All (see docs/intune-setup.md)",
        );
      }
      return device;
    }
    // 404: the device went away between the two reads; keep what the device read said.
    if (response.status === 404) return device;
    const value = (response.body as { value?: unknown } | undefined)?.value;
    if (!Array.isArray(value)) return device;
    const first = value[0] as { id?: unknown } | undefined;
    const userId = typeof first?.id === 'string' ? normaliseGuid(first.id) : undefined;
    return { ...device, userId: userId ?? '' };
  }
}
