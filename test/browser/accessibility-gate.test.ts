import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/negotiate-language.js';
import { LANGUAGE_COOKIE, directionOf } from '../../src/i18n/language-choice.js';
import { browserSuiteEnabled, launchChromium, phoneContext } from '../helpers/chromium.js';
import { startVestibule, type TestVestibule } from '../helpers/test-vestibule.js';

/*
 * The accessibility and phone gate: every outcome page, the error pages, the landing page,
 * the sign-in form and the demo, at 320 and 360 px with JavaScript off, in every shipped
 * language. Each page must have no axe-core WCAG 2.1 A/AA violation (except the documented
 * ones below), load nothing from another host, stay under 30 KB with its CSS, carry
 * <html lang> (and dir) of the language it is written in, and have no script at all.
 * Screenshots at 320 px go to test-results/screenshots/gate/ for people to look at.
 */

const SUITE = 'browser: accessibility and phone gate (axe-core, JavaScript off)';
const enabled = browserSuiteEnabled(SUITE);

export const GATE_SCREENSHOTS = join('test-results', 'screenshots', 'gate');
const PAGE_BUDGET_BYTES = 30 * 1024;
const RESULT_URL = /\/p\/[A-Za-z0-9_-]{32}(\?.*)?$/;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Documented exceptions (docs/accessibility.md): a plain "approved" page with nothing to read
 * hands the browser back to a gateway that needs it back, after 3 s (axe: meta-refresh). Every
 * other page must be clean.
 */
