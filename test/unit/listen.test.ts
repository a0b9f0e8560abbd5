import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startServerProcess } from '../helpers/server-process.js';

/** Runs `src/server.ts` (the real entry point) until it exits; its exit code and output. */
async function runServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const server = startServerProcess({ NODE_ENV: 'development', STORE_URL: 'memory://', LOG_LEVEL: 'silent', ...env });
  // It started after all: stop it, the test will fail on the exit code.
  server
    .waitForLine((line) => line.msg.includes('Vestibule is running'), 'it started')
    .then(
      () => server.child.kill('SIGTERM'),
      () => undefined,
    );
  const timer = setTimeout(() => void server.kill(), 60_000);
  const code = await server.exited;
  clearTimeout(timer);
  return { code, stderr: server.stderr(), stdout: server.lines.map((line) => line.msg).join('\n') };
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
