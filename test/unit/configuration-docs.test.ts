import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

describe('docs/configuration.md', () => {
  it('documents every setting the config schema reads', () => {
    const source = readFileSync('src/config/config.ts', 'utf8');
    const keys = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]!);
    assert.ok(keys.length > 20);
    const docs = readFileSync('docs/configuration.md', 'utf8');
    const missing = keys.filter((key) => !docs.includes(`\`${key}\``));
    assert.deepEqual(missing, []);
  });
});
