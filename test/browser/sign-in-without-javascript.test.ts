import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSuiteEnabled, launchChromium, phoneContext } from '../helpers/chromium.js';
import { startVestibule, type TestVestibule } from '../helpers/test-vestibule.js';

/*
 * The documented demo path, in Chromium with JavaScript off: pick a device, sign in as
 * alice, see the result; "Sign in with another account" as bob, see the result; pick another
 * device and be asked who you are again. Every document on the way is one of ours: it has
 * <html lang> and no script (nothing that only moves on with JavaScript).
 */

const SUITE = 'browser: signing in and switching accounts without JavaScript';
const enabled = browserSuiteEnabled(SUITE);
const RESULT_URL = /\/p\/[A-Za-z0-9_-]{32}$/;

describe(SUITE, { skip: !enabled }, () => {
  let vestibule: TestVestibule;
  let browser: Browser;
  before(async () => {
    [vestibule, browser] = await Promise.all([startVestibule({ GATEWAYS_FILE: './config/demo/gateways.json' }), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await vestibule?.stop();
  });

  async function pickCard(page: Page, card: RegExp) {
    await page.goto(`${vestibule.url}/demo`);
    await page
      .locator('form')
      .filter({ has: page.locator('p.small', { hasText: card }) })
      .getByRole('button', { name: 'Connect this device' })
      .click();
    await page.waitForURL(RESULT_URL);
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  }

  async function signInAs(page: Page, username: string) {
    await page.waitForURL(/\/dev-idp\/interaction\//);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('vestibule-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(RESULT_URL);
    await page.waitForLoadState('load');
  }

  const heading = async (page: Page) => (await page.getByRole('heading', { level: 1 }).innerText()).trim();

  it('alice on Bob’s iPhone, then “Sign in with another account” as bob, then another device asks again', async () => {
    const context = await browser.newContext(phoneContext(360));
    try {
      const documents: Array<{ url: string; body: Promise<string> }> = [];
      context.on('response', (response) => {
        const request = response.request();
        if (request.resourceType() === 'document' && response.status() < 300) documents.push({ url: response.url(), body: response.text() });
      });
      const page = await context.newPage();
      // The approved page hands back to the demo gateway after 3 s; keep the browser on it.
      await page.route(/\/demo\/gateway\/return\?/, (route) => route.fulfill({ status: 204 }));

      await pickCard(page, /signed in by Alice/);
      await signInAs(page, 'alice');
      assert.equal(await heading(page), 'This device belongs to someone else');

      await page.getByRole('link', { name: 'Sign in with another account' }).click();
      await signInAs(page, 'bob');
      assert.equal(await heading(page), 'You’re approved');
      assert.match(await page.locator('.who').innerText(), /Signed in as Bob Example/);

      // A new device in the same browser: the IdP asks again instead of reusing bob's sign-in.
      await pickCard(page, /^Alice's laptop/);
      await signInAs(page, 'alice');
      assert.equal(await heading(page), 'Your device can’t join the network yet');
      assert.match(await page.locator('.who').innerText(), /Signed in as Alice Example/);

      const seen = await Promise.all(documents.map(async (d) => ({ url: d.url, body: await d.body })));
      assert.ok(
        seen.some((d) => d.url.includes('/dev-idp/interaction/')),
        'the IdP form was among the documents',
      );
      for (const { url, body } of seen) {
        assert.match(body, /<html lang="[a-z]{2}(-[A-Z]{2})?"/, `${url}: <html lang>`);
        assert.doesNotMatch(body, /<script|<noscript/i, `${url}: needs no JavaScript`);
      }
    } finally {
      await context.close();
    }
  });
});
