import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KEYS_FILE, renderKeysModule } from '../../scripts/generate-message-keys.js';
import { messageArguments } from '../../src/i18n/messages/message-arguments.js';
import { LOCALES_DIR, readMessageFile } from '../../src/i18n/messages/locale-files.js';
import { createFormatter, translate } from '../../src/i18n/messages/translate.js';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/negotiate-language.js';

const en = readMessageFile('en');
const argumentsOf = (message: string) => [...messageArguments(message)].sort(([a], [b]) => a.localeCompare(b));

/** Values for every argument a message takes: text, a count, and the first select branch. */
function sampleValues(message: string): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [name, kind] of messageArguments(message)) values[name] = kind === 'number' ? 2 : kind === 'select' ? 'yes' : `«${name}»`;
  return values;
}

describe('message files (locales/*.json)', () => {
  it('has one file per supported language and no stray files', () => {
    const files = readdirSync(LOCALES_DIR)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -5));
    assert.deepEqual(files.sort(), [...SUPPORTED_LANGUAGES].sort());
  });

  it('keeps the generated key types in step with English (run `npm run i18n:keys`)', () => {
    assert.equal(readFileSync(KEYS_FILE, 'utf8'), renderKeysModule({ ...en }));
  });

  for (const language of SUPPORTED_LANGUAGES) {
    describe(language, () => {
      const messages = readMessageFile(language);

      it('has every English key and no key English lacks', () => {
        assert.deepEqual(
          Object.keys(messages).filter((key) => !Object.hasOwn(en, key)),
          [],
          'keys English lacks',
        );
        assert.deepEqual(
          Object.keys(en).filter((key) => !Object.hasOwn(messages, key)),
          [],
          'missing keys',
        );
      });

      it('uses the same placeholders, plurals and selects as English in every message', () => {
        for (const [key, message] of Object.entries(messages)) {
          assert.deepEqual(argumentsOf(message), argumentsOf(en[key] ?? ''), key);
        }
      });

      it('formats every message to non-empty plain text with no leftover braces or HTML', () => {
        for (const [key, message] of Object.entries(messages)) {
          const text = translate(language, key, sampleValues(message));
          assert.ok(text.trim().length > 0, key);
          assert.doesNotMatch(text, /[<>{}]|undefined|\[object/, `${key}: ${text}`);
        }
      });
    });
  }

  it('falls back to English per key, with English plural rules for the English text', () => {
    const files = new Map<string, Record<string, string>>([
      ['en', { a: 'A {n, plural, one {# item} other {# items}}', b: 'B' }],
      ['de', { b: 'B auf Deutsch' }],
    ]);
    const { format } = createFormatter(files);
    assert.equal(format('de', 'b'), 'B auf Deutsch');
    assert.equal(format('de', 'a', { n: 1 }), 'A 1 item');
    assert.throws(() => format('de', 'missing'), /no message "missing"/);
  });

  it('chooses plural forms by the language’s rules (Polish has few/many)', () => {
    const { format } = createFormatter(new Map([['pl', { n: '{n, plural, one {# punkt} few {# punkty} many {# punktów} other {# punktu}}' }]]));
    assert.equal(format('pl', 'n', { n: 1 }), '1 punkt');
    assert.equal(format('pl', 'n', { n: 3 }), '3 punkty');
    assert.equal(format('pl', 'n', { n: 5 }), '5 punktów');
  });

  it('inserts untrusted values verbatim, never as message syntax', () => {
    const nasty = "{user} '{x}' $& <b>";
    assert.equal(translate('en', 'signedInAs', { user: nasty }), `Signed in as ${nasty}`);
  });

  it('reads every file as a flat object of strings and rejects anything else', () => {
    for (const language of SUPPORTED_LANGUAGES) {
      const raw = JSON.parse(readFileSync(join(LOCALES_DIR, `${language}.json`), 'utf8')) as Record<string, unknown>;
      for (const [key, value] of Object.entries(raw)) assert.equal(typeof value, 'string', `${language}: ${key}`);
    }
  });
});