const EXCEPTIONS: Record<string, string[]> = { 'approved-plain': ['meta-refresh'], checking: ['meta-refresh'] };

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The demo cards, by the device line under their heading, and the page each leads to. */
const OUTCOMES = [
  { name: 'approved-plain', card: /^Alice's iPhone \(/ },
  { name: 'os-too-old', card: /^Alice's old iPhone/ },
  { name: 'blocked-two-reasons', card: /^Alice's laptop/ },
  { name: 'approved-grace-period', card: /^Alice's Pixel/ },
  { name: 'not-checked-yet', card: /^Alice's new iPad/ },
  { name: 'not-yours', card: /signed in by Alice/ },
  { name: 'not-enrolled', card: /^A device that is not enrolled/ },
  { name: 'private-address', card: /^A phone using a private/ },
] as const;

describe(SUITE, { skip: !enabled, concurrency: 2 }, () => {
  let vestibule: TestVestibule;
  let browser: Browser;
  let axeContext: BrowserContext;
  before(async () => {
    mkdirSync(GATE_SCREENSHOTS, { recursive: true });
    [vestibule, browser] = await Promise.all([
      startVestibule({
        GATEWAYS_FILE: './config/demo/gateways.json',
        ORG_NAME: 'Contoso IT',
        HELPDESK_PHONE: '+49 30 1234 567',
        HELPDESK_EMAIL: 'help@contoso.example',
      }),
      launchChromium(),
    ]);
    // axe-core needs script to run; the page itself is rendered with JavaScript off and has no
    // script, so axe looks at the exact HTML the phone got, replayed into a scripting context.
    axeContext = await browser.newContext(phoneContext(320, { javaScriptEnabled: true }));
  });
  after(async () => {
    await browser?.close();
    await vestibule?.stop();
  });

  /** Runs every gate check on the page as it is now; `name` names the screenshot and the exceptions. */
  async function gate(page: Page, requests: string[], name: string, language: string) {
    const origin = new URL(vestibule.url).host;
    assert.deepEqual(
      requests.filter((url) => new URL(url).host !== origin),
      [],
      `${name}: every request stays on the portal host`,
    );
    const facts = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      scripts: document.scripts.length,
      html: document.documentElement.outerHTML,
      css: [...document.styleSheets].map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join('\n')).join('\n'),
    }));
    assert.equal(facts.lang, language, `${name}: <html lang> is the language of the content`);
    assert.equal(facts.dir, directionOf(language as never), `${name}: <html dir>`);
    assert.equal(facts.scripts, 0, `${name}: no script on the page`);
    const bytes = Buffer.byteLength(`<!doctype html>${facts.html}`) + Buffer.byteLength(facts.css);
    assert.ok(bytes < PAGE_BUDGET_BYTES, `${name}: page + CSS ${bytes} bytes must stay under ${PAGE_BUDGET_BYTES}`);

    const violations = await axe(page.url(), `<!doctype html>${facts.html}`);
    const allowed = EXCEPTIONS[name] ?? [];
    const unexpected = violations.filter((v) => !allowed.includes(v.id));
    assert.deepEqual(unexpected, [], `${name} (${language}): axe WCAG 2.1 A/AA violations`);
    if (page.viewportSize()?.width === 320) await page.screenshot({ path: join(GATE_SCREENSHOTS, `${name}-${language}-320.png`), fullPage: true });
  }

  /** axe-core over `html` served at `url` (the stylesheet comes from the server as usual). */
  async function axe(url: string, html: string): Promise<Array<{ id: string; impact: string; targets: string[] }>> {
    const page = await axeContext.newPage();
    try {
      // The page once; its stylesheet from the server; any later navigation (a meta refresh) is
      // answered 204 so the document under test stays put while axe looks at it.
      let served = false;
      await page.route('**/*', (route) => {
        const target = route.request().url();
        if (target === url && !served) {
          served = true;
          return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
        }
        if (new URL(target).pathname.startsWith('/static/') || new URL(target).pathname === '/brand/logo') return route.continue();
        return route.fulfill({ status: 204 });
      });
      await page.goto(url);
      await page.evaluate(AXE_SOURCE);
      const result = await page.evaluate(
        (tags) =>
          (
            window as unknown as {
              axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> };
            }
          ).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        WCAG_TAGS,
      );
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
    } finally {
      await page.close();
    }
  }

  async function open(width: number, language: string) {
    const context = await browser.newContext(phoneContext(width));
    await context.addCookies([{ name: LANGUAGE_COOKIE, value: language, url: vestibule.url }]);
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    return { context, page: await context.newPage(), requests };
  }

  /** /demo → the card → landing (gated) → dev IdP form (gated once) → result page. */
  async function reach(page: Page, requests: string[], card: RegExp, signInAs: string, language: string, gateOnTheWay: boolean) {
    await page.goto(`${vestibule.url}/demo`);
    if (gateOnTheWay) await gate(page, requests, 'demo', 'en');
    const form = page.locator('form').filter({ has: page.locator('p.small', { hasText: card }) });
    assert.equal(await form.count(), 1, `one demo card for ${card}`);
    await form.getByRole('button').click();
    await page.waitForURL(RESULT_URL);
    if (gateOnTheWay) await gate(page, requests, 'landing', language);
    await page.locator('a.button').click();
    await page.waitForURL(/\/dev-idp\/interaction\//);
    await page.getByLabel('Username').fill(signInAs);
    await page.getByLabel('Password').fill('vestibule-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(RESULT_URL);
    await page.waitForLoadState('load');
  }

  for (const language of SUPPORTED_LANGUAGES) {
    // 320 px (the narrowest phone) in every language; 360 px in English as well.
    for (const width of language === 'en' ? [320, 360] : [320]) {
      it(`${language} at ${width}px: every outcome page, the landing page and the demo`, async () => {
        for (const [index, outcome] of OUTCOMES.entries()) {
          const { context, page, requests } = await open(width, language);
          try {
            if (outcome.name === 'approved-plain') {
              // The hand-back answers 204, so the browser stays on the page being gated.
              await page.route(/\/demo\/gateway\/return\?/, (route) => route.fulfill({ status: 204 }));
            }
            await reach(page, requests, outcome.card, 'alice', language, index === 0);
            await gate(page, requests, outcome.name, language);
          } finally {
            await context.close();
          }
        }
      });
    }

    it(`${language}: the error pages (404, 400 from the demo's device box, expired link)`, async () => {
      const { context, page, requests } = await open(320, language);
      try {
        const notFound = await page.goto(`${vestibule.url}/nope`);
        assert.equal(notFound?.status(), 404);
        await gate(page, requests, 'error-404', language);

        const expired = await page.goto(`${vestibule.url}/p/${'A'.repeat(32)}`);
        assert.equal(expired?.status(), 404);
        await gate(page, requests, 'error-link-expired', language);

        await page.goto(`${vestibule.url}/demo`);
        await page.getByLabel('MAC address or Intune device ID').fill('not-a-mac');
        const [response] = await Promise.all([
          page.waitForResponse(/\/demo\/connect-device$/),
          page.getByRole('button', { name: 'Connect this device' }).first().click(),
        ]);
        assert.equal(response.status(), 400);
        await page.waitForLoadState('load');
        await gate(page, requests, 'error-400', language);
      } finally {
        await context.close();
      }
    });
  }

  it('the dev IdP sign-in form', async () => {
    const { context, page, requests } = await open(320, 'en');
    try {
      await page.goto(`${vestibule.url}/demo`);
      await page
        .locator('form')
        .filter({ has: page.locator('p.small', { hasText: /^Alice's laptop/ }) })
        .getByRole('button')
        .click();
      await page.waitForURL(RESULT_URL);
      await page.locator('a.button').click();
      await page.waitForURL(/\/dev-idp\/interaction\//);
      await gate(page, requests, 'sign-in-form', 'en');
    } finally {
      await context.close();
    }
  });
});
