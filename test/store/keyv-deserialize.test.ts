import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultDeserialize, defaultSerialize } from '@keyv/serialize';
import { keyvDeserialize } from '../../src/store/keyv-deserialize.js';

// Characters that matter to keyv's escaping and to the shortcut's pattern.
const ALPHABET = [':', '"', ',', '[', '{', '\\', 'a', ' ', 'é', ':base64:'];

/** A small deterministic generator (no Math.random: a failure must reproduce). */
function generator(seed: number) {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  const text = () => Array.from({ length: next(6) }, () => ALPHABET[next(ALPHABET.length)]).join('');
  const value = (depth: number): unknown => {
    const kind = next(depth > 2 ? 4 : 6);
    if (kind === 0) return text();
    if (kind === 1) return next(1000) - 500;
    if (kind === 2) return next(2) === 0 ? null : true;
    if (kind === 3) return Buffer.from(text());
    if (kind === 4) return Array.from({ length: next(4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: next(4) }, () => [text(), value(depth + 1)]));
  };
  return value;
}

describe('keyvDeserialize', () => {
  it('reads what keyv writes exactly as keyv reads it: escaped strings, Buffers, colons in keys', () => {
    const cases: unknown[] = [
      { value: { id: 'a', mac: '00:11:22:33:44:55' }, expires: 5 },
      { value: ':starts with a colon', expires: null },
      { value: [':x', '::y', { ':key': ':v' }], expires: 1 },
      { value: { 'ends,': 'x', '[': [':'] } },
      { value: Buffer.from('bytes') },
      ':top',
      'plain',
      { value: 'quote": inside', other: 'comma,":inside' },
    ];
    for (const value of cases) {
      const stored = defaultSerialize(value);
      assert.deepEqual(keyvDeserialize(stored), defaultDeserialize(stored), stored);
    }
  });

  it('agrees with keyv on 5,000 generated records', () => {
    const value = generator(12);
    for (let i = 0; i < 5000; i++) {
      const stored = defaultSerialize({ value: value(0), expires: i });
      assert.deepEqual(keyvDeserialize(stored), defaultDeserialize(stored), stored);
    }
  });
});
