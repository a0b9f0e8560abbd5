import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { longPollUntilDecided, poll, pushSession, signedRedirect } from '../helpers/gateway-client.js';
import { Browser } from '../helpers/browser.js';
import { DEVICES, refreshTarget, signIn } from '../helpers/portal-flow.js';
import { REDIS_URL, redisSuiteEnabled } from '../helpers/redis.js';
import { freePort } from '../helpers/free-port.js';
import { startRedisServer } from '../helpers/redis-server.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';
import { waitFor } from '../helpers/wait-for.js';

const enabled = await redisSuiteEnabled('Redis multi-instance and outage tests');

describe('two instances sharing Redis, without sticky sessions', { skip: !enabled }, () => {
  let a: TestVestibule;
  let b: TestVestibule;
  before(async () => {
    const env = { STORE_URL: REDIS_URL, REDIS_KEY_PREFIX: `vt-${randomUUID()}:`, SESSION_SECRET: 'shared-session-secret-for-both-instances-0001' };
    a = await startVestibule(env);
    b = await startVestibule(env);
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('wakes a long-poll on instance B when the user finishes on instance A', async () => {
    const pushed = await pushSession(a.url, TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac });
    const first = await poll(b.url, TEST_GATEWAYS.hq, pushed.body.token);
    assert.equal(first.body.status, 'pending');
    const waiting = longPollUntilDecided(b.url, TEST_GATEWAYS.hq, pushed.body.token, first.headers.get('etag')!);
    const browser = new Browser(a.url);
    const result = await signIn(browser, await browser.get(new URL(pushed.body.portalUrl).pathname), { username: 'alice', password: 'vestibule-demo' });
    assert.match(result.body, /You’re approved/);
    assert.equal((await waiting).body.decision, 'allow');
  });

  it('refuses on instance B a signed redirect whose nonce instance A already accepted', async () => {
    const path = signedRedirect(TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac });
    assert.equal((await fetch(new URL(path, a.url), { redirect: 'manual' })).status, 303);
    assert.equal((await fetch(new URL(path, b.url), { redirect: 'manual' })).status, 403);
  });
});

describe('Redis stopped mid-flow and restarted', { skip: !enabled }, () => {
  let redis: ChildProcess | undefined;
  let vestibule: TestVestibule;
  let port: number;
  before(async () => {
    port = await freePort();
    redis = await startRedisServer(port);
    // Short enough to keep the test quick, long enough that a healthy Redis on a busy machine answers inside it.
    vestibule = await startVestibule({ STORE_URL: `redis://127.0.0.1:${port}`, STORE_TIMEOUT_MS: '3000' });
  });
  after(async () => {
    await vestibule?.stop();
    redis?.kill('SIGKILL');
  });

  const expectUnavailable = async () => {
    const pushed = await pushSession(vestibule.url, TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac }).catch(() => undefined);
    assert.notEqual(pushed?.status, 201);
    // Redis never answers (stopped or gone), so every answer here is the store timeout at work.
    const redirect = await fetch(new URL(signedRedirect(TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac }), vestibule.url), {
      redirect: 'manual',
      headers: { accept: 'text/html' },
    });
    assert.equal(redirect.status, 503, 'the replay check is not skipped: the redirect is refused, not accepted');
    assert.equal((await fetch(new URL('/readyz', vestibule.url))).status, 503);
  };
  const waitUntilReady = () =>
    waitFor(async () => (await fetch(new URL('/readyz', vestibule.url))).status === 200, {
      what: '/readyz to answer 200 after Redis came back',
      intervalMs: 250,
    });

  it(
    'answers 503 while Redis hangs (the store timeout, not a hung request), keeps the decision pending, and finishes the flow once it answers again',
    { timeout: 120_000 },
    async () => {
      const pushed = await pushSession(vestibule.url, TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac });
      assert.equal(pushed.status, 201);
      redis!.kill('SIGSTOP');
      try {
        const polled = await poll(vestibule.url, TEST_GATEWAYS.hq, pushed.body.token);
        assert.equal(polled.status, 503);
        assert.equal(polled.body.status, 503);
        await expectUnavailable();
      } finally {
        redis!.kill('SIGCONT');
      }
      await waitUntilReady();
      assert.equal((await poll(vestibule.url, TEST_GATEWAYS.hq, pushed.body.token)).body.decision, 'pending');
      const browser = new Browser(vestibule.url);
      const result = await signIn(browser, await browser.get(new URL(pushed.body.portalUrl).pathname), { username: 'alice', password: 'vestibule-demo' });
      assert.equal(refreshTarget(result)?.searchParams.get('state'), pushed.body.token);
    },
  );

  it('answers 503 while Redis is stopped and is ready again after a Redis restart, without restarting itself', { timeout: 120_000 }, async () => {
    redis!.kill('SIGKILL');
    await new Promise((resolve) => redis!.once('exit', resolve));
    await expectUnavailable();
    redis = await startRedisServer(port);
    await waitUntilReady();
    assert.equal((await pushSession(vestibule.url, TEST_GATEWAYS.hq, { mac: DEVICES.aliceIphone.mac })).status, 201);
  });
});
