import { z } from 'zod';
import { readConfigFile } from '../../config/config-file.js';

const version = z.string().regex(/^\d{1,5}(\.\d{1,6}){0,3}$/);

/** Settings use Intune's compliance-policy property names so policies read the same in both providers. */
export const policySettingsSchema = z.strictObject({
  osMinimumVersion: version.optional(),
  osMaximumVersion: version.optional(),
  passcodeRequired: z.boolean().optional(),
  passcodeMinimumLength: z.number().int().min(1).max(64).optional(),
  passcodeMinutesOfInactivityBeforeLock: z.number().int().min(1).max(1440).optional(),
  storageRequireEncryption: z.boolean().optional(),
  securityBlockJailbrokenDevices: z.boolean().optional(),
  bitLockerEnabled: z.boolean().optional(),
  secureBootEnabled: z.boolean().optional(),
  codeIntegrityEnabled: z.boolean().optional(),
  tpmRequired: z.boolean().optional(),
  activeFirewallRequired: z.boolean().optional(),
  antivirusRequired: z.boolean().optional(),
  defenderEnabled: z.boolean().optional(),
  rtpEnabled: z.boolean().optional(),
  minAndroidSecurityPatchLevel: z.iso.date().optional(),
  securityDisableUsbDebugging: z.boolean().optional(),
  securityPreventInstallAppsFromUnknownSources: z.boolean().optional(),
  systemIntegrityProtectionEnabled: z.boolean().optional(),
});

export const policyFileSchema = z.strictObject({
  /** Days a device may go without checking in before it is STALE_CHECKIN (Intune: 1–120, default 30). */
  checkinValidityDays: z.number().int().min(1).max(120).default(30),
  /** What a device of a platform no policy covers is (Intune's "no compliance policy assigned"). */
  devicesWithoutPolicy: z.enum(['compliant', 'noncompliant']).default('noncompliant'),
  /** Whether a device without a primary user is non-compliant (ENROLLED_USER_MISSING). */
  requireUserExistence: z.boolean().default(true),
  policies: z.array(
    z.strictObject({
      id: z.string().min(1).max(100),
      displayName: z.string().min(1).max(200),
      platform: z.enum(['iOS', 'Android', 'Windows', 'macOS']),
      settings: policySettingsSchema,
    }),
  ),
});

export type PolicyFile = z.infer<typeof policyFileSchema>;
export type Policy = PolicyFile['policies'][number];
export type PolicySettings = z.infer<typeof policySettingsSchema>;

export function loadPolicyFile(path: string): PolicyFile {
  return readConfigFile('LOCAL_POLICY_FILE', path, policyFileSchema).value;
}
