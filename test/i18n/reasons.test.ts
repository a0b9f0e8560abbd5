import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_REASON_CODES } from '../../src/core/compliance/reason-codes.js';
import type { Platform } from '../../src/core/compliance/types.js';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/negotiate-language.js';
import { reasonCatalogue, type ReasonContext } from '../../src/i18n/reasons/index.js';
import { translate } from '../../src/i18n/messages/translate.js';
import { plainText } from '../../src/i18n/messages/rich-text.js';

const PLATFORMS: readonly Platform[] = ['iOS', 'Android', 'Windows', 'macOS', 'Linux', 'other', 'unknown'];

const FULL: Omit<ReasonContext, 'platform'> = {
  deviceName: 'Alex’s Phone',
  currentValue: 'CURRENT-16.7',
  required: { comparison: 'atLeast', value: 'EXPECTED-17.0' },
  settingName: 'SETTING-Minimum OS version',
  policyName: 'POLICY-Baseline',
  detail: 'DETAIL-Script exited with code 2',
  deadline: '12 March 2026, 17:00',
};

function contexts(platform: Platform): ReasonContext[] {
  return [
    { platform, deviceName: '' },
    { platform, ...FULL },
  ];
}

/** Every string a catalogue entry can produce for a platform and context. */
function allText(language: string, platform: Platform): string[] {
  const catalogue = reasonCatalogue(language);
  const out: string[] = [];
  for (const code of ALL_REASON_CODES) {
    const text = catalogue[code];
    out.push(text.title, text.why, text.after);
    for (const ctx of contexts(platform)) out.push(plainText(text.problem(ctx)), ...text.steps(ctx));
  }
  return out;
}

