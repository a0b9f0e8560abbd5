/**
 * `npm run fake-graph`: a local Graph-shaped server seeded with devices for the demo users
 * (devices, their primary users at /managedDevices/{id}/users, syncDevice, policy states and
 * the policies themselves),
 * so the portal can run with COMPLIANCE_PROVIDER=intune without a tenant. Listens on
 * 127.0.0.1 only. FAKE_GRAPH_PORT picks the port (default 4010).
 * FAKE_GRAPH_MISSING_PERMISSIONS (comma-separated, e.g. DeviceManagementConfiguration.Read.All)
 * makes the app registration lack those permissions: Graph answers 403 where they are needed.
 */
import { DEMO_DEVICES, DEMO_IDS, DEMO_POLICY_STATES } from '../test/helpers/fake-graph/demo-devices.js';
import { DEMO_POLICIES } from '../test/helpers/fake-graph/demo-policies.js';
import { FakeGraph } from '../test/helpers/fake-graph/fake-graph-server.js';

const port = Number(process.env.FAKE_GRAPH_PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('FAKE_GRAPH_PORT must be a port number');
  process.exit(1);
}

const fake = await FakeGraph.start({
  devices: DEMO_DEVICES,
  policyStates: DEMO_POLICY_STATES,
  policies: DEMO_POLICIES,
  missingPermissions: (process.env.FAKE_GRAPH_MISSING_PERMISSIONS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== ''),
  port,
  pageSize: 2, // small pages so the demo exercises nextLink paging
  syncDelayMs: 3000, // long enough to see the "checking…" page
  ignoredFilters: ['serialNumber'],
});
// After a sync, the unknown device turns compliant, as a real first evaluation would.
fake.afterSync.set(DEMO_IDS.aliceAndroid, { complianceState: 'compliant' });

console.log(`Fake Microsoft Graph listening on ${fake.url}\n`);
console.log('Point Vestibule at it with:\n');
console.log('COMPLIANCE_PROVIDER=intune');
console.log(`INTUNE_TENANT_ID=${fake.tenantId}`);
console.log(`INTUNE_CLIENT_ID=${fake.clientId}`);
console.log(`INTUNE_CLIENT_SECRET=${fake.clientSecret}`);
console.log(`INTUNE_AUTHORITY_URL=${fake.url}`);
console.log(`GRAPH_BASE_URL=${fake.url}\n`);
console.log('Demo devices:');
for (const device of fake.devices.values()) {
  console.log(
    `  ${device.id}  ${String(device.deviceName).padEnd(16)} ${String(device.complianceState).padEnd(14)} wifi ${String(device.wiFiMacAddress)}  ${String(device.userPrincipalName)}`,
  );
}

const stop = () => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
