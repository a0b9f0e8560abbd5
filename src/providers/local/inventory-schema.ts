import { z } from 'zod';
import { normaliseMac } from '../../core/device/mac-address.js';
import { MANAGEMENT_STATES } from '../../core/compliance/management-state.js';

const isoDate = z.iso.datetime({ offset: true });
const mac = z
  .string()
  .max(17)
  .transform((value, ctx) => {
    if (value === '') return '';
    const canonical = normaliseMac(value);
    if (!canonical) ctx.addIssue({ code: 'custom', message: 'not a MAC address' });
    return canonical ?? '';
  });
const shortText = z.string().max(200);

/**
 * Device facts the local policy engine checks. Each is optional: a fact a policy needs
 * but the device does not report counts as not met (fail closed), shown without a value.
 */
export const factsSchema = z.strictObject({
  passcodeSet: z.boolean().optional(),
  passcodeLength: z.number().int().min(0).max(256).optional(),
  screenLockTimeoutMinutes: z.number().int().min(0).max(10_000).optional(),
  encrypted: z.boolean().optional(),
  jailBroken: z.boolean().optional(),
  bitLockerEnabled: z.boolean().optional(),
  secureBootEnabled: z.boolean().optional(),
  codeIntegrityEnabled: z.boolean().optional(),
  tpmPresent: z.boolean().optional(),
  firewallEnabled: z.boolean().optional(),
  antivirusEnabled: z.boolean().optional(),
  defenderEnabled: z.boolean().optional(),
  realtimeProtectionEnabled: z.boolean().optional(),
  securityPatchLevel: z.iso.date().optional(),
  usbDebuggingEnabled: z.boolean().optional(),
  unknownSourcesAllowed: z.boolean().optional(),
  systemIntegrityProtectionEnabled: z.boolean().optional(),
});

/** One device of LOCAL_INVENTORY_FILE or of a PUT to the ingest API (names follow Graph's managedDevice). */
export const inventoryDeviceSchema = z.strictObject({
  id: z.uuid().transform((value) => value.toLowerCase()),
  userId: z.string().max(64).default(''),
  userPrincipalName: shortText.default(''),
  deviceName: shortText.default(''),
  operatingSystem: z.enum(['iOS', 'Android', 'Windows', 'macOS']),
  osVersion: z
    .string()
    .regex(/^\d{1,5}(\.\d{1,6}){0,3}$/, 'must look like 17.4.1')
    .max(32),
  model: shortText.default(''),
  manufacturer: shortText.default(''),
  serialNumber: shortText.default(''),
  imei: shortText.default(''),
  meid: shortText.default(''),
  udid: shortText.default(''),
  wiFiMacAddress: mac.default(''),
  ethernetMacAddress: mac.default(''),
  azureADDeviceId: z.union([z.uuid(), z.literal('')]).default(''),
  managedDeviceOwnerType: z.enum(['company', 'personal', 'unknown']).default('unknown'),
  enrolledDateTime: isoDate.nullable().default(null),
  lastSyncDateTime: isoDate.nullable(),
  complianceGracePeriodExpirationDateTime: isoDate.nullable().default(null),
  managementState: z.enum(MANAGEMENT_STATES).default('managed'),
  facts: factsSchema.default({}),
});

export type InventoryDevice = z.infer<typeof inventoryDeviceSchema>;
export type DeviceFacts = z.infer<typeof factsSchema>;

export const inventoryFileSchema = z.strictObject({
  /**
   * Optional: the file's dates are written as of this instant and are shifted by
   * (now − datesRelativeTo) at load, so demo and test inventories never age.
   */
  datesRelativeTo: z.iso.datetime({ offset: true }).optional(),
  devices: z.array(z.unknown()),
});
