import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/negotiate-language.js';
import { format, uiStrings } from '../../src/i18n/ui/index.js';

describe('uiStrings', () => {
  const en = uiStrings('en');

  it('has the required English texts', () => {
    assert.equal(en['landing.title'], 'Sign in to get on the network');
    assert.equal(en['landing.button'], 'Sign in');
    assert.equal(en['checking.title'], 'Checking your device…');
    assert.equal(en['checking.body'], 'This page refreshes by itself.');
    assert.equal(en['allowed.title'], 'You’re connected');
    assert.equal(en['allowed.body'], 'Taking you back to the network…');
    assert.equal(en['allowed.continue'], 'Continue');
    assert.equal(en['blocked.title'], 'Your device can’t join the network yet');
    assert.equal(en['blocked.checkAgain'], 'Check again');
    assert.equal(en['blocked.body'], 'Fix the items below, then press Check again.');
    assert.equal(en['linkInvalid.body'], 'This link has expired. Reconnect to the Wi-Fi to get a new one.');
    assert.equal(en['unavailable.body'], 'We can’t check your device right now. Try again in a minute.');
    assert.equal(en.skipLink, 'Skip to content');
  });

  for (const language of SUPPORTED_LANGUAGES) {
    it(`${language}: same keys as English, all non-empty, no HTML`, () => {
      const strings = uiStrings(language);
      assert.deepEqual(Object.keys(strings).sort(), Object.keys(en).sort());
      for (const [key, value] of Object.entries(strings)) {
        assert.ok(value.trim().length > 0, key);
        assert.ok(!value.includes('<') && !value.includes('>'), key);
      }
    });

    it(`${language}: keeps the same placeholders as English`, () => {
      const strings = uiStrings(language);
      const placeholders = (s: string) => (s.match(/\{[a-zA-Z0-9_]+\}/g) ?? []).sort();
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        assert.deepEqual(placeholders(strings[key]), placeholders(en[key]), key);
      }
    });
  }

  it('names its own language', () => {
    assert.equal(uiStrings('de')['page.lang'], 'de');
    assert.equal(en['page.lang'], 'en');
  });

  it('falls back to English', () => {
    assert.equal(uiStrings('fr'), en);
    assert.equal(uiStrings('constructor'), en);
  });
});

describe('format', () => {
  it('replaces placeholders', () => {
    assert.equal(format('Signed in as {user}', { user: 'alex@example.com' }), 'Signed in as alex@example.com');
    assert.equal(format('{a} and {b} and {a}', { a: 1, b: 'two' }), '1 and two and 1');
  });

  it('leaves unknown placeholders and inherited names alone', () => {
    assert.equal(format('Hi {name}', {}), 'Hi {name}');
    assert.equal(format('{toString} {constructor}', {}), '{toString} {constructor}');
  });

  it('does not expand values or treat them as patterns', () => {
    assert.equal(format('{a}', { a: '{b}', b: 'no' }), '{b}');
    assert.equal(format('{a}', { a: '$& $1 $$' }), '$& $1 $$');
  });

  it('keeps values as plain text (escaping is the view’s job)', () => {
    assert.equal(format('Device: {device}', { device: '<b>x</b>' }), 'Device: <b>x</b>');
  });
});
