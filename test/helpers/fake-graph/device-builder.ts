import type { GraphDeviceJson } from './fake-graph-types.js';

/** A full managedDevice JSON (v1.0 property names) with harmless defaults. */
export function graphDevice(fields: Partial<GraphDeviceJson> & { id: string }): GraphDeviceJson {
  return {
    '@odata.type': '#microsoft.graph.managedDevice',
    userId: '',
    userPrincipalName: '',
    deviceName: 'Device',
    managedDeviceOwnerType: 'company',
    enrolledDateTime: '2024-01-15T09:00:00Z',
    lastSyncDateTime: '2024-06-01T08:00:00Z',
    operatingSystem: 'Windows',
    complianceState: 'compliant',
    managementState: 'managed',
    osVersion: '10.0.22631.3880',
    azureADDeviceId: '',
    model: '',
    manufacturer: '',
    serialNumber: '',
    imei: '',
    meid: '',
    udid: '',
    wiFiMacAddress: '',
    ethernetMacAddress: null,
    // Graph reports this far-future date for devices that are not in a grace period.
    complianceGracePeriodExpirationDateTime: '9999-12-31T23:59:59Z',
    ...fields,
  };
}

/** One deviceCompliancePolicySettingState, as nested in deviceCompliancePolicyState.settingStates. */
export function settingState(setting: string, settingName: string, state: string, currentValue: string | null): Record<string, unknown> {
  return {
    setting,
    settingName,
    instanceDisplayName: null,
    state,
    errorCode: 0,
    errorDescription: null,
    userId: null,
    userName: null,
    userEmail: null,
    userPrincipalName: null,
    sources: [],
    currentValue,
  };
}

/** One deviceCompliancePolicyState with its inline settingStates. */
export function policyState(id: string, displayName: string, state: string, settingStates: unknown[]): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.deviceCompliancePolicyState',
    id,
    displayName,
    version: 3,
    platformType: 'windows10AndLater',
    state,
    settingCount: settingStates.length,
    settingStates,
  };
}

/**
 * One deviceCompliancePolicy as `GET /deviceCompliancePolicies/{id}` returns it: the base
 * properties every platform's policy inherits plus `settings`, the platform's own
 * properties (Graph v1.0 resource types windows10CompliancePolicy, iosCompliancePolicy, …).
 */
export function compliancePolicy(type: string, id: string, displayName: string, settings: Record<string, unknown>): Record<string, unknown> & { id: string } {
  return {
    '@odata.type': `#microsoft.graph.${type}`,
    id,
    createdDateTime: '2024-01-10T09:00:00Z',
    description: '',
    lastModifiedDateTime: '2024-05-20T14:30:00Z',
    displayName,
    version: 3,
    ...settings,
  };
}