describe('reason catalogues', () => {
  for (const language of SUPPORTED_LANGUAGES) {
    describe(language, () => {
      const catalogue = reasonCatalogue(language);

      it('covers exactly the reason codes', () => {
        assert.deepEqual(Object.keys(catalogue).sort(), [...ALL_REASON_CODES].sort());
      });

      for (const code of ALL_REASON_CODES) {
        it(`${code} has a title, why, after, problem and steps on every platform`, () => {
          const text = catalogue[code];
          assert.ok(text.title.trim().length > 0);
          assert.ok(text.why.trim().length > 0);
          assert.ok(text.after.trim().length > 0);
          for (const platform of PLATFORMS) {
            for (const ctx of contexts(platform)) {
              assert.ok(plainText(text.problem(ctx)).trim().length > 0, `${platform} problem`);
              const steps = text.steps(ctx);
              assert.ok(steps.length > 0, `${platform} steps`);
              for (const step of steps) assert.ok(step.trim().length > 0, `${platform} empty step`);
            }
          }
        });

        it(`${code} weaves the current value into the problem`, () => {
          for (const platform of PLATFORMS) {
            assert.ok(plainText(catalogue[code].problem({ platform, ...FULL })).includes(FULL.currentValue!), platform);
          }
        });
      }

      it('shows the required value where a setting has one', () => {
        for (const code of ['OS_TOO_OLD', 'PATCH_LEVEL_OLD', 'PASSCODE_WEAK', 'SCREEN_LOCK_TIMEOUT', 'CUSTOM_COMPLIANCE', 'SETTING_NONCOMPLIANT'] as const) {
          assert.ok(plainText(catalogue[code].problem({ platform: 'iOS', ...FULL })).includes('EXPECTED-17.0'), code);
        }
      });

      it('names the setting, policy and detail for generic and custom settings', () => {
        const generic = plainText(catalogue.SETTING_NONCOMPLIANT.problem({ platform: 'Windows', ...FULL }));
        assert.ok(generic.includes(FULL.settingName!));
        assert.ok(generic.includes(FULL.policyName!));
        const custom = plainText(catalogue.CUSTOM_COMPLIANCE.problem({ platform: 'Windows', ...FULL }));
        assert.ok(custom.includes(FULL.settingName!));
        assert.ok(custom.includes(FULL.currentValue!));
        assert.ok(custom.includes(FULL.detail!));
      });

      it('puts the grace deadline in the text', () => {
        const ctx = { platform: 'Android' as const, ...FULL };
        assert.ok(plainText(catalogue.IN_GRACE_PERIOD.problem(ctx)).includes(FULL.deadline!));
        assert.ok(catalogue.IN_GRACE_PERIOD.steps(ctx).some((s) => s.includes(FULL.deadline!)));
      });

      it('names the device where ownership matters', () => {
        assert.ok(plainText(catalogue.NOT_YOURS.problem({ platform: 'iOS', ...FULL })).includes(FULL.deviceName));
      });

      it('gives platform-specific steps', () => {
        const steps = (code: keyof typeof catalogue, platform: Platform) => catalogue[code].steps({ platform, deviceName: '' }).join(' ');
        assert.notEqual(steps('OS_TOO_OLD', 'iOS'), steps('OS_TOO_OLD', 'Android'));
        assert.match(steps('BITLOCKER_REQUIRED', 'Windows'), /BitLocker/);
        assert.match(steps('ENCRYPTION_REQUIRED', 'macOS'), /FileVault/);
        // Store names as each language's store calls itself: "Sklep Play" (pl), "Play ストア" (ja).
        assert.match(steps('NOT_ENROLLED', 'iOS'), /App Store/);
        assert.doesNotMatch(steps('NOT_ENROLLED', 'iOS'), /Play/);
        assert.match(steps('NOT_ENROLLED', 'Android'), /Play/);
        assert.doesNotMatch(steps('NOT_ENROLLED', 'Android'), /App Store/);
      });

      it('never leaks “undefined”, “null” or “[object”', () => {
        for (const platform of PLATFORMS) {
          for (const text of allText(language, platform)) {
            // Whole words only: Italian "nulla" (nothing) is a word, not a leak.
            assert.doesNotMatch(text, /\b(?:undefined|null|NaN)\b|\[object/, text);
          }
        }
      });

      it('contains no angle brackets or leftover placeholders (plain text, no HTML)', () => {
        for (const platform of PLATFORMS) {
          for (const text of allText(language, platform)) {
            assert.ok(!text.includes('<') && !text.includes('>'), text);
            assert.doesNotMatch(text, /\$\{|\{[a-zA-Z]+\}/, text);
          }
        }
      });

      it('refers to the Check again button by its label', () => {
        const label = translate(language, 'blocked.checkAgain');
        const mentions = ALL_REASON_CODES.filter((code) => catalogue[code].after.includes(label));
        assert.ok(mentions.length >= ALL_REASON_CODES.length - 2, `only ${mentions.length} mention “${label}”`);
      });

      it('interpolates untrusted values verbatim and does not evaluate them', () => {
        const nasty = '$& $1 ${x} {user} \u202e';
        const text = plainText(catalogue.SETTING_NONCOMPLIANT.problem({ platform: 'iOS', deviceName: '', settingName: nasty, currentValue: nasty }));
        assert.ok(text.includes(nasty));
      });

      it('returns a fresh steps array each time', () => {
        const ctx = { platform: 'iOS' as const, deviceName: '' };
        const first = catalogue.OS_TOO_OLD.steps(ctx);
        first.push('mutated');
        assert.ok(!catalogue.OS_TOO_OLD.steps(ctx).includes('mutated'));
      });
    });
  }

  it('falls back to English for unsupported languages', () => {
    assert.equal(reasonCatalogue('xx'), reasonCatalogue('en'));
    assert.equal(reasonCatalogue(''), reasonCatalogue('en'));
    assert.equal(reasonCatalogue('__proto__'), reasonCatalogue('en'));
    assert.notEqual(reasonCatalogue('de'), reasonCatalogue('en'));
  });

  it('uses German text in the German catalogue', () => {
    const de = reasonCatalogue('de');
    const en = reasonCatalogue('en');
    for (const code of ALL_REASON_CODES) {
      assert.notEqual(de[code].title, en[code].title, code);
      assert.notEqual(de[code].why, en[code].why, code);
      assert.doesNotMatch(de[code].why + de[code].after, /\b(du|dein|dich|dir)\b/i, `${code}: use Sie-form`);
    }
  });
});

describe('OS version bounds from the policy (required)', () => {
  const tooOld = { platform: 'Windows' as const, deviceName: '', currentValue: '16.2', required: { comparison: 'atLeast' as const, value: '17.0' } };
  const tooNew = { platform: 'iOS' as const, deviceName: '', currentValue: '26.0', required: { comparison: 'atMost' as const, value: '18.5' } };

  it('reads “Your version: X. Needed: Y or later.” in English, and a maximum as “or earlier”', () => {
    const en = reasonCatalogue('en');
    assert.equal(plainText(en.OS_TOO_OLD.problem(tooOld)), 'The software on your device is too old. Your version: 16.2. Needed: 17.0 or later.');
    assert.equal(
      plainText(en.OS_TOO_NEW.problem(tooNew)),
      'Your device runs a version your organization doesn’t allow yet. Your version: 26.0. Allowed: 18.5 or earlier.',
    );
  });

  for (const language of SUPPORTED_LANGUAGES) {
    it(`${language}: shows the current and the required version in the language’s own words`, () => {
      const catalogue = reasonCatalogue(language);
      const old = plainText(catalogue.OS_TOO_OLD.problem(tooOld));
      assert.ok(old.includes(translate(language, 'reason.OS_TOO_OLD.current', { value: '16.2' })), old);
      assert.ok(old.includes(translate(language, 'requirement.atLeast', { value: '17.0' })), old);
      const newer = plainText(catalogue.OS_TOO_NEW.problem(tooNew));
      assert.ok(newer.includes(translate(language, 'requirement.atMost', { value: '18.5' })), newer);
    });
  }
});

describe('advice the person can follow', () => {
  it('the not-yours page says signing in with the right account re-checks by itself (no Check again needed after it)', () => {
    const en = reasonCatalogue('en').NOT_YOURS.after;
    assert.match(en, /^Signing in with the right account checks the device again by itself\./);
    assert.doesNotMatch(en, /After you sign in with the right account.*press Check again/);
  });
});
