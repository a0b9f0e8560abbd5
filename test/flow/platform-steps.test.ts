import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { platformOf } from '../../src/portal/reason-sections.js';
import { Browser } from '../helpers/browser.js';
import { signedRedirect } from '../helpers/gateway-client.js';
import { ALICE, DEVICES, signIn } from '../helpers/portal-flow.js';
import { startVestibule, TEST_GATEWAYS, type TestVestibule } from '../helpers/test-vestibule.js';

/*
 * Fix-it steps follow the platform the compliance backend reports for the device the gateway
 * named, never the browser's User-Agent: the browser showing the page may not be the device
 * (a laptop's browser, a desktop next to a phone), and guessing gave a Linux desktop Linux
 * enrolment steps. Without a device, the steps are general and say so.
 */

const DESKTOP_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

describe('fix-it steps follow the device’s reported platform, not the browser', () => {
  let vestibule: TestVestibule;
  before(async () => {
    vestibule = await startVestibule();
  });
  after(() => vestibule.stop());

  async function resultFor(client: Record<string, string>, userAgent: string) {
    const browser = new Browser(vestibule.url, userAgent);
    const landing = await browser.get(signedRedirect(TEST_GATEWAYS.hq, client));
    return signIn(browser, landing, ALICE);
  }

  it('a device not enrolled, seen from a desktop Linux browser: general steps that say so, not Linux steps', async () => {
    const result = await resultFor({ mac: '00:1B:63:84:45:E6' }, DESKTOP_LINUX);
    assert.match(result.body, /Set up your device first/);
    assert.match(result.body, /We don’t know what kind of device this is, so these steps are general\./);
    assert.doesNotMatch(result.body, /package repository/, 'no Linux steps from the User-Agent');
    assert.match(result.body, /Phone or tablet: install “Intune Company Portal” from the App Store or the Play Store/);
    assert.match(result.body, /Windows computer: open Settings → Accounts → Access work or school/);
  });

  it('a Windows laptop in the inventory gets Windows steps from a Linux desktop and from an Android phone', async () => {
    for (const userAgent of [DESKTOP_LINUX, ANDROID]) {
      const result = await resultFor({ mac: DEVICES.aliceLaptop.mac }, userAgent);
      assert.match(result.body, /Open Windows Security → Firewall &amp; network protection\./);
      assert.doesNotMatch(result.body, /We don’t know what kind of device this is/, 'a known device gets no “general steps” note');
    }
  });

  it('maps the operating systems backends report onto the platforms we have steps for', () => {
    assert.equal(platformOf('iOS'), 'iOS');
    assert.equal(platformOf('iPadOS'), 'iOS');
    assert.equal(platformOf('Android'), 'Android');
    assert.equal(platformOf('AndroidEnterprise'), 'Android');
    assert.equal(platformOf('Windows'), 'Windows');
    assert.equal(platformOf('macOS'), 'macOS');
    assert.equal(platformOf('Linux'), 'Linux');
    assert.equal(platformOf('ChromeOS'), 'other', 'a platform we have no steps for');
    assert.equal(platformOf(''), 'unknown');
    assert.equal(platformOf(undefined), 'unknown');
  });
});
