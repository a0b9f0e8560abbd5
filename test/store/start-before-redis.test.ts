import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { poll, pushSession } from '../helpers/gateway-client.js';
import { Browser } from '../helpers/browser.js';
import { DEVICES, refreshTarget, signIn } from '../helpers/portal-flow.js';
import { redisSuiteEnabled } from '../helpers/redis.js';
import { freePort } from '../helpers/free-port.js';
import { startRedisServer } from '../helpers/redis-server.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { TEST_GATEWAYS, writeTestGateways } from '../helpers/test-vestibule.js';

const enabled = await redisSuiteEnabled('Start before Redis tests');
const GERMAN = JSON.parse(readFileSync('locales/de.json', 'utf8')) as Record<string, string>;
const WARN = 40;

/** Environment of a server on `port` whose store is a Redis at `redisPort` that nobody started. */
function envFor(port: number, redisPort: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'development',
    PORT: String(port),
    BIND_ADDRESS: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    STORE_URL: `redis://127.0.0.1:${redisPort}`,
    REDIS_KEY_PREFIX: `vt-${randomUUID()}:`,
    STORE_TIMEOUT_MS: '500',
    GATEWAYS_FILE: writeTestGateways(),
    LOG_LEVEL: 'info',
    ...extra,
  };
}

const isRetryWarning = (line: { level: number; msg: string }) => line.level === WARN && /store/.test(line.msg);

