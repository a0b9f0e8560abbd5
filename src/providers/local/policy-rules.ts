import type { SettingReasonCode } from '../../core/compliance/reason-codes.js';
import type { Reason } from '../../core/compliance/types.js';
import type { DeviceFacts, InventoryDevice } from './inventory-schema.js';
import type { PolicySettings } from './policy-schema.js';
import { compareVersions } from './version-compare.js';

type Check = (device: InventoryDevice, facts: DeviceFacts) => { ok: boolean; current: string; expected: string } | undefined;

interface Rule {
  setting: keyof PolicySettings;
  settingName: string;
  code: SettingReasonCode;
  check: (required: never) => Check;
}

const shown = (value: string | number | boolean | undefined) => (value === undefined ? 'unknown' : String(value));

/** A boolean fact the policy wants to be `wanted`; an unreported fact fails (we cannot vouch for it). */
const fact = (name: keyof DeviceFacts, wanted: boolean, expected: string) => (required: boolean) =>
  ((_device, facts) => (required ? { ok: facts[name] === wanted, current: shown(facts[name]), expected } : undefined)) satisfies Check;

/**
 * One rule per supported Intune setting: which fact it reads and which reason code a
 * violation produces. Adding a setting is one line here plus one in policy-schema.ts.
 */
export const RULES: Rule[] = [
  {
    setting: 'osMinimumVersion',
    settingName: 'Minimum OS version',
    code: 'OS_TOO_OLD',
    check: (min: string) => (d) => ({ ok: compareVersions(d.osVersion, min) >= 0, current: d.osVersion, expected: `${min} or later` }),
  },
  {
    setting: 'osMaximumVersion',
    settingName: 'Maximum OS version',
    code: 'OS_TOO_NEW',
    check: (max: string) => (d) => ({ ok: compareVersions(d.osVersion, max) <= 0, current: d.osVersion, expected: `${max} or earlier` }),
  },
  {
    setting: 'passcodeRequired',
    settingName: 'Require a password to unlock',
    code: 'PASSCODE_REQUIRED',
    check: fact('passcodeSet', true, 'a passcode is set'),
  },
  {
    setting: 'passcodeMinimumLength',
    settingName: 'Minimum password length',
    code: 'PASSCODE_WEAK',
    check: (min: number) => (_d, f) => ({ ok: (f.passcodeLength ?? 0) >= min, current: shown(f.passcodeLength), expected: `at least ${min} characters` }),
  },
  {
    setting: 'passcodeMinutesOfInactivityBeforeLock',
    settingName: 'Maximum minutes of inactivity before lock',
    code: 'SCREEN_LOCK_TIMEOUT',
    check: (max: number) => (_d, f) => ({
      ok: f.screenLockTimeoutMinutes !== undefined && f.screenLockTimeoutMinutes > 0 && f.screenLockTimeoutMinutes <= max,
      current: shown(f.screenLockTimeoutMinutes),
      expected: `${max} minutes or less`,
    }),
  },
  {
    setting: 'storageRequireEncryption',
    settingName: 'Encryption of data storage',
    code: 'ENCRYPTION_REQUIRED',
    check: fact('encrypted', true, 'storage encrypted'),
  },
  {
    setting: 'securityBlockJailbrokenDevices',
    settingName: 'Block jailbroken or rooted devices',
    code: 'JAILBROKEN_ROOTED',
    check: fact('jailBroken', false, 'not jailbroken or rooted'),
  },
  { setting: 'bitLockerEnabled', settingName: 'Require BitLocker', code: 'BITLOCKER_REQUIRED', check: fact('bitLockerEnabled', true, 'BitLocker on') },
  { setting: 'secureBootEnabled', settingName: 'Require Secure Boot', code: 'SECURE_BOOT_REQUIRED', check: fact('secureBootEnabled', true, 'Secure Boot on') },
  {
    setting: 'codeIntegrityEnabled',
    settingName: 'Require code integrity',
    code: 'CODE_INTEGRITY_REQUIRED',
    check: fact('codeIntegrityEnabled', true, 'code integrity on'),
  },
  { setting: 'tpmRequired', settingName: 'Trusted Platform Module', code: 'TPM_REQUIRED', check: fact('tpmPresent', true, 'a TPM present') },
  { setting: 'activeFirewallRequired', settingName: 'Firewall', code: 'FIREWALL_OFF', check: fact('firewallEnabled', true, 'firewall on') },
  { setting: 'antivirusRequired', settingName: 'Antivirus', code: 'ANTIVIRUS_MISSING', check: fact('antivirusEnabled', true, 'antivirus running') },
  { setting: 'defenderEnabled', settingName: 'Microsoft Defender Antimalware', code: 'DEFENDER_OFF', check: fact('defenderEnabled', true, 'Defender on') },
  {
    setting: 'rtpEnabled',
    settingName: 'Real-time protection',
    code: 'REALTIME_PROTECTION_OFF',
    check: fact('realtimeProtectionEnabled', true, 'real-time protection on'),
  },
  {
    setting: 'minAndroidSecurityPatchLevel',
    settingName: 'Minimum security patch level',
    code: 'PATCH_LEVEL_OLD',
    check: (min: string) => (_d, f) => ({
      ok: f.securityPatchLevel !== undefined && f.securityPatchLevel >= min,
      current: shown(f.securityPatchLevel),
      expected: `${min} or later`,
    }),
  },
  {
    setting: 'securityDisableUsbDebugging',
    settingName: 'Block USB debugging',
    code: 'USB_DEBUGGING_ON',
    check: fact('usbDebuggingEnabled', false, 'USB debugging off'),
  },
  {
    setting: 'securityPreventInstallAppsFromUnknownSources',
    settingName: 'Block apps from unknown sources',
    code: 'UNKNOWN_SOURCES',
    check: fact('unknownSourcesAllowed', false, 'unknown sources blocked'),
  },
  {
    setting: 'systemIntegrityProtectionEnabled',
    settingName: 'Require system integrity protection',
    code: 'SIP_DISABLED',
    check: fact('systemIntegrityProtectionEnabled', true, 'SIP on'),
  },
];

/** The reasons `device` violates `settings`, with the current and expected values. */
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
        currentValue: result.current,
        expectedValue: result.expected,
      });
    }
  }
  return reasons;
}
