/**
 * Every reason a device can be blocked (or flagged) for. The codes are part of the
 * wire contract (they appear in the polling API), so they never change meaning.
 */
export const DEVICE_REASON_CODES = [
  'NOT_ENROLLED',
  'NOT_YOURS',
  /** The device has no primary user (shared/kiosk enrolment) and the userless policy refuses it. */
  'NO_PRIMARY_USER',
  'DEVICE_AMBIGUOUS',
  'STATE_UNKNOWN',
  'IN_GRACE_PERIOD',
  'STALE_CHECKIN',
  'NO_POLICY',
  'ENROLLED_USER_MISSING',
  'COMPLIANCE_ERROR',
  'CONFIGMGR_NONCOMPLIANT',
  'DEVICE_RETIRING',
  'RANDOMIZED_MAC',
] as const;

export const SETTING_REASON_CODES = [
  'OS_TOO_OLD',
  'OS_TOO_NEW',
  'OS_BUILD_NOT_ALLOWED',
  'PATCH_LEVEL_OLD',
  'PASSCODE_REQUIRED',
  'PASSCODE_WEAK',
  'PASSCODE_EXPIRED_OR_REUSED',
  'SCREEN_LOCK_TIMEOUT',
  'ENCRYPTION_REQUIRED',
  'BITLOCKER_REQUIRED',
  'SECURE_BOOT_REQUIRED',
  'CODE_INTEGRITY_REQUIRED',
  'TPM_REQUIRED',
  'FIREWALL_OFF',
  'ANTIVIRUS_MISSING',
  'DEFENDER_OFF',
  'DEFENDER_OUTDATED',
  'REALTIME_PROTECTION_OFF',
  'MDE_RISK_TOO_HIGH',
  'MTD_THREAT_TOO_HIGH',
  'JAILBROKEN_ROOTED',
  'PLAY_INTEGRITY_FAILED',
  'PLAY_SERVICES_REQUIRED',
  'USB_DEBUGGING_ON',
  'UNKNOWN_SOURCES',
  'COMPANY_PORTAL_INTEGRITY',
  'RESTRICTED_APP',
  'MANAGED_EMAIL_REQUIRED',
  'SIP_DISABLED',
  'GATEKEEPER',
  'CUSTOM_COMPLIANCE',
  /** A non-compliant setting we have no specific text for: shown with its name and policy. */
  'SETTING_NONCOMPLIANT',
] as const;

export type DeviceReasonCode = (typeof DEVICE_REASON_CODES)[number];
export type SettingReasonCode = (typeof SETTING_REASON_CODES)[number];
export type ReasonCode = DeviceReasonCode | SettingReasonCode;

export const ALL_REASON_CODES: readonly ReasonCode[] = [...DEVICE_REASON_CODES, ...SETTING_REASON_CODES];
