import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { it } from 'node:test';
import { DEMO_IDS } from '../helpers/fake-graph/demo-devices.js';
import { freePort } from '../helpers/free-port.js';
import { waitFor } from '../helpers/wait-for.js';

it('`npm run fake-graph` (tsx scripts/fake-graph.ts) starts on FAKE_GRAPH_PORT, prints the settings, issues a token and serves a demo device', async (t) => {
  const port = await freePort();
  // Its own process group, so the whole tree (npx → tsx → node) can be stopped by id.
  const child = spawn('npx', ['tsx', 'scripts/fake-graph.ts'], {
    cwd: new URL('../../', import.meta.url),
    env: { ...process.env, FAKE_GRAPH_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = once(child, 'exit');
  let stopped = false;
  const stop = () => {
    if (stopped || child.exitCode !== null) return;
    stopped = true;
    process.kill(-child.pid!, 'SIGTERM');
  };
  t.after(stop);

  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no startup output within 60 s; stdout: ${output} stderr: ${errors}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Demo devices:') && output.includes('BOB-LAPTOP')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${errors}`)));
  });

  const base = `http://127.0.0.1:${port}`;
  assert.ok(output.includes(`Fake Microsoft Graph listening on ${base}`));
  const setting = (name: string) => new RegExp(`^${name}=(.+)$`, 'm').exec(output)?.[1];
  assert.equal(setting('COMPLIANCE_PROVIDER'), 'intune');
  assert.equal(setting('INTUNE_AUTHORITY_URL'), base);
  assert.equal(setting('GRAPH_BASE_URL'), base);
  const tenant = setting('INTUNE_TENANT_ID')!;
  assert.match(output, new RegExp(`${DEMO_IDS.aliceIphone}\\s+Alice's iPhone`));

  const tokenResponse = await fetch(`${base}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: setting('INTUNE_CLIENT_ID')!,
      client_secret: setting('INTUNE_CLIENT_SECRET')!,
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  assert.equal(tokenResponse.status, 200);
  const token = (await tokenResponse.json()) as { token_type: string; access_token: string; expires_in: number };
  assert.equal(token.token_type, 'Bearer');
  assert.ok(token.expires_in > 0);

  const unauthorised = await fetch(`${base}/v1.0/deviceManagement/managedDevices/${DEMO_IDS.aliceIphone}`);
  assert.equal(unauthorised.status, 401);
  await unauthorised.text();

  const deviceResponse = await fetch(`${base}/v1.0/deviceManagement/managedDevices/${DEMO_IDS.aliceIphone}`, {
    headers: { authorization: `Bearer ${token.access_token}` },
  });
  assert.equal(deviceResponse.status, 200);
  const device = (await deviceResponse.json()) as Record<string, unknown>;
  assert.equal(device.id, DEMO_IDS.aliceIphone);
  assert.equal(device.deviceName, "Alice's iPhone");
  assert.equal(device.userId, '2b1c4a52-5d0e-4c3a-9f1e-7a6b5c4d3e21');
  assert.equal(device.wiFiMacAddress, 'A4B1C2D3E4F5');
  assert.equal(device.complianceState, 'compliant');

  stop();
  const [code, signal] = await exited;
  assert.ok(code === 0 || signal === 'SIGTERM', `stopped cleanly (code ${code}, signal ${signal})`);
  // npx exits first; the node process at the end of the tree may still be closing its
  // listener for a moment (seen on a busy CI machine), so wait for the port to close.
  await waitFor(
    () =>
      fetch(`${base}/`).then(
        async (response) => (await response.body?.cancel(), false),
        () => true,
      ),
    { what: 'the fake Graph port to close after stopping', timeoutMs: 30_000 },
  );
});
