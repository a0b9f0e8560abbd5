import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMac, isRandomizedMac, normaliseMac } from '../../src/core/device/mac-address.js';

describe('MAC addresses', () => {
  it('accepts every common notation and stores 12 upper-case hex digits', () => {
    for (const input of ['AA:BB:CC:DD:EE:0F', 'aa-bb-cc-dd-ee-0f', 'aabb.ccdd.ee0f', 'AABBCCDDEE0F', 'aabbccddee0f']) {
      assert.equal(normaliseMac(input), 'AABBCCDDEE0F', input);
    }
  });

  it('accepts switch notations: groups of 2, 4 or 6 digits with any one separator, either case (issue #8 item 13)', () => {
    for (const input of ['aabb-ccdd-ee0f', 'aabbcc-ddee0f', 'AABB:CCDD:EE0F', 'AABBCC.DDEE0F', 'aa.bb.cc.dd.ee.0f', 'AaBbCc:DdEe0F']) {
      assert.equal(normaliseMac(input), 'AABBCCDDEE0F', input);
    }
  });

  it('rejects 11 or 13 digits, mixed group sizes and doubled or trailing separators', () => {
    for (const input of [
      'aabbccddee0',
      'aabbccddee0f1',
      'aabb-ccdd.ee0f',
      'aa:bbcc:dd:ee:0f',
      'aabbcc-ddee0',
      'aabb--ccddee0f',
      'aabbcc-ddee0f-',
      '-aabbccddee0f',
    ]) {
      assert.equal(normaliseMac(input), undefined, input);
    }
  });

  it('rejects mixed separators, wrong lengths, non-hex and over-long input', () => {
    for (const input of ['AA:BB-CC:DD:EE:FF', 'AA:BB:CC:DD:EE', 'GG:BB:CC:DD:EE:FF', 'AABBCCDDEEFF00', '', ' AABBCCDDEEFF', 'A'.repeat(1000)]) {
      assert.equal(normaliseMac(input), undefined, input);
    }
  });

  it('recognises locally administered (randomized) addresses by the second hex digit', () => {
    for (const mac of ['02AABBCCDDEE', '76AABBCCDDEE', 'DAAABBCCDDEE', 'FEAABBCCDDEE']) assert.equal(isRandomizedMac(mac), true, mac);
    for (const mac of ['00AABBCCDDEE', 'A4B1C2D3E4F5', '3C22FB102030']) assert.equal(isRandomizedMac(mac), false, mac);
  });

  it('formats for people with colons', () => {
    assert.equal(formatMac('A4B1C2D3E4F5'), 'A4:B1:C2:D3:E4:F5');
  });
});
