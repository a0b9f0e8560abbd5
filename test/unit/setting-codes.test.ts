import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeForSetting } from '../../src/providers/intune/setting-codes.js';

describe('mapping Graph settings to reason codes', () => {
  it('maps by the property after the last dot, case-insensitively', () => {
    assert.equal(codeForSetting('Windows10CompliancePolicy.BitLockerEnabled'), 'BITLOCKER_REQUIRED');
    assert.equal(codeForSetting('IosCompliancePolicy.osMinimumVersion'), 'OS_TOO_OLD');
  });

  it('gives no code, rather than an inherited object member, for hostile setting names', () => {
    for (const setting of ['constructor', 'Foo.constructor', '__proto__', 'x.__proto__', 'toString', 'x.hasOwnProperty', 'valueOf']) {
      assert.equal(codeForSetting(setting), undefined, setting);
    }
  });
});
