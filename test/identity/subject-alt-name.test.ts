import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deviceIdFromAltNames } from '../../src/identity/device-id-from-san.js';
import { parseSubjectAltName } from '../../src/identity/subject-alt-name.js';

describe('subjectAltName parsing', () => {
  it('keeps a quoted value with an escaped comma in one piece', () => {
    const text = 'URI:IntuneDeviceId://0F1E2D3C-4B5A-4978-8796-A5B4C3D2E1F0, URI:"tag:microsoft.com\\u002c2022-09-14:sid:S-1-5-21-1", DNS:a.example';
    assert.deepEqual(parseSubjectAltName(text), [
      { type: 'URI', value: 'IntuneDeviceId://0F1E2D3C-4B5A-4978-8796-A5B4C3D2E1F0' },
      { type: 'URI', value: 'tag:microsoft.com,2022-09-14:sid:S-1-5-21-1' },
      { type: 'DNS', value: 'a.example' },
    ]);
  });

  it('reads a quoted value that contains an escaped quote and ", "', () => {
    assert.deepEqual(parseSubjectAltName('URI:"a\\", URI:IntuneDeviceId://x", DNS:b'), [
      { type: 'URI', value: 'a", URI:IntuneDeviceId://x' },
      { type: 'DNS', value: 'b' },
    ]);
  });

  it('returns an empty list for no names and undefined for text outside the grammar', () => {
    assert.deepEqual(parseSubjectAltName(''), []);
    assert.equal(parseSubjectAltName('no colon here'), undefined);
    assert.equal(parseSubjectAltName('URI:"unterminated'), undefined);
    assert.equal(parseSubjectAltName('URI:"a"junk'), undefined);
  });

  it('does not take a device ID smuggled inside another URI', () => {
    const names = parseSubjectAltName('URI:"tag:x\\u002c IntuneDeviceId://0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0"')!;
    assert.deepEqual(deviceIdFromAltNames(names), { ok: false, reason: 'no_device_id' });
  });

  it('ignores DNS and email names that look like device IDs', () => {
    const names = [{ type: 'DNS', value: 'IntuneDeviceId://0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0' }];
    assert.deepEqual(deviceIdFromAltNames(names), { ok: false, reason: 'no_device_id' });
  });
});
