import type { SettingReasonCode } from '../../core/compliance/reason-codes.js';
import type { Reason, Requirement } from '../../core/compliance/types.js';
import type { DeviceFacts, InventoryDevice } from './inventory-schema.js';
import type { PolicySettings } from './policy-schema.js';
import { compareVersions } from './version-compare.js';

/**
 * A rule's verdict on one device: whether it passes, the device's value when it has one
 * worth showing (a version, a number) and what the policy requires. Facts only, never words:
 * the pages say them in the reader's language (locales/*.json).
 */
type Verdict = { ok: boolean; current?: string; required?: Requirement };
type Check = (device: InventoryDevice, facts: DeviceFacts) => Verdict | undefined;

interface Rule {
  setting: keyof PolicySettings;
  settingName: string;
  code: SettingReasonCode;
  check: (required: never) => Check;
}

/**
 * A value the device reports, as Graph writes a setting's currentValue ("4", "false"); nothing
 * when it reports none. Pages show numbers and versions; a boolean says no more than the
 * problem sentence, so they leave it out (partners such as ISE still get it).
 */
const shown = (value: number | string | boolean | undefined) => (value === undefined ? undefined : String(value));

/** A boolean fact the policy wants to be `wanted`; an unreported fact fails (we cannot vouch for it). */
const fact = (name: keyof DeviceFacts, wanted: boolean) => (required: boolean) =>
  ((_device, facts) => (required ? { ok: facts[name] === wanted, current: shown(facts[name]) } : undefined)) satisfies Check;

/**
 * One rule per supported Intune setting: which fact it reads and which reason code a
 * violation produces. Adding a setting is one line here plus one in policy-schema.ts.
 */
export const RULES: Rule[] = [
  {
    setting: 'osMinimumVersion',
    settingName: 'Minimum OS version',
    code: 'OS_TOO_OLD',
    check: (min: string) => (d) => ({ ok: compareVersions(d.osVersion, min) >= 0, current: d.osVersion, required: { comparison: 'atLeast', value: min } }),
  },
  {
    setting: 'osMaximumVersion',
    settingName: 'Maximum OS version',
    code: 'OS_TOO_NEW',
    check: (max: string) => (d) => ({ ok: compareVersions(d.osVersion, max) <= 0, current: d.osVersion, required: { comparison: 'atMost', value: max } }),
  },
  {
    setting: 'passcodeRequired',
    settingName: 'Require a password to unlock',
    code: 'PASSCODE_REQUIRED',
    check: fact('passcodeSet', true),
  },
  {
    setting: 'passcodeMinimumLength',
    settingName: 'Minimum password length',
    code: 'PASSCODE_WEAK',
    check: (min: number) => (_d, f) => ({
      ok: (f.passcodeLength ?? 0) >= min,
      current: shown(f.passcodeLength),
      required: { comparison: 'atLeast', count: min, unit: 'characters' },
    }),
  },
  {
    setting: 'passcodeMinutesOfInactivityBeforeLock',
    settingName: 'Maximum minutes of inactivity before lock',
    code: 'SCREEN_LOCK_TIMEOUT',
    check: (max: number) => (_d, f) => ({
      ok: f.screenLockTimeoutMinutes !== undefined && f.screenLockTimeoutMinutes > 0 && f.screenLockTimeoutMinutes <= max,
      current: shown(f.screenLockTimeoutMinutes),
      required: { comparison: 'atMost', count: max, unit: 'minutes' },
    }),
  },
  {
    setting: 'storageRequireEncryption',
    settingName: 'Encryption of data storage',
    code: 'ENCRYPTION_REQUIRED',
    check: fact('encrypted', true),
  },
  {
    setting: 'securityBlockJailbrokenDevices',
    settingName: 'Block jailbroken or rooted devices',
    code: 'JAILBROKEN_ROOTED',
    check: fact('jailBroken', false),
  },
  { setting: 'bitLockerEnabled', settingName: 'Require BitLocker', code: 'BITLOCKER_REQUIRED', check: fact('bitLockerEnabled', true) },
  { setting: 'secureBootEnabled', settingName: 'Require Secure Boot', code: 'SECURE_BOOT_REQUIRED', check: fact('secureBootEnabled', true) },
  {
    setting: 'codeIntegrityEnabled',
    settingName: 'Require code integrity',
    code: 'CODE_INTEGRITY_REQUIRED',
    check: fact('codeIntegrityEnabled', true),
  },
  { setting: 'tpmRequired', settingName: 'Trusted Platform Module', code: 'TPM_REQUIRED', check: fact('tpmPresent', true) },
  { setting: 'activeFirewallRequired', settingName: 'Firewall', code: 'FIREWALL_OFF', check: fact('firewallEnabled', true) },
  { setting: 'antivirusRequired', settingName: 'Antivirus', code: 'ANTIVIRUS_MISSING', check: fact('antivirusEnabled', true) },
  { setting: 'defenderEnabled', settingName: 'Microsoft Defender Antimalware', code: 'DEFENDER_OFF', check: fact('defenderEnabled', true) },
  {
    setting: 'rtpEnabled',
    settingName: 'Real-time protection',
    code: 'REALTIME_PROTECTION_OFF',
    check: fact('realtimeProtectionEnabled', true),
  },
  {
    setting: 'minAndroidSecurityPatchLevel',
    settingName: 'Minimum security patch level',
    code: 'PATCH_LEVEL_OLD',
    check: (min: string) => (_d, f) => ({
      ok: f.securityPatchLevel !== undefined && f.securityPatchLevel >= min,
      current: shown(f.securityPatchLevel),
      required: { comparison: 'atLeast', value: min },
    }),
  },
  {
    setting: 'securityDisableUsbDebugging',
    settingName: 'Block USB debugging',
    code: 'USB_DEBUGGING_ON',
    check: fact('usbDebuggingEnabled', false),
  },
  {
    setting: 'securityPreventInstallAppsFromUnknownSources',
    settingName: 'Block apps from unknown sources',
    code: 'UNKNOWN_SOURCES',
    check: fact('unknownSourcesAllowed', false),
  },
  {
    setting: 'systemIntegrityProtectionEnabled',
    settingName: 'Require system integrity protection',
    code: 'SIP_DISABLED',
    check: fact('systemIntegrityProtectionEnabled', true),
  },
];

/** The reasons `device` violates `settings`, with the current and required values. */
export function violations(device: InventoryDevice, settings: PolicySettings, policyName: string): Reason[] {
  const reasons: Reason[] = [];
  for (const rule of RULES) {
    const required = settings[rule.setting];
    if (required === undefined || required === false) continue;
    const result = rule.check(required as never)(device, device.facts);
    if (result && !result.ok) {
      reasons.push({
        code: rule.code,
        setting: rule.setting,
        settingName: rule.settingName,
        policyName,
        ...(result.current !== undefined ? { currentValue: result.current } : {}),
        ...(result.required ? { required: result.required } : {}),
      });
    }
  }
  return reasons;
}
