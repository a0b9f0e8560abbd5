import { compliancePolicy } from './device-builder.js';

/** Ids of the demo tenant's compliance policies; policy states name them as their `id`. */
export const DEMO_POLICY_IDS = {
  windows: '5b2b4c6e-0d1f-4e2a-9b3c-4d5e6f7a8b9c',
  macOS: '7d4d6e8a-2f3b-4a4c-9d5e-6f7a8b9c0d1e',
  iOS: '8e5e7f9b-3a4c-4b5d-8e6f-7a8b9c0d1e2f',
  androidWorkProfile: '9f6f8a0c-4b5d-4c6e-9f7a-8b9c0d1e2f3a',
  androidDeviceOwner: 'a07a9b1d-5c6e-4d7f-8a8b-9c0d1e2f3a4b',
  androidAdmin: 'b18bac2e-6d7f-4e8a-9b9c-0d1e2f3a4b5c',
} as const;

/**
 * One policy per platform, with the properties Graph v1.0 returns for each type. Version
 * bounds are what an admin typically sets: a minimum everywhere, a maximum where new
 * releases are held back until tested (iOS, Android fully managed).
 */
export const DEMO_POLICIES = [
  compliancePolicy('windows10CompliancePolicy', DEMO_POLICY_IDS.windows, 'Windows 10/11 baseline', {
    passwordRequired: true,
    passwordBlockSimple: true,
    passwordMinimumLength: 8,
    passwordRequiredType: 'alphanumeric',
    requireHealthyDeviceReport: false,
    osMinimumVersion: '10.0.22631.2861',
    osMaximumVersion: null,
    mobileOsMinimumVersion: null,
    mobileOsMaximumVersion: null,
    bitLockerEnabled: true,
    secureBootEnabled: true,
    codeIntegrityEnabled: true,
    storageRequireEncryption: true,
  }),
  compliancePolicy('macOSCompliancePolicy', DEMO_POLICY_IDS.macOS, 'macOS baseline', {
    passwordRequired: true,
    passwordMinimumLength: 8,
    osMinimumVersion: '14.0',
    osMaximumVersion: null,
    osMinimumBuildVersion: null,
    osMaximumBuildVersion: null,
    systemIntegrityProtectionEnabled: true,
    storageRequireEncryption: true,
    firewallEnabled: true,
    gatekeeperAllowedAppSource: 'macAppStoreAndIdentifiedDevelopers',
  }),
  compliancePolicy('iosCompliancePolicy', DEMO_POLICY_IDS.iOS, 'iOS baseline', {
    passcodeRequired: true,
    passcodeBlockSimple: true,
    passcodeMinimumLength: 6,
    passcodeRequiredType: 'numeric',
    osMinimumVersion: '17.0',
    osMaximumVersion: '18.5',
    securityBlockJailbrokenDevices: true,
    managedEmailProfileRequired: false,
  }),
  compliancePolicy('androidWorkProfileCompliancePolicy', DEMO_POLICY_IDS.androidWorkProfile, 'Android work profile baseline', {
    passwordRequired: true,
    passwordMinimumLength: 6,
    osMinimumVersion: '13',
    osMaximumVersion: null,
    minAndroidSecurityPatchLevel: '2024-01-01',
    securityBlockJailbrokenDevices: true,
    storageRequireEncryption: true,
  }),
  compliancePolicy('androidDeviceOwnerCompliancePolicy', DEMO_POLICY_IDS.androidDeviceOwner, 'Android fully managed baseline', {
    passwordRequired: true,
    osMinimumVersion: '13',
    osMaximumVersion: '14',
    minAndroidSecurityPatchLevel: '2024-01-01',
    storageRequireEncryption: true,
  }),
  compliancePolicy('androidCompliancePolicy', DEMO_POLICY_IDS.androidAdmin, 'Android device administrator baseline', {
    passwordRequired: true,
    osMinimumVersion: '12',
    osMaximumVersion: null,
    securityBlockJailbrokenDevices: true,
  }),
];
