import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { readMessageFile } from '../../src/i18n/messages/locale-files.js';
import { translate } from '../../src/i18n/messages/translate.js';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/negotiate-language.js';

/**
 * Plural and select branches per language. The parity test checks that every language uses the
 * same arguments as English; this one checks the branches inside them: a plural uses exactly the
 * categories the language has (CLDR plural rules as `Intl.PluralRules` reports them: Polish
 * one/few/many/other, Arabic zero/one/two/few/many/other, Japanese other only), and a select
 * offers the same choices as English.
 */

interface Branches {
  kind: 'plural' | 'select';
  name: string;
  options: string[];
}

function branchesOf(message: string): Branches[] {
  const found: Branches[] = [];
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        found.push({ kind: element.type === TYPE.plural ? 'plural' : 'select', name: element.value, options: Object.keys(element.options).sort() });
        for (const option of Object.values(element.options)) walk(option.value);
      } else if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return found;
}

const en = readMessageFile('en');

describe('plural and select branches in locales/*.json', () => {
  for (const language of SUPPORTED_LANGUAGES) {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
    it(`${language}: plurals use exactly ${categories.join('/')}, selects match English`, () => {
      const messages = readMessageFile(language);
      for (const [key, message] of Object.entries(messages)) {
        const english = branchesOf(en[key] ?? '');
        for (const branch of branchesOf(message)) {
          const counterpart = english.find((b) => b.kind === branch.kind && b.name === branch.name);
          assert.ok(counterpart, `${language} ${key}: ${branch.kind} on "${branch.name}" that English lacks`);
          if (branch.kind === 'select') {
            assert.deepEqual(branch.options, counterpart.options, `${language} ${key}: select choices`);
            continue;
          }
          const exact = (options: string[]) => options.filter((o) => o.startsWith('='));
          assert.deepEqual(exact(branch.options), exact(counterpart.options), `${language} ${key}: =N branches`);
          const used = branch.options.filter((o) => !o.startsWith('='));
          for (const option of used) assert.ok(categories.includes(option), `${language} ${key}: "${option}" is not a ${language} plural category`);
          assert.ok(used.includes('other'), `${language} ${key}: needs an "other" branch`);
          // Where English words change with the count, every category of this language needs its own wording.
          if (counterpart.options.includes('one')) {
            assert.deepEqual(used.sort(), [...categories].sort(), `${language} ${key}: plural categories`);
          }
        }
      }
    });
  }

  it('formats counts with the language’s own plural forms', () => {
    const pl = (count: number) => translate('pl', 'blocked.body', { count });
    assert.notEqual(pl(2), pl(5)); // few vs many
    assert.equal(pl(22), pl(2).replace('2', '22'));
    assert.match(pl(5), /\b5\b/);
  });
});
