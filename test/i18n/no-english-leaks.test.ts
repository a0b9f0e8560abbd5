import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_REASON_CODES } from '../../src/core/compliance/reason-codes.js';
import type { ManagedDevice, Platform, Reason } from '../../src/core/compliance/types.js';
import { plainText } from '../../src/i18n/messages/rich-text.js';
import { reasonSections } from '../../src/portal/reason-sections.js';
import { stateReasons } from '../../src/providers/intune/reason-mapper.js';
import { evaluateDevice } from '../../src/providers/local/evaluate-device.js';
import { inventoryDeviceSchema } from '../../src/providers/local/inventory-schema.js';
import { policyFileSchema } from '../../src/providers/local/policy-schema.js';

/*
 * Providers and the core hand the pages facts, never sentences: every word a person reads comes
 * from locales/<language>.json. Rendered in Arabic and Japanese, a reason may contain Latin
 * letters only for names that stay Latin in every language (products, menu items, commands)
 * and for values (versions, dates in digits). "17.0 or later", "unknown", "within 30 days",
 * "client certificate refused" are English glued into the page by code, and fail here.
 */

/** Latin words the translations keep on purpose: product, app and menu names, commands, abbreviations. */
const ALLOWED = new Set(
  (
    'Android App Apple BIOS BitLocker Boot Command-R Company Configuration Defender Enabled FB FileVault Finder Google Intel Intune MAC Mac ' +
    'Manager Microsoft PIN PTT Play Portal Return SIP Secure Security Store TPM Terminal UEFI USB Update VPN Wi-Fi Windows bootloader csrutil ' +
    'enable fTPM i iPad iPhone iTunes jailbreak root silicon Face Touch ID IT OK PC C UTC'
  ).split(' '),
);

const NOW = Date.parse('2026-11-27T12:00:00Z');
const PLATFORMS: readonly Platform[] = ['iOS', 'Android', 'Windows', 'macOS', 'Linux', 'other', 'unknown'];

/** A Windows policy with every setting the local engine knows, and a device that fails all of them. */
function localReasons(): Reason[] {
  const policy = policyFileSchema.parse({
    checkinValidityDays: 30,
    policies: [
      {
        id: 'all',
        displayName: 'سياسة',
        platform: 'Windows',
        settings: {
          osMinimumVersion: '10.0.22631',
          osMaximumVersion: '10.0.9',
          passcodeRequired: true,
          passcodeMinimumLength: 8,
          passcodeMinutesOfInactivityBeforeLock: 5,
          storageRequireEncryption: true,
          securityBlockJailbrokenDevices: true,
          bitLockerEnabled: true,
          secureBootEnabled: true,
          codeIntegrityEnabled: true,
          tpmRequired: true,
          activeFirewallRequired: true,
          antivirusRequired: true,
          defenderEnabled: true,
          rtpEnabled: true,
          minAndroidSecurityPatchLevel: '2026-01-01',
          securityDisableUsbDebugging: true,
          securityPreventInstallAppsFromUnknownSources: true,
          systemIntegrityProtectionEnabled: true,
        },
      },
    ],
  });
  const device = inventoryDeviceSchema.parse({
    id: '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0',
    userId: '',
    operatingSystem: 'Windows',
    osVersion: '10.0.19045',
    managementState: 'retirePending',
    lastSyncDateTime: '2026-09-01T08:00:00Z',
    // Some facts reported and failing, the rest not reported at all (shown without a value).
    facts: { passcodeLength: 4, screenLockTimeoutMinutes: 30, securityPatchLevel: '2025-06-01', jailBroken: true, usbDebuggingEnabled: true },
  });
  const reasons = evaluateDevice(device, policy, NOW).reasons;
  assert.ok(reasons.length >= 19, `the device fails every setting (${reasons.map((r) => r.code).join(', ')})`);
  return reasons;
}

/** Intune's device-level reasons for the states that carried English before. */
function intuneStateReasons(): Reason[] {
  const device = (complianceState: ManagedDevice['complianceState'], managementState: string) => ({ complianceState, managementState }) as ManagedDevice;
  return [
    ...stateReasons(device('error', 'retirePending')),
    ...stateReasons(device('conflict', 'wipePending')),
    ...stateReasons(device('configManager', 'managed')),
  ];
}

/** Every text a person can read for these reasons in `language`, on every platform. */
function pageTexts(reasons: Reason[], language: 'ar' | 'ja'): string[] {
  return PLATFORMS.flatMap((platform) =>
    reasonSections(reasons, { language, platform, deviceName: 'جهازي', now: NOW }).flatMap((s) => [
      s.title,
      plainText(s.problem),
      s.why,
      ...s.steps,
      s.after,
      s.stepsNote ?? '',
    ]),
  );
}

function englishWords(texts: string[]): string[] {
  const words = texts.flatMap((text) => text.match(/[A-Za-z][A-Za-z-]*/g) ?? []);
  return [...new Set(words.filter((word) => !ALLOWED.has(word)))].sort();
}

describe('no English reaches a page through reasons', () => {
  for (const language of ['ar', 'ja'] as const) {
    it(`${language}: every reason the local engine finds, with its current and required values`, () => {
      assert.deepEqual(englishWords(pageTexts(localReasons(), language)), []);
    });

    it(`${language}: Intune's device-level reasons (error, conflict, retiring)`, () => {
      assert.deepEqual(englishWords(pageTexts(intuneStateReasons(), language)), []);
    });

    it(`${language}: every reason code, with no values at all`, () => {
      assert.deepEqual(englishWords(pageTexts(ALL_REASON_CODES.map((code) => ({ code })) as Reason[], language)), []);
    });
  }

  it('the required values still reach the page, in the reader’s words', () => {
    const reasons = localReasons();
    const problem = (code: string, language: 'en' | 'ar' | 'ja') =>
      plainText(reasonSections([reasons.find((r) => r.code === code)!], { language, platform: 'Windows', deviceName: '', now: NOW })[0]!.problem);
    assert.match(problem('OS_TOO_OLD', 'en'), /Your version: 10\.0\.19045\. Needed: 10\.0\.22631 or later\./);
    assert.match(problem('OS_TOO_OLD', 'ar'), /10\.0\.22631 أو أحدث/);
    assert.match(problem('OS_TOO_OLD', 'ja'), /10\.0\.22631 以降/);
    assert.match(problem('PASSCODE_WEAK', 'en'), /Now: 4\. Required: at least 8 characters\./);
    assert.match(problem('PASSCODE_WEAK', 'ja'), /8 文字以上/);
    assert.match(problem('SCREEN_LOCK_TIMEOUT', 'en'), /Allowed: 5 minutes or less\./);
    assert.match(problem('STALE_CHECKIN', 'en'), /Last check-in: Sep 1, 2026, 8:00 AM UTC \(\d+ days ago\)\. Allowed: at most 30 days without a check-in\./);
    assert.match(problem('PATCH_LEVEL_OLD', 'en'), /Your security update: 2025-06-01\. Needed: 2026-01-01 or later\./);
  });
});
