import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';

/** Runs `src/server.ts` (the real entry point) and collects its exit code and output. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, NODE_ENV: 'development', STORE_URL: 'memory://', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // It started after all: stop it, the test will fail on the exit code.
      if (stdout.includes('Vestibule is running')) child.kill('SIGTERM');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

describe('listening: a port in use, an address this host does not have', () => {
  const occupier = createServer();
  let port: number;
  before(async () => {
    await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve));
    port = (occupier.address() as { port: number }).port;
  });
  after(() => occupier.close());

  it('a port in use: exit 1 with one line naming the port and PORT, no stack trace', async () => {
    const result = await runServer({ PORT: String(port), BIND_ADDRESS: '127.0.0.1' });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, new RegExp(`port ${port} is already in use on 127\\.0\\.0\\.1`));
    assert.match(result.stderr, /choose another port with PORT=/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });

  it('BIND_ADDRESS that is not on this host: exit 1 naming BIND_ADDRESS', async () => {
    const result = await runServer({ PORT: '0', BIND_ADDRESS: '192.0.2.123' });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /address 192\.0\.2\.123 does not belong to this host; set BIND_ADDRESS/);
  });
});
