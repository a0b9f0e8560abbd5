import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { logoutSource, type DevIdpContext } from '../../src/auth/dev-idp/dev-idp-pages.js';
import { Browser, type Page } from '../helpers/browser.js';
import { signedRedirect } from '../helpers/gateway-client.js';
import { ALICE, BOB, DEVICES, connectAndSignIn } from '../helpers/portal-flow.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

/*
 * The dev IdP is on the documented demo path, which must work on a phone with JavaScript off
 * and no internet: none of oidc-provider's own pages (self-submitting form post, logout
 * prompt, signed-out page, error page) may reach the browser as the library writes them.
 */

/** A page of ours: language, our stylesheet, no script at all, every address on this host. */
function assertOwnPage(page: Page, origin: string) {
  assert.match(page.body, /^<!doctype html>\s*<html lang="en" dir="ltr">/i, `${page.url}: <html lang>`);
  assert.doesNotMatch(page.body, /<script|<noscript|\bon[a-z]+=/i, `${page.url}: nothing that needs JavaScript`);
  assert.match(page.body, /<link rel="stylesheet" href="\/static\/portal.css">/, `${page.url}: our stylesheet`);
  assert.doesNotMatch(page.body, /<style|style="/, `${page.url}: no inline styles (our CSP forbids them)`);
  for (const [, address] of page.body.matchAll(/(?:href|src|action)="([^"]+)"/g)) {
    assert.equal(new URL(address!.replaceAll('&amp;', '&'), origin).origin, origin, `${page.url}: ${address} stays on this host`);
  }
}

describe('the dev IdP’s pages work without JavaScript', () => {
  let vestibule: TestVestibule;
  before(async () => {
    vestibule = await startVestibule();
  });
  after(() => vestibule.stop());

  it('asks for a username on every sign-in: a second device in the same browser is not signed in as the previous user', async () => {
    const { browser, result } = await connectAndSignIn(vestibule.url, { mac: DEVICES.aliceLaptop.mac }, ALICE);
    assert.match(result.body, /Signed in as <bdi>Alice Example<\/bdi>/);
    const landing = await browser.get(signedRedirect(TEST_GATEWAYS.hq, { mac: DEVICES.bobIphone.mac }));
    const signInLink = /href="(\/p\/[A-Za-z0-9_-]+\/sign-in)"/.exec(landing.body)?.[1];
    assert.ok(signInLink);
    const form = await browser.get(signInLink);
    assert.match(form.url, /\/dev-idp\/interaction\//, 'the IdP shows its form instead of reusing Alice’s sign-in');
    assertOwnPage(form, vestibule.url);
    const bobsResult = await browser.submit(form, { username: BOB.username, password: BOB.password }, /\/dev-idp\/interaction\//);
    assert.match(bobsResult.body, /Signed in as <bdi>Bob Example<\/bdi>/);
  });

  it('the sign-out step the library submits by script is our page with a visible Continue button', async () => {
    const browser = new Browser(vestibule.url);
    const step = await browser.get('/dev-idp/session/end');
    assert.equal(step.status, 200);
    assertOwnPage(step, vestibule.url);
    assert.match(step.body, /<button type="submit" class="button">Continue<\/button>/);
    assert.doesNotMatch(step.body, /Submitting Callback/);
    const done = await browser.submit(step, {}, /\/dev-idp\/session\/end\/confirm$/);
    assert.match(done.url, /\/dev-idp\/session\/end\/success$/);
    assertOwnPage(done, vestibule.url);
    assert.match(done.body, /<h1>You’re signed out<\/h1>/);
  });

  it('the IdP’s error page is ours and says what to do', async () => {
    const page = await new Browser(vestibule.url).get('/dev-idp/auth?client_id=unknown&response_type=code&scope=openid');
    assert.equal(page.status, 400);
    assertOwnPage(page, vestibule.url);
    assert.match(page.body, /<h1>Sign-in couldn’t finish<\/h1>/);
    assert.match(page.body, /press Sign in again/);
  });

  it('the logout prompt keeps the library’s hidden fields and puts the choice on two buttons', async () => {
    const ctx = { state: {}, response: { is: () => 'html' } } as unknown as DevIdpContext;
    await logoutSource(
      ctx,
      '<form id="op.logoutForm" method="post" action="http://idp.test/session/end/confirm"><input type="hidden" name="xsrf" value="a&amp;b"/></form>',
    );
    const body = String(ctx.body);
    assert.match(body, /<html lang="en"/);
    assert.doesNotMatch(body, /<script|fonts\.googleapis/);
    assert.match(body, /<form method="post" action="http:\/\/idp.test\/session\/end\/confirm">/);
    assert.match(body, /<input type="hidden" name="xsrf" value="a&amp;b">/);
    assert.match(body, /<button type="submit" class="button" name="logout" value="yes">Sign out<\/button>/);
    assert.match(body, /<button type="submit" class="button secondary">Stay signed in<\/button>/);
  });
});
