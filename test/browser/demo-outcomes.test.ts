import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { browserSuiteEnabled, launchChromium, phoneContext } from '../helpers/chromium.js';
import { startVestibule, type TestVestibule } from '../helpers/test-vestibule.js';
import { waitFor } from '../helpers/wait-for.js';

/*
 * Every demo outcome, clicked through in a real Chromium the way a person would on a
 * small phone with JavaScript off: /demo → "Connect this device" → landing → "Sign in" →
 * the dev IdP form (by its labels) → the result page. Architecture, "Pages".
 */

const SUITE = 'browser: demo outcomes on a phone without JavaScript';
const enabled = browserSuiteEnabled(SUITE);

const SCREENSHOTS = join('test-results', 'screenshots');
const PAGE_BUDGET_BYTES = 30 * 1024;
const RESULT_URL = /\/p\/[A-Za-z0-9_-]{32}$/;
const PASSWORD = 'vestibule-demo';

interface Visit {
  context: BrowserContext;
  page: Page;
  /** Every URL the browser asked for, in this context. */
  requests: string[];
  /** Transferred bytes (headers + body) per finished request, in order. */
  transfers: Array<{ url: string; type: string; bytes: number }>;
  /** Resolves once every finished request's size is known. */
  settled(): Promise<unknown>;
}

