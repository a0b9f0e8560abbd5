import { graphDevice, policyState, settingState } from './device-builder.js';
import { DEMO_POLICY_IDS } from './demo-policies.js';
import type { GraphDeviceJson } from './fake-graph-types.js';

/** The Entra object ids of the local demo users (the local OIDC provider's alice and bob). */
export const ALICE_OID = '2b1c4a52-5d0e-4c3a-9f1e-7a6b5c4d3e21';
export const BOB_OID = '7f3e9d1c-2a4b-4c6d-8e0f-1a2b3c4d5e6f';

export const DEMO_IDS = {
  aliceIphone: '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0',
  aliceLaptop: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  aliceMacbook: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
  aliceAndroid: '3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a',
  bobLaptop: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b',
} as const;

const alice = { userId: ALICE_OID, userPrincipalName: 'alice@example.test' };
const bob = { userId: BOB_OID, userPrincipalName: 'bob@example.test' };

export const DEMO_DEVICES: GraphDeviceJson[] = [
  graphDevice({
    id: DEMO_IDS.aliceIphone,
    ...alice,
    deviceName: "Alice's iPhone",
    operatingSystem: 'iOS',
    osVersion: '17.5.1',
    model: 'iPhone 15',
    manufacturer: 'Apple',
    serialNumber: 'F2LXK0AAPLE1',
    wiFiMacAddress: 'A4B1C2D3E4F5',
    managedDeviceOwnerType: 'company',
  }),
  graphDevice({
    id: DEMO_IDS.aliceLaptop,
    ...alice,
    deviceName: 'ALICE-LAPTOP',
    complianceState: 'noncompliant',
    osVersion: '10.0.19044.1288',
    model: 'Latitude 7440',
    manufacturer: 'Dell Inc.',
    serialNumber: 'DL7440ALICE',
    wiFiMacAddress: '3C22FB4A1B01',
    ethernetMacAddress: '0050B6C0FFEE',
    azureADDeviceId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  }),
  graphDevice({
    id: DEMO_IDS.aliceMacbook,
    ...alice,
    deviceName: "Alice's MacBook",
    operatingSystem: 'macOS',
    osVersion: '14.5',
    model: 'MacBook Air',
    manufacturer: 'Apple',
    serialNumber: 'C02ALICEMAC',
    wiFiMacAddress: '8C8590A1B2C3',
    complianceState: 'inGracePeriod',
    complianceGracePeriodExpirationDateTime: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  }),
  graphDevice({
    id: DEMO_IDS.aliceAndroid,
    ...alice,
    deviceName: "Alice's Pixel",
    operatingSystem: 'Android',
    osVersion: '14',
    model: 'Pixel 8',
    manufacturer: 'Google',
    serialNumber: 'PXL8ALICE',
    wiFiMacAddress: '50A4D0112233',
    complianceState: 'unknown',
    lastSyncDateTime: '0001-01-01T00:00:00Z',
    enrolledDateTime: new Date().toISOString(),
  }),
  graphDevice({
    id: DEMO_IDS.bobLaptop,
    ...bob,
    deviceName: 'BOB-LAPTOP',
    model: 'ThinkPad T14',
    manufacturer: 'Lenovo',
    serialNumber: 'PF4BOB01',
    wiFiMacAddress: '0C9D92AABBCC',
    ethernetMacAddress: '0C9D92AABBCD',
  }),
];

/** Two failing settings we have reason texts for, one custom setting we do not. */
export const LAPTOP_POLICY_STATES = [
  policyState(DEMO_POLICY_IDS.windows, 'Windows 10/11 baseline', 'nonCompliant', [
    settingState('Windows10CompliancePolicy.osMinimumVersion', 'Minimum OS version', 'nonCompliant', '10.0.19044.1288'),
    settingState('Windows10CompliancePolicy.storageRequireEncryption', 'Encryption of data storage on device', 'nonCompliant', 'false'),
    settingState('Windows10CompliancePolicy.passwordRequired', 'Require a password', 'compliant', 'true'),
  ]),
  policyState('6c3c5d7f-1e2a-4f3b-8c4d-5e6f7a8b9c0d', 'Contoso <b>extras</b>', 'nonCompliant', [
    settingState('Windows10CompliancePolicy.contosoAssetTagPresent', 'Asset tag <script>', 'nonCompliant', 'missing'),
  ]),
];

export const MACBOOK_POLICY_STATES = [
  policyState(DEMO_POLICY_IDS.macOS, 'macOS baseline', 'nonCompliant', [
    settingState('MacOSCompliancePolicy.firewallEnabled', 'Firewall', 'nonCompliant', 'false'),
  ]),
];

export const DEMO_POLICY_STATES: Record<string, unknown[]> = {
  [DEMO_IDS.aliceLaptop]: LAPTOP_POLICY_STATES,
  [DEMO_IDS.aliceMacbook]: MACBOOK_POLICY_STATES,
};
