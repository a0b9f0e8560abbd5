import assert from 'node:assert/strict';
import { Browser, decodeEntities, type Page } from './browser.js';
import { signedRedirect } from './gateway-client.js';
import { TEST_GATEWAYS } from './test-vestibule.js';

export const ALICE = { username: 'alice', password: 'vestibule-demo', oid: '2b1c4a52-5d0e-4c3a-9f1e-7a6b5c4d3e21' };
export const BOB = { username: 'bob', password: 'vestibule-demo', oid: '7f3e9d1c-2a4b-4c6d-8e0f-1a2b3c4d5e6f' };

/** Demo inventory devices (config/demo/inventory.json). */
export const DEVICES = {
  aliceIphone: { id: '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0', mac: 'A4:B1:C2:D3:E4:F5' },
  /** iOS 16.2 under a 17.0 minimum: the OS-too-old outcome. */
  aliceOldIphone: { id: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6', mac: '5C:8D:4E:11:22:33' },
  aliceLaptop: { id: '5d6e7f80-91a2-4b3c-8d4e-5f60718293a4', mac: '3C-22-FB-10-20-30' },
  alicePixel: { id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', mac: 'd8eb.4612.3456' },
  aliceIpad: { id: 'c0ffee00-1234-4abc-9def-0123456789ab', mac: 'F0D1A9B8C7D6' },
  bobIphone: { id: 'b0b0b0b0-2222-4333-8444-555566667777', mac: '0C:4D:E9:AA:BB:CC' },
};

/** Signs in through the real dev IdP's form, starting from the portal's landing page (in any language). */
export async function signIn(browser: Browser, landing: Page, user: { username: string; password: string }): Promise<Page> {
  const signInLink = /href="(\/p\/[A-Za-z0-9_-]+\/sign-in)"/.exec(landing.body)?.[1];
  assert.ok(signInLink, 'landing page has a sign-in link');
  const form = await browser.get(signInLink);
  assert.equal(form.status, 200);
  assert.match(form.body, /<label for="username">Username<\/label>/);
  assert.match(form.body, /<label for="password">Password<\/label>/);
  assert.match(form.body, /<button type="submit" class="button">Sign in<\/button>/);
  return browser.submit(form, { username: user.username, password: user.password }, /\/dev-idp\/interaction\//);
}

/** Gateway redirect → landing → sign-in → the page the portal shows after evaluating. */
export async function connectAndSignIn(base: string, client: Record<string, string>, user = ALICE, gateway = TEST_GATEWAYS.hq) {
  const browser = new Browser(base);
  const landing = await browser.get(signedRedirect(gateway, client));
  assert.equal(landing.status, 200);
  assert.match(landing.hops[1] ?? '', /\/p\/[A-Za-z0-9_-]{32}$/);
  const handle = /\/p\/([A-Za-z0-9_-]{32})$/.exec(landing.hops[1]!)![1]!;
  const result = await signIn(browser, landing, user);
  return { browser, landing, result, handle };
}

/** The meta-refresh target on an allowed page, decoded. */
export function refreshTarget(page: Page): URL | undefined {
  const content = /<meta http-equiv="refresh" content="\d+;url=([^"]+)">/.exec(page.body)?.[1];
  return content ? new URL(decodeEntities(content)) : undefined;
}
