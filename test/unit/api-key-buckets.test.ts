import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { apiKeyBuckets } from '../../src/http/api-key-buckets.js';

const expected = (header: string) => `key:${createHash('sha256').update(header).digest('base64url').slice(0, 22)}`;

describe('apiKeyBuckets', () => {
  it('names a header by its hash, the same on every call, never by the key itself', () => {
    const bucketOf = apiKeyBuckets();
    const header = 'Bearer gateway-key-1';
    assert.equal(bucketOf(header), expected(header));
    assert.equal(bucketOf(header), expected(header));
    assert.ok(!bucketOf(header).includes('gateway-key-1'));
    assert.notEqual(bucketOf('Bearer gateway-key-2'), bucketOf(header));
  });

  it('stays right past its size and for headers too long to remember', () => {
    const bucketOf = apiKeyBuckets(4);
    const headers = Array.from({ length: 10 }, (_, i) => `Bearer key-${i}`);
    for (let round = 0; round < 3; round++) for (const header of headers) assert.equal(bucketOf(header), expected(header));
    const long = `Bearer ${'x'.repeat(2000)}`;
    assert.equal(bucketOf(long), expected(long));
    assert.equal(bucketOf(long), expected(long));
  });
});
