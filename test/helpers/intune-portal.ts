import assert from 'node:assert/strict';
import { AccessSessionRepository } from '../../src/core/sessions/access-session-repository.js';
import type { AccessSession } from '../../src/core/sessions/access-session.js';
import type { Evaluation } from '../../src/core/compliance/types.js';
import { Browser, type Page } from './browser.js';
import { DEMO_DEVICES, DEMO_POLICY_STATES } from './fake-graph/demo-devices.js';
import { DEMO_POLICIES } from './fake-graph/demo-policies.js';
import { FakeGraph, type FakeGraphOptions } from './fake-graph/fake-graph-server.js';
import { poll, pushSession } from './gateway-client.js';
import { ALICE, signIn } from './portal-flow.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from './test-vestibule.js';
import { waitFor } from './wait-for.js';

/** The fake's demo devices' Wi-Fi MACs (test/helpers/fake-graph/demo-devices.ts), as gateways send them. */
export const GRAPH_MACS = {
  aliceIphone: 'A4:B1:C2:D3:E4:F5',
  aliceLaptop: '3C-22-FB-4A-1B-01',
  aliceMacbook: '8c85.90a1.b2c3',
  bobLaptop: '0C:9D:92:AA:BB:CC',
} as const;

export interface IntunePortal {
  fake: FakeGraph;
  vestibule: TestVestibule;
  /** The stored access session behind a portal handle (what pollers and pages read). */
  session(handle: string): Promise<AccessSession>;
  /** The last known evaluation the portal keeps per device (the seed-invariant memory). */
  lastKnown(deviceId: string): Promise<Evaluation | undefined>;
  stop(): Promise<void>;
}

/**
 * The real portal (same composition root as `npm start`) on COMPLIANCE_PROVIDER=intune,
 * with token authority and Graph both pointed at a fresh fake Graph seeded with the demo
 * devices. Sign-in goes through the embedded dev IdP, which issues the `oid` claim.
 */
export async function startIntunePortal(options: { fake?: FakeGraphOptions; env?: Record<string, string>; now?: () => number } = {}): Promise<IntunePortal> {
  const fake = await FakeGraph.start({
    devices: DEMO_DEVICES,
    policyStates: structuredClone(DEMO_POLICY_STATES),
    policies: DEMO_POLICIES,
    port: 0,
    ...options.fake,
  });
  const vestibule = await startVestibule(
    {
      COMPLIANCE_PROVIDER: 'intune',
      INTUNE_TENANT_ID: fake.tenantId,
      INTUNE_CLIENT_ID: fake.clientId,
      INTUNE_CLIENT_SECRET: fake.clientSecret,
      INTUNE_AUTHORITY_URL: fake.url,
      GRAPH_BASE_URL: fake.url,
      ...options.env,
    },
    { now: options.now },
  );
  const repository = new AccessSessionRepository(vestibule.stores.atomic, vestibule.stores.changes, {
    pendingTtlMs: vestibule.config.pendingTtlMs,
    decisionTtlMs: vestibule.config.decisionTtlMs,
  });
  const lastKnown = vestibule.stores.namespace<Evaluation>('last-evaluation');
  return {
    fake,
    vestibule,
    async session(handle) {
      const stored = await repository.byHandle(handle);
      assert.ok(stored, `no stored session for handle ${handle}`);
      return stored.session;
    },
    lastKnown: (deviceId) => lastKnown.get(deviceId),
    async stop() {
      await vestibule.stop();
      await fake.close();
    },
  };
}

/**
 * Flow B: the gateway pushes the session (so the test holds the token a real gateway
 * would poll), the browser opens the portal URL and signs in through the dev IdP.
 * `result` is the first page the portal shows after sign-in.
 */
export async function pushAndSignIn(base: string, client: Record<string, string>, user: { username: string; password: string } = ALICE) {
  const pushed = await pushSession(base, TEST_GATEWAYS.hq, client);
  assert.equal(pushed.status, 201, JSON.stringify(pushed.body));
  const token = pushed.body.token as string;
  const portalUrl = new URL(pushed.body.portalUrl as string);
  const handle = /^\/p\/([A-Za-z0-9_-]{32})$/.exec(portalUrl.pathname)?.[1];
  assert.ok(handle, `portal URL ${portalUrl.href} names a handle`);
  const browser = new Browser(base);
  const landing = await browser.get(portalUrl.pathname);
  assert.equal(landing.status, 200);
  const started = performance.now();
  const result = await signIn(browser, landing, user);
  return { browser, token, handle, result, signInMs: performance.now() - started };
}

export const isChecking = (page: Page) => page.status === 200 && page.body.includes('<h1>Checking your device…</h1>');

/**
 * Keeps visiting /p/{handle} (faster than the 3 s meta refresh) until the page is no longer
 * "checking". The bound only turns a visit that never settles into a failure: the
 * evaluation deadline (EVALUATION_DEADLINE_SECONDS) ends every check long before it.
 */
export async function untilSettled(browser: Browser, handle: string, page: Page, timeoutMs = 60_000): Promise<Page> {
  let current = page;
  return waitFor(
    async () => {
      if (!isChecking(current)) return current;
      current = await browser.get(`/p/${handle}`);
      return isChecking(current) ? undefined : current;
    },
    { what: `/p/${handle} to show a result instead of "Checking your device…"`, timeoutMs },
  );
}

/** The gateway's poll of `token` (hq gateway), asserting the transport basics. */
export async function gatewayPoll(base: string, token: string) {
  const polled = await poll(base, TEST_GATEWAYS.hq, token);
  assert.equal(polled.status, 200, JSON.stringify(polled.body));
  assert.equal(polled.headers.get('cache-control'), 'no-store');
  return polled.body as {
    status: string;
    decision: string;
    version: number;
    device: { id: string; complianceState: string; managed: boolean } | null;
    reasons: Array<{ code: string; title: string }>;
    user: { id: string; name: string } | null;
  };
}

/** Text of the page with tags removed and entities decoded, whitespace collapsed (for reading assertions). */
export function visibleText(page: Page): string {
  return page.body
    .replace(/<\/?(bdi|a|strong|span)\b[^>]*>/g, '') // inside a sentence: no word break
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
