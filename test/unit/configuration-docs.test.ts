import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { envSchema } from '../../src/config/config.js';
import { providerPlugins } from '../../src/providers/registry.js';

/** Every documented key: the core schema's and each registered provider's. */
function settings(): Array<[string, z.ZodType]> {
  const shapes = [envSchema.shape, ...[...providerPlugins.values()].map((plugin) => plugin.env.shape)];
  return shapes.flatMap((shape) => Object.entries(shape) as Array<[string, z.ZodType]>);
}

/** The default the schema applies when the key is unset, as the table shows it; `—` for none. */
function shownDefault(schema: z.ZodType): string {
  return schema instanceof z.ZodDefault ? String(schema.def.defaultValue) : '—';
}

describe('docs/configuration.md', () => {
  it("has one row per setting the schemas read, with the schema's doc line and default", () => {
    const all = settings();
    assert.ok(all.length > 20);
    assert.equal(new Set(all.map(([key]) => key)).size, all.length, 'a key read by two schemas');
    const docs = readFileSync('docs/configuration.md', 'utf8');
    const wrong = all.flatMap(([key, schema]) => {
      assert.ok(schema.description, `${key} has no .describe() doc line`);
      const row = `| \`${key}\` | ${schema.description} | ${shownDefault(schema)} |`;
      return docs.includes(row) ? [] : [row];
    });
    assert.deepEqual(wrong, [], 'rows to write into docs/configuration.md');
    const documented = [...docs.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(
      documented.filter((key) => !all.some(([k]) => k === key)),
      [],
      'rows for settings no schema reads',
    );
  });
});