describe(SUITE, { skip: !enabled, concurrency: 2 }, () => {
  let vestibule: TestVestibule;
  let browser: Browser;
  const weights: string[] = [];
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [vestibule, browser] = await Promise.all([startVestibule({ GATEWAYS_FILE: './config/demo/gateways.json' }), launchChromium()]);
  });
  after(async () => {
    if (weights.length > 0) console.log(`page + CSS bytes: ${weights.sort().join(', ')}`);
    await browser?.close();
    await vestibule?.stop();
  });

  async function open(options: BrowserContextOptions = phoneContext()): Promise<Visit> {
    const context = await browser.newContext(options);
    const pending: Promise<unknown>[] = [];
    const visit: Visit = { context, page: await context.newPage(), requests: [], transfers: [], settled: () => Promise.all(pending) };
    context.on('request', (request) => visit.requests.push(request.url()));
    context.on('requestfinished', (request) => {
      pending.push(
        request
          .sizes()
          .then((sizes) =>
            visit.transfers.push({ url: request.url(), type: request.resourceType(), bytes: sizes.responseHeadersSize + sizes.responseBodySize }),
          ),
      );
    });
    return visit;
  }

  /** /demo → the scenario's button → landing → "Sign in" → IdP form → the result page. */
  async function connectAndSignIn(
    visit: Visit,
    scenario: RegExp | string,
    username = 'alice',
    landingText = { heading: 'Sign in to get on the network', button: 'Sign in' },
  ): Promise<Page> {
    const { page } = visit;
    await page.goto(`${vestibule.url}/demo`);
    await page.getByRole('heading', { level: 1, name: 'Try Vestibule' }).waitFor();
    // Cards are headed by outcome; the device is in the small print under the heading.
    const card = page.locator('form').filter({ has: page.locator('p.small', { hasText: scenario }) });
    assert.equal(await card.count(), 1, `one demo card for ${scenario}`);
    await card.getByRole('button', { name: 'Connect this device' }).click();

    await page.waitForURL(RESULT_URL);
    await assertHeading(page, landingText.heading);
    await page.getByRole('link', { name: landingText.button, exact: true }).click();

    await page.waitForURL(/\/dev-idp\/interaction\//);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(RESULT_URL);
    await page.waitForLoadState('load');
    return page;
  }

  async function assertHeading(page: Page, name: string) {
    const h1 = page.getByRole('heading', { level: 1 });
    assert.equal((await h1.innerText()).trim(), name, `h1 on ${page.url()}`);
  }

  async function mainText(page: Page): Promise<string> {
    return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  }

  function assertMentions(text: string, ...needles: Array<string | RegExp>) {
    for (const needle of needles) {
      if (typeof needle === 'string') assert.ok(text.includes(needle), `expected “${needle}” in: ${text}`);
      else assert.match(text, needle);
    }
  }

  /** The checks every result page must pass: same host only, no sideways scroll, small, big enough targets; then a screenshot. */
  async function assertPhoneReady(visit: Visit, name: string, width = 360) {
    const { page } = visit;
    const origin = new URL(vestibule.url).host;
    const foreign = visit.requests.filter((url) => new URL(url).host !== origin);
    assert.deepEqual(foreign, [], 'every request stays on the portal host (the client has no internet yet)');

    // page.evaluate runs through the DevTools protocol, so it works with page scripts disabled.
    const layout = await page.evaluate(() => {
      const viewport = document.documentElement.clientWidth;
      const overflowing = [...document.querySelectorAll('body *')]
        .filter((el) => el.getClientRects().length > 0 && !el.classList.contains('sr') && !el.closest('.skip'))
        .filter((el) => el.getBoundingClientRect().right > viewport + 0.5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? '').trim().slice(0, 40)}`);
      const smallText = [...document.querySelectorAll('main *, footer *')]
        .filter((el) => el.getClientRects().length > 0 && !el.closest('.sr') && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()))
        .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 14)
        .map((el) => `${el.tagName.toLowerCase()} ${getComputedStyle(el).fontSize}`);
      const smallTargets = [...document.querySelectorAll('main a, main button, main input:not([type=hidden])')]
        .filter((el) => el.getClientRects().length > 0)
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ el, box }) => (box.height < 44 || box.width < 44) && !(el.tagName === 'A' && el.closest('p, li, dd')?.textContent !== el.textContent))
        .map(({ el, box }) => `${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim()}” ${Math.round(box.width)}×${Math.round(box.height)}`);
      return { scrollWidth: document.documentElement.scrollWidth, viewport, overflowing, smallText, smallTargets };
    });
    assert.equal(layout.viewport, width);
    assert.ok(layout.scrollWidth <= width, `no horizontal scroll at ${width}px: scrollWidth ${layout.scrollWidth}`);
    assert.deepEqual(layout.overflowing, [], `nothing sticks out past ${width}px`);
    assert.deepEqual(layout.smallText, [], 'no text under 14px');
    assert.deepEqual(layout.smallTargets, [], 'buttons and standalone links are at least 44×44px');

    await visit.settled();
    const documents = visit.transfers.filter((t) => t.type === 'document' && t.url === page.url());
    const doc = documents.at(-1);
    assert.ok(doc, `the result document ${page.url()} was measured`);
    const css = visit.transfers.filter((t) => t.type === 'stylesheet').reduce((max, t) => Math.max(max, t.bytes), 0);
    assert.ok(css > 0, 'the stylesheet was measured');
    const total = doc.bytes + css;
    assert.ok(total < PAGE_BUDGET_BYTES, `result page + CSS ${total} bytes (page ${doc.bytes}, CSS ${css}) must stay under ${PAGE_BUDGET_BYTES}`);

    weights.push(`${name} ${total}`);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    return { total, doc: doc.bytes, css };
  }

  it("Alice's iPhone: connected, then the meta refresh returns to the demo gateway with decision allow", async () => {
    const visit = await open();
    try {
      // Hold the refresh's request until the allowed page has been checked: a busy machine
      // must not turn the 3 s refresh into a race. The request itself proves the refresh fired.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let refreshAt = 0;
      await visit.page.route(/\/demo\/gateway\/return\?/, async (route) => {
        refreshAt ||= Date.now();
        await released;
        await route.continue();
      });
      const page = await connectAndSignIn(visit, /^Alice's iPhone/);
      // When the browser had the allowed page (its own clock, same wall clock as ours): taking the
      // time here instead would start late on a busy machine and shorten what the page got.
      const shownAt = await page.evaluate(
        () => performance.timeOrigin + (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
      );
      await assertHeading(page, 'You’re approved');
      assertMentions(await mainText(page), 'Signed in as Alice Example', "Device: Alice's iPhone", 'Taking you back to the network…');
      const continueLink = page.getByRole('link', { name: 'Continue' });
      assert.match((await continueLink.getAttribute('href')) ?? '', /\/demo\/gateway\/return\?/);
      assert.match((await page.locator('meta[http-equiv=refresh]').getAttribute('content')) ?? '', /^3;url=.*\/demo\/gateway\/return\?/);
      await assertPhoneReady(visit, 'alice-iphone-connected');

      // No JavaScript: only <meta http-equiv="refresh"> takes the browser on, after 3 s.
      const returned = page.waitForURL(/\/demo\/gateway\/return\?/, { timeout: 60_000 });
      await waitFor(() => refreshAt, { what: 'the allowed page to send the browser on by itself' });
      assert.ok(refreshAt - shownAt >= 2000, `the result stays on screen before the browser leaves (${refreshAt - shownAt} ms)`);
      release();
      await returned;
      await assertHeading(page, 'Demo gateway');
      assert.equal(await page.locator('[data-decision]').innerText(), 'allow');
      assertMentions(await mainText(page), 'A real gateway would now open the network for this client.', 'Alice Example');
      await assertPhoneReady(visit, 'alice-iphone-gateway-return');
    } finally {
      await visit.context.close();
    }
  });

  it("Alice's laptop: blocked for BitLocker and the firewall, and still blocked after Check again", async () => {
    const visit = await open();
    try {
      const page = await connectAndSignIn(visit, /^Alice's laptop/);
      await assertBlockedLaptop(page);
      await assertPhoneReady(visit, 'alice-laptop-blocked');

      // Same URL before and after: mark the old document so the wait sees the new one.
      await page.evaluate(() => (document.documentElement.dataset.before = 'check-again'));
      await page.getByRole('button', { name: 'Check again' }).first().click();
      await page.locator('html:not([data-before])').waitFor({ state: 'attached', timeout: 60_000 });
      await page.waitForLoadState('load');
      assert.match(page.url(), RESULT_URL);
      await assertBlockedLaptop(page);
      assert.equal(
        (await page.getByRole('status').innerText()).trim(),
        'Checked just now: nothing has changed yet. Changes on your device can take a few minutes to reach us.',
      );
      await assertPhoneReady(visit, 'alice-laptop-blocked-after-check-again');
    } finally {
      await visit.context.close();
    }
  });

  async function assertBlockedLaptop(page: Page) {
    await assertHeading(page, 'Your device can’t join the network yet');
    const sections = page.locator('section.reason');
    assert.equal(await sections.count(), 2, 'one section per reason');
    assert.deepEqual((await sections.getByRole('heading', { level: 2 }).allInnerTexts()).sort(), ['Turn on BitLocker', 'Turn on the firewall']);
    const text = await mainText(page);
    // The device is a Windows laptop: Windows steps, even though the browser is an iPhone's.
    assertMentions(
      text,
      'Signed in as Alice Example',
      'Fix the 2 items below, then press Check again.',
      'BitLocker drive encryption isn’t on.',
      'Your firewall is off.',
      'Open Windows Security → Firewall & network protection.',
    );
    for (const section of await sections.all()) {
      const inner = await section.innerText();
      assertMentions(inner, 'What’s wrong', 'Why it matters', 'How to fix it', 'Then');
      assert.ok((await section.locator('ol > li').count()) >= 1, 'each reason has steps');
    }
    assert.equal(await page.getByRole('button', { name: 'Check again' }).count(), 2, 'near the top and after the reasons');
  }

  it("Alice's Pixel: allowed in the grace period, with the deadline shown", async () => {
    const visit = await open();
    try {
      const page = await connectAndSignIn(visit, /^Alice's Pixel/);
      await assertHeading(page, 'You’re approved');
      const notice = await page.locator('.notice').innerText();
      assert.match(notice, /^You can use the network until .*\d.* UTC \(in \d+ days?\)\. Fix the item below before then: read it now/);
      // Something to read: no timed refresh; the person leaves with Continue, the warning comes first.
      assert.equal(await page.locator('meta[http-equiv=refresh]').count(), 0);
      const order = await page.evaluate(() => {
        const notice = document.querySelector('.notice')!;
        const link = [...document.querySelectorAll('a.button')].find((a) => a.textContent === 'Continue')!;
        return notice.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING;
      });
      assert.ok(order, 'the warning is above Continue');
      const text = await mainText(page);
      assertMentions(text, "Device: Alice's Pixel", 'Set a screen lock', 'Continue');
      // Android steps: the device is a Pixel, whatever browser reports.
      assertMentions(text, /Settings → Security → Screen lock/);
      await assertPhoneReady(visit, 'alice-pixel-grace-period');
    } finally {
      await visit.context.close();
    }
  });

  it("Alice's new iPad: blocked, just enrolled and not checked yet", async () => {
    const visit = await open();
    try {
      const page = await connectAndSignIn(visit, /^Alice's new iPad/);
      await assertHeading(page, 'Your device hasn’t been checked yet');
      assert.deepEqual(await page.locator('section.reason h2').allInnerTexts(), ['Your device is still being checked']);
      assertMentions(
        await mainText(page),
        'Your device was set up recently and hasn’t been checked yet.',
        'Wait a few minutes.',
        'Open the Company Portal app.',
        'The first check can take a while.',
      );
      assert.equal(await page.getByRole('button', { name: 'Check again' }).count(), 1);
      await assertPhoneReady(visit, 'alice-ipad-just-enrolled');
    } finally {
      await visit.context.close();
    }
  });

  it("Bob's iPhone, signed in as Alice: the device belongs to someone else", async () => {
    const visit = await open();
    try {
      const page = await connectAndSignIn(visit, /signed in by Alice/, 'alice');
      await assertHeading(page, 'This device belongs to someone else');
      assert.deepEqual(await page.locator('section.reason h2').allInnerTexts(), ['This device is registered to someone else']);
      assertMentions(
        await mainText(page),
        'Signed in as Alice Example',
        'This device is registered to another person.',
        'press Sign in with another account above',
      );
      await assertPhoneReady(visit, 'bob-iphone-not-yours');
    } finally {
      await visit.context.close();
    }
  });

  it('A device that is not enrolled: general enrolment steps that say they are general', async () => {
    const visit = await open();
    try {
      const page = await connectAndSignIn(visit, 'A device that is not enrolled');
      await assertHeading(page, 'Set up your device first');
      assert.deepEqual(await page.locator('section.reason h2').allInnerTexts(), ['Set up this device for work']);
      const text = await mainText(page);
      // No device, so no platform: the browser's User-Agent is not the device and is not used.
      assertMentions(
        text,
        'This device isn’t set up for work yet.',
        'Your device isn’t set up with your organization yet.',
        'We don’t know what kind of device this is, so these steps are general.',
        /App Store/,
      );
      assert.ok(!text.includes('package repository'), 'no Linux steps');
      assert.ok((await page.locator('section.reason ol > li').count()) >= 2, 'enrolment steps are listed');
      await assertPhoneReady(visit, 'not-enrolled');
    } finally {
      await visit.context.close();
    }
  });

  it('A phone with a private (randomized) Wi-Fi address: explains how to turn it off', async () => {
    const visit = await open();
    try {
      const page = await connectAndSignIn(visit, 'A phone using a private (randomized) Wi-Fi address');
      assert.deepEqual(await page.locator('section.reason h2').allInnerTexts(), ['Turn off the private address for this Wi-Fi']);
      const text = await mainText(page);
      assertMentions(
        text,
        'Your device uses a private Wi-Fi address on this network',
        'a private address keeps changing',
        /Private Wi-Fi Address/i,
        'Checking again on this page can’t help',
      );
      // The visit is bound to the random address: only a reconnect helps, so no Check again button.
      assert.equal(await page.getByRole('button', { name: 'Check again' }).count(), 0);
      assertMentions(await page.locator('.support').innerText(), '7A:4C:11:22:33:44');
      await assertPhoneReady(visit, 'private-wifi-address');
    } finally {
      await visit.context.close();
    }
  });

  it("Alice's laptop at 320px: the blocked page stays readable without sideways scrolling", async () => {
    const visit = await open(phoneContext(320));
    try {
      const page = await connectAndSignIn(visit, /^Alice's laptop/);
      await assertBlockedLaptop(page);
      await assertPhoneReady(visit, 'alice-laptop-blocked-320', 320);
    } finally {
      await visit.context.close();
    }
  });

  it("Alice's laptop in German: Accept-Language de gives German pages", async () => {
    const visit = await open(phoneContext(360, { locale: 'de-DE', extraHTTPHeaders: { 'Accept-Language': 'de-DE,de;q=0.9' } }));
    try {
      const page = await connectAndSignIn(visit, /^Alice's laptop/, 'alice', { heading: 'Melden Sie sich an, um ins Netz zu kommen', button: 'Anmelden' });
      assert.equal(await page.locator('html').getAttribute('lang'), 'de');
      await assertHeading(page, 'Ihr Gerät kann noch nicht ins Netz');
      assert.deepEqual((await page.locator('section.reason h2').allInnerTexts()).sort(), ['BitLocker einschalten', 'Firewall einschalten']);
      const text = await mainText(page);
      assertMentions(
        text,
        'Angemeldet als Alice Example',
        'Was nicht stimmt',
        'Warum das wichtig ist',
        'So beheben Sie es',
        'Ihre Firewall ist ausgeschaltet.',
      );
      assert.equal(await page.getByRole('button', { name: 'Erneut prüfen' }).count(), 2);
      assert.match(await page.locator('.support').innerText(), /Hilfe bekommen/);
      await assertPhoneReady(visit, 'alice-laptop-blocked-de');
    } finally {
      await visit.context.close();
    }
  });
});