/** Polls `url` until it answers `status`; the deadline only bounds a broken start. */
async function waitForStatus(url: string, status: number, deadlineMs = 60_000): Promise<Response> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const response = await fetch(url).catch(() => undefined);
    if (response?.status === status) return response;
    await response?.body?.cancel();
    if (Date.now() > deadline) assert.fail(`${url} never answered ${status} (last: ${response?.status})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function assertSecurityHeaders(response: Response) {
  assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'.*frame-ancestors 'none'/);
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
}

function assertJitteredRetryAfter(response: Response) {
  const retryAfter = Number(response.headers.get('retry-after'));
  assert.ok(retryAfter >= 5 && retryAfter <= 9, `Retry-After ${response.headers.get('retry-after')}`);
}

describe('starting while Redis is not there yet', { skip: !enabled }, () => {
  it(
    'listens at once, answers 503 with every security header, and once Redis starts seeds the inventory and serves the full flow, without a restart',
    { timeout: 180_000 },
    async () => {
      const [port, adminPort, redisPort] = [await freePort(), await freePort(), await freePort()];
      const password = `pw-${randomUUID()}`;
      const server = startServerProcess(envFor(port, redisPort, { ADMIN_PORT: String(adminPort), STORE_URL: `redis://:${password}@127.0.0.1:${redisPort}` }));
      let redis: ChildProcess | undefined;
      try {
        await server.waitForLine((line) => line.msg === 'vestibule listening', 'listening');
        const retry = await server.waitForLine(isRetryWarning, 'a retry warning');
        assert.match(String(retry.reason), new RegExp(`127\\.0\\.0\\.1:${redisPort}`), 'the warning says which store does not answer');
        const base = `http://127.0.0.1:${port}`;

        const health = await fetch(`${base}/healthz`);
        assert.equal(health.status, 200);
        assert.deepEqual(await health.json(), { status: 'ok' });
        const ready = await fetch(`${base}/readyz`);
        assert.equal(ready.status, 503);
        assert.deepEqual(await ready.json(), { status: 'unavailable' }, 'guests get the status, not the components');
        const adminReady = await fetch(`http://127.0.0.1:${adminPort}/readyz`);
        assert.equal(adminReady.status, 503);
        assert.deepEqual(await adminReady.json(), { status: 'unavailable', checks: { store: 'failing', compliance: 'failing' } });

        // A person at the portal: the "try again" page in their language, with every header.
        const page = await fetch(`${base}/p/${'A'.repeat(32)}`, { headers: { accept: 'text/html', 'accept-language': 'de-DE,de;q=0.9' } });
        assert.equal(page.status, 503);
        assertJitteredRetryAfter(page);
        assertSecurityHeaders(page);
        assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
        const html = await page.text();
        assert.match(html, /<html lang="de"/);
        assert.ok(html.includes(GERMAN['unavailable.title']!.replace(/'/g, '&#39;')), 'the German "try again" title');
        assert.match(html, /href="\/p\/A{32}"/, 'a "Try again" link back to the portal page');

        // A gateway polling: an RFC 9457 problem document.
        const api = await fetch(`${base}/api/v1/sessions/${'b'.repeat(43)}`, { headers: { authorization: `Bearer ${TEST_GATEWAYS.hq.apiKey}` } });
        assert.equal(api.status, 503);
        assertJitteredRetryAfter(api);
        assertSecurityHeaders(api);
        assert.match(api.headers.get('content-type') ?? '', /^application\/problem\+json/);
        const problem = (await api.json()) as Record<string, unknown>;
        assert.equal(problem.type, 'urn:vestibule:problem:store_unavailable');
        assert.equal(problem.status, 503);
        assert.equal(server.child.exitCode, null, 'still running');

        redis = await startRedisServer(redisPort, ['--requirepass', password]);
        await waitForStatus(`${base}/readyz`, 200);
        await server.waitForLine((line) => line.msg === 'vestibule ready', 'ready');
        const adminNow = await fetch(`http://127.0.0.1:${adminPort}/readyz`);
        assert.deepEqual(await adminNow.json(), { status: 'ready', checks: { store: 'ok', compliance: 'ok' } });

        // The local provider seeded the demo inventory into the Redis that came late.
        const device = await fetch(`${base}/api/compliance/2.0/devices?macAddress=A4B1C2D3E4F5`, {
          headers: { authorization: `Bearer ${TEST_GATEWAYS.hq.apiKey}` },
        });
        assert.equal(device.status, 200);
        const found = (await device.json()) as { value: Array<{ intuneDeviceId: string; complianceState: string }> };
        assert.equal(found.value[0]?.intuneDeviceId, DEVICES.aliceIphone.id);

        // And the whole flow: a gateway pushes a session, the person signs in, the gateway sees allow.
        const pushed = await pushSession(base, TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac });
        assert.equal(pushed.status, 201);
        const browser = new Browser(base);
        const result = await signIn(browser, await browser.get(new URL(pushed.body.portalUrl).pathname), { username: 'alice', password: 'vestibule-demo' });
        assert.equal(refreshTarget(result)?.searchParams.get('state'), pushed.body.token);
        assert.equal((await poll(base, TEST_GATEWAYS.hq, pushed.body.token)).body.decision, 'allow');

        const logged = JSON.stringify(server.lines) + server.stderr();
        assert.ok(!logged.includes(password), 'the Redis password never reaches the log');
      } finally {
        await server.kill();
        redis?.kill('SIGKILL');
      }
    },
  );
});

describe('start-up faults that waiting cannot fix, and stopping while waiting', () => {
  it('a bad policy file still stops the start at once with its message, even while the store is unreachable', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vestibule-policy-'));
    writeFileSync(join(dir, 'policy.json'), '{ "not": "a policy" ');
    const server = startServerProcess(envFor(await freePort(), await freePort(), { LOCAL_POLICY_FILE: join(dir, 'policy.json') }));
    try {
      assert.equal(await server.exited, 1);
      assert.match(server.stderr(), /^vestibule: LOCAL_POLICY_FILE/m);
      assert.doesNotMatch(server.stderr(), /\n\s+at /, 'one line, no stack trace');
      assert.ok(!server.lines.some(isRetryWarning), 'a configuration error is not retried');
    } finally {
      await server.kill();
    }
  });

  it('SIGTERM while it waits for the store: stops retrying and exits 0', { timeout: 60_000 }, async () => {
    const server: ServerProcess = startServerProcess(envFor(await freePort(), await freePort()));
    try {
      await server.waitForLine((line) => line.msg === 'vestibule listening', 'listening');
      await server.waitForLine(isRetryWarning, 'a retry warning');
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0, server.stderr());
      assert.ok(server.lines.some((line) => line.msg === 'shutting down'));
    } finally {
      await server.kill();
    }
  });
});
