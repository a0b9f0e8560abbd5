import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser } from '../helpers/browser.js';
import { signedRedirect } from '../helpers/gateway-client.js';
import { ALICE, connectAndSignIn, DEVICES, signIn } from '../helpers/portal-flow.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';
import { loadBranding, MAX_LOGO_BYTES } from '../../src/http/branding.js';
import { reasonCatalogue } from '../../src/i18n/index.js';

/* Issue #11: what a person on a phone, and the helpdesk behind them, see. One test per defect kind. */

const OLD_IPHONE_MAC = '5C:8D:4E:11:22:33';
const dir = mkdtempSync(join(tmpdir(), 'vestibule-brand-'));
const LOGO = join(dir, 'logo.svg');
writeFileSync(LOGO, '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><rect width="32" height="32" fill="#0b57d0"/></svg>');

describe('the phone pages', () => {
  let vestibule: TestVestibule;
  before(async () => {
    vestibule = await startVestibule({
      ORG_NAME: 'Contoso IT',
      HELPDESK_PHONE: '+49 (30) 1234-567',
      HELPDESK_EMAIL: 'help@contoso.example',
      HELPDESK_URL: 'https://help.contoso.example/wifi',
      LOGO_FILE: LOGO,
    });
  });
  after(() => vestibule.stop());

  it('a page with something to read waits for Continue: no timed refresh, the warning and deadline above Continue', async () => {
    const { result } = await connectAndSignIn(vestibule.url, { mac: DEVICES.alicePixel.mac });
    assert.match(result.body, /<h1 class="ok">You’re approved<\/h1>/);
    assert.doesNotMatch(result.body, /http-equiv="refresh"/);
    const notice = result.body.indexOf('class="notice"');
    const button = result.body.indexOf('>Continue</a>');
    const steps = result.body.indexOf('<section class="reason"');
    assert.ok(notice > 0 && notice < button && button < steps, 'warning, then Continue, then the steps');
    // Dates: absolute in UTC and relative.
    assert.match(result.body, /You can use the network until <bdi>[^<]*UTC \(in \d+ days\)<\/bdi>\./);
    // One item to fix (the screen lock): the notice counts it instead of speaking of "the items".
    assert.match(result.body, /<\/bdi>\. Fix the item below before then: read it now/);
  });

  it('a plain approval hands back to the gateway by itself (the documented exception)', async () => {
    const { result } = await connectAndSignIn(vestibule.url, { mac: DEVICES.aliceIphone.mac });
    assert.match(result.body, /<meta http-equiv="refresh" content="3;url=[^"]+">/);
    assert.doesNotMatch(result.body, /class="notice"/);
  });

  it('blocked pages carry the helpdesk, the MAC the gateway saw, the time and a short reference; the header shows the logo', async () => {
    const { result } = await connectAndSignIn(vestibule.url, { mac: DEVICES.aliceLaptop.mac });
    assert.match(result.body, /<img class="logo" src="\/brand\/logo" alt="Contoso IT logo" height="32"><span class="brand">Contoso IT<\/span>/);
    assert.match(result.body, /<a href="tel:\+49301234567" dir="ltr">\+49 \(30\) 1234-567<\/a>/);
    assert.match(result.body, /<a href="mailto:help@contoso.example" dir="ltr">help@contoso.example<\/a>/);
    assert.match(result.body, /<a href="https:\/\/help.contoso.example\/wifi">Help page<\/a>/);
    assert.match(result.body, /<dt>Network address \(MAC\)<\/dt><dd><bdi dir="ltr">3C:22:FB:10:20:30<\/bdi><\/dd>/);
    assert.match(result.body, /<dt>Time<\/dt><dd>[^<]*\d{4}[^<]*UTC<\/dd>/);
    assert.match(result.body, /<dt>Reference<\/dt><dd><bdi dir="ltr">[A-Z0-9]{8}<\/bdi><\/dd>/);
    assert.doesNotMatch(result.body, /Contact your helpdesk/, 'no generic helpdesk line when the support block is there');

    const logo = await fetch(new URL('/brand/logo', vestibule.url));
    assert.equal(logo.status, 200);
    assert.equal(logo.headers.get('content-type'), 'image/svg+xml');
    assert.match(logo.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.match(await logo.text(), /^<svg /);
  });

  it('in Arabic, every left-to-right token is set apart and stays under its label: MAC, reference, versions, names, phone, email', async () => {
    const browser = new Browser(vestibule.url);
    browser.headers['accept-language'] = 'ar';
    const landing = await browser.get(signedRedirect(TEST_GATEWAYS.hq, { mac: OLD_IPHONE_MAC }));
    const page = await signIn(browser, landing, ALICE);
    assert.match(page.body, /<html lang="ar" dir="rtl">/);
    // The value is isolated inside the <dd>, not the <dd> turned left to right: that would align it
    // left, away from its right-aligned label.
    assert.doesNotMatch(page.body, /<dd dir=/);
    assert.match(page.body, /<dd><bdi dir="ltr">5C:8D:4E:11:22:33<\/bdi><\/dd>/);
    assert.match(page.body, /<dd><bdi dir="ltr">[A-Z0-9]{8}<\/bdi><\/dd>/);
    assert.match(page.body, /<bdi dir="ltr">16\.2<\/bdi>/);
    assert.match(page.body, /<bdi dir="ltr">17\.0<\/bdi> أو أحدث/);
    assert.match(page.body, /<bdi>Alice&#39;s old iPhone<\/bdi>/);
    assert.match(page.body, /<a href="tel:\+49301234567" dir="ltr">/);
    assert.match(page.body, /<a href="mailto:help@contoso.example" dir="ltr">/);
  });

  it('refuses a logo that is too big or not what its name says, at start', () => {
    const big = join(dir, 'big.png');
    writeFileSync(big, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(MAX_LOGO_BYTES)]));
    assert.throws(() => loadBranding({ logoFile: big }), /at most 8192/);
    const fake = join(dir, 'fake.png');
    writeFileSync(fake, 'GIF89a');
    assert.throws(() => loadBranding({ logoFile: fake }), /does not look like a PNG/);
  });

  it('the expired-link page does not repeat its heading as its first sentence', async () => {
    const page = await (await fetch(new URL(`/p/${'A'.repeat(32)}`, vestibule.url))).text();
    assert.match(page, /<h1>This link has expired<\/h1>\n<p>Reconnect to the Wi-Fi to get a new one\.<\/p>/);
  });

  it('/favicon.ico costs nothing: 204, cacheable, no error page', async () => {
    const icon = await fetch(new URL('/favicon.ico', vestibule.url));
    assert.equal(icon.status, 204);
    assert.equal(await icon.text(), '');
    assert.match(icon.headers.get('cache-control') ?? '', /max-age=86400/);
  });

  it('a private address gets no Check again (only a reconnect helps) and shows the address', async () => {
    const { result } = await connectAndSignIn(vestibule.url, { mac: '7a:4c:11:22:33:44' });
    assert.doesNotMatch(result.body, /\/check"/, 'no Check again form');
    assert.match(result.body, /Checking again on this page can’t help/);
    assert.match(result.body, /<dd><bdi dir="ltr">7A:4C:11:22:33:44<\/bdi><\/dd>/);
  });

  it('an enrolled computer on a dock is told to use its built-in adapter or call the helpdesk, not to enrol again', () => {
    for (const platform of ['Windows', 'macOS', 'Linux'] as const) {
      const steps = reasonCatalogue('en').NOT_ENROLLED.steps({ platform, deviceName: '' }).join(' ');
      assert.match(steps, /dock or USB network adapter/);
      assert.match(steps, /Don’t set the computer up again/);
    }
  });

  it('the OS-too-old page shows the version the device has and the one the policy needs', async () => {
    const { result } = await connectAndSignIn(vestibule.url, { mac: OLD_IPHONE_MAC });
    // Versions are set apart from the sentence (they read left to right inside Arabic too).
    assert.match(
      result.body,
      /The software on your device is too old\. Your version: <bdi dir="ltr">16\.2<\/bdi>\. Needed: <bdi dir="ltr">17\.0<\/bdi> or later\./,
    );
    assert.match(result.body, /Fix the item below, then press Check again\./, 'one reason: singular');
  });

  it('the language switcher works without JavaScript, remembers the choice and never redirects off-site', async () => {
    const browser = new Browser(vestibule.url);
    const switched = await browser.get('/language/de?back=/nope', { follow: false });
    assert.equal(switched.status, 303);
    assert.equal(switched.headers.get('location'), '/nope');
    assert.match(switched.headers.get('set-cookie') ?? '', /^vestibule\.lang=de; Max-Age=\d+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    const page = await browser.get('/nope');
    assert.match(page.body, /<html lang="de" dir="ltr">/);
    assert.match(page.body, /<h1>Seite nicht gefunden<\/h1>/);
    assert.match(page.body, /<span aria-current="true" lang="de">Deutsch<\/span>/);

    for (const back of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/ok?x=1']) {
      const r = await fetch(new URL(`/language/en?back=${encodeURIComponent(back)}`, vestibule.url), { redirect: 'manual' });
      assert.equal(r.headers.get('location'), '/', back);
    }
    assert.equal((await fetch(new URL('/language/xx', vestibule.url), { redirect: 'manual' })).status, 404);
  });
});

describe('the demo and the error pages', () => {
  let vestibule: TestVestibule;
  before(async () => {
    vestibule = await startVestibule({ GATEWAYS_FILE: './config/demo/gateways.json' });
  });
  after(() => vestibule.stop());

  it('error pages blame us only for a 5xx: 404 says not found, 400 says what was wrong, / goes to the demo', async () => {
    const notFound = await fetch(new URL('/nope', vestibule.url));
    assert.equal(notFound.status, 404);
    const body404 = await notFound.text();
    assert.match(body404, /<h1>Page not found<\/h1>/);
    assert.doesNotMatch(body404, /on our side/);

    const typo = await fetch(new URL('/demo/connect-device', vestibule.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'identity=3C%3A22%3AFB',
    });
    assert.equal(typo.status, 400);
    const body400 = await typo.text();
    assert.match(body400, /Type a MAC address \(for example 3C:22:FB:12:34:56\) or an Intune device ID/);
    assert.doesNotMatch(body400, /on our side/);

    const home = await fetch(new URL('/', vestibule.url), { redirect: 'manual' });
    assert.equal(home.status, 303);
    assert.equal(home.headers.get('location'), '/demo');
  });

  it('an error page with no helpdesk configured still says whom to ask, and shows no empty "Get help" block', async () => {
    const expired = await fetch(new URL('/g/demo-gw?mac=A4:B1:C2:D3:E4:F5&ts=1&sig=x', vestibule.url));
    assert.equal(expired.status, 403);
    const body = await expired.text();
    assert.doesNotMatch(body, /Get help/);
    assert.match(body, /<footer class="foot">\n<p>Need help\? Contact your helpdesk\.<\/p>/);
  });

  it('the demo names cards by outcome, has an OS-too-old and a not-yours card, and says lang="en" for its English text', async () => {
    const demo = await fetch(new URL('/demo', vestibule.url), { headers: { 'accept-language': 'de' } });
    const body = await demo.text();
    assert.match(body, /<html lang="en" dir="ltr">/);
    assert.match(body, /<h2>Allowed: the device meets every rule<\/h2>\n<p class="small">Alice&#39;s iPhone/);
    assert.match(body, /<h2>Blocked: Update your device<\/h2>\n<p class="small">Alice&#39;s old iPhone \(iOS 16\.2\)/);
    assert.match(
      body,
      /<h2>Blocked: this device belongs to someone else<\/h2>\n<p class="small">Bob&#39;s iPhone \(iOS 17\.6\), signed in by Alice · gateway reports MAC [^<]*sign in as <strong>alice<\/strong>/,
    );
  });
});
