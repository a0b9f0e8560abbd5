export { createComplianceApiRouter, type ComplianceApiDeps } from './router.js';
export { createDiscoveryHandler } from './discovery.js';
export { toVersionedDevice, VERSION_PROPERTIES, type VersionedDevice } from './versioned-device.js';
export { API_VERSIONS, type ApiVersion } from './versions.js';
