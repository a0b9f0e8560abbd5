import type { ReasonCode } from '../../core/compliance/reason-codes.js';

/**
 * Graph names a setting `Class.Property` (e.g. `Windows10CompliancePolicy.osMinimumVersion`).
 * REASONS.md maps by the property, case-insensitively, because the same property appears
 * on every platform's policy class. Keys are lower-case.
 */
const BY_PROPERTY: Record<string, ReasonCode> = {
  osminimumversion: 'OS_TOO_OLD',
  osminimumbuildversion: 'OS_TOO_OLD',
  mobileosminimumversion: 'OS_TOO_OLD',
  osmaximumversion: 'OS_TOO_NEW',
  osmaximumbuildversion: 'OS_TOO_NEW',
  mobileosmaximumversion: 'OS_TOO_NEW',
  validoperatingsystembuildranges: 'OS_BUILD_NOT_ALLOWED',
  minandroidsecuritypatchlevel: 'PATCH_LEVEL_OLD',
  passwordrequired: 'PASSCODE_REQUIRED',
  passcoderequired: 'PASSCODE_REQUIRED',
  passwordrequiredtounlockfromidle: 'PASSCODE_REQUIRED',
  passwordblocksimple: 'PASSCODE_WEAK',
  passcodeblocksimple: 'PASSCODE_WEAK',
  passwordminimumlength: 'PASSCODE_WEAK',
  passcodeminimumlength: 'PASSCODE_WEAK',
  passwordrequiredtype: 'PASSCODE_WEAK',
  passcoderequiredtype: 'PASSCODE_WEAK',
  passwordminimumcharactersetcount: 'PASSCODE_WEAK',
  passcodeminimumcharactersetcount: 'PASSCODE_WEAK',
  passwordexpirationdays: 'PASSCODE_EXPIRED_OR_REUSED',
  passcodeexpirationdays: 'PASSCODE_EXPIRED_OR_REUSED',
  passwordpreviouspasswordblockcount: 'PASSCODE_EXPIRED_OR_REUSED',
  passcodepreviouspasscodeblockcount: 'PASSCODE_EXPIRED_OR_REUSED',
  passwordminutesofinactivitybeforelock: 'SCREEN_LOCK_TIMEOUT',
  passcodeminutesofinactivitybeforelock: 'SCREEN_LOCK_TIMEOUT',
  passcodeminutesofinactivitybeforescreentimeout: 'SCREEN_LOCK_TIMEOUT',
  storagerequireencryption: 'ENCRYPTION_REQUIRED',
  bitlockerenabled: 'BITLOCKER_REQUIRED',
  securebootenabled: 'SECURE_BOOT_REQUIRED',
  codeintegrityenabled: 'CODE_INTEGRITY_REQUIRED',
  tpmrequired: 'TPM_REQUIRED',
  activefirewallrequired: 'FIREWALL_OFF',
  firewallenabled: 'FIREWALL_OFF',
  antivirusrequired: 'ANTIVIRUS_MISSING',
  antispywarerequired: 'ANTIVIRUS_MISSING',
  defenderenabled: 'DEFENDER_OFF',
  defenderversion: 'DEFENDER_OUTDATED',
  signatureoutofdate: 'DEFENDER_OUTDATED',
  rtpenabled: 'REALTIME_PROTECTION_OFF',
  devicethreatprotectionrequiredsecuritylevel: 'MTD_THREAT_TOO_HIGH',
  securityblockjailbrokendevices: 'JAILBROKEN_ROOTED',
  securityrequiresafetynetattestationbasicintegrity: 'PLAY_INTEGRITY_FAILED',
  securityrequiresafetynetattestationcertifieddevice: 'PLAY_INTEGRITY_FAILED',
  securityrequiregoogleplayservices: 'PLAY_SERVICES_REQUIRED',
  securityrequireuptodatesecurityproviders: 'PLAY_SERVICES_REQUIRED',
  securitydisableusbdebugging: 'USB_DEBUGGING_ON',
  securitypreventinstallappsfromunknownsources: 'UNKNOWN_SOURCES',
  securityrequirecompanyportalappintegrity: 'COMPANY_PORTAL_INTEGRITY',
  restrictedapps: 'RESTRICTED_APP',
  managedemailprofilerequired: 'MANAGED_EMAIL_REQUIRED',
  systemintegrityprotectionenabled: 'SIP_DISABLED',
  gatekeeperallowedappsource: 'GATEKEEPER',
  requireremaincontact: 'STALE_CHECKIN',
  requiredevicecompliancepolicyassigned: 'NO_POLICY',
  requireuserexistence: 'ENROLLED_USER_MISSING',
  devicecompliancepolicyscript: 'CUSTOM_COMPLIANCE',
};

/** On Windows the threat-level setting is Defender for Endpoint's machine risk score. */
const BY_CLASS_AND_PROPERTY: Record<string, ReasonCode> = {
  'windows10compliancepolicy.devicethreatprotectionrequiredsecuritylevel': 'MDE_RISK_TOO_HIGH',
  'androidcompliancepolicy.devicethreatprotectionrequiredsecuritylevel': 'MDE_RISK_TOO_HIGH',
};

/** The reason code for a Graph `setting`, or undefined when we have no specific text for it. */
export function codeForSetting(setting: string): ReasonCode | undefined {
  const lower = setting.toLowerCase();
  // Own properties only: Graph text is untrusted, and "constructor" must not find Object's.
  if (Object.hasOwn(BY_CLASS_AND_PROPERTY, lower)) return BY_CLASS_AND_PROPERTY[lower];
  const property = lower.slice(lower.lastIndexOf('.') + 1);
  return Object.hasOwn(BY_PROPERTY, property) ? BY_PROPERTY[property] : undefined;
}
