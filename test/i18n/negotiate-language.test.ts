import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SUPPORTED_LANGUAGES, negotiateLanguage, parseAcceptLanguage, pickLanguage } from '../../src/i18n/negotiate-language.js';

/** The algorithm is tested against a fixed two-language list, so adding a language does not change these cases. */
const supported = ['en', 'de'] as const;

describe('negotiateLanguage', () => {
  it('falls back to English without a header', () => {
    assert.equal(negotiateLanguage(undefined, supported), 'en');
    assert.equal(negotiateLanguage('', supported), 'en');
    assert.equal(negotiateLanguage('   ', supported), 'en');
  });

  it('picks an exact match', () => {
    assert.equal(negotiateLanguage('de', supported), 'de');
    assert.equal(negotiateLanguage('en', supported), 'en');
    assert.equal(negotiateLanguage('DE', supported), 'de');
  });

  it('honours q-values over order', () => {
    assert.equal(negotiateLanguage('en;q=0.5, de;q=0.9', supported), 'de');
    assert.equal(negotiateLanguage('de;q=0.1, en', supported), 'en');
    assert.equal(negotiateLanguage('de; Q=0.8 , en;q=0.7', supported), 'de');
  });

  it('keeps header order on equal q', () => {
    assert.equal(negotiateLanguage('de, en', supported), 'de');
    assert.equal(negotiateLanguage('en, de', supported), 'en');
    assert.equal(negotiateLanguage('de;q=0.5, en;q=0.5', supported), 'de');
  });

  it('falls back from a region to the base language', () => {
    assert.equal(negotiateLanguage('de-CH', supported), 'de');
    assert.equal(negotiateLanguage('de-AT, en;q=0.5', supported), 'de');
    assert.equal(negotiateLanguage('fr-CH, fr;q=0.9, de;q=0.8, en;q=0.7', supported), 'de');
    assert.equal(negotiateLanguage('zh-Hant-TW', supported), 'en');
  });

  it('matches a range against a more specific supported tag', () => {
    assert.equal(negotiateLanguage('de', ['en', 'de-CH']), 'de-CH');
  });

  it('lets the most specific range decide', () => {
    // Explicit de;q=0.5 beats the region fallback from de-CH;q=0.9 for "de".
    assert.equal(negotiateLanguage('de-CH;q=0.9, en;q=0.8, de;q=0.5', supported), 'en');
  });

  it('treats q=0 as "not acceptable"', () => {
    assert.equal(negotiateLanguage('de;q=0', supported), 'en');
    assert.equal(negotiateLanguage('en;q=0, de;q=0', ['en', 'de']), 'en'); // nothing acceptable → fallback
    assert.equal(negotiateLanguage('*, de;q=0', supported), 'en');
  });

  it('handles the wildcard', () => {
    assert.equal(negotiateLanguage('*', supported), 'en');
    assert.equal(negotiateLanguage('fr, *;q=0.1', supported), 'en');
    assert.equal(negotiateLanguage('en;q=0, *', supported), 'de');
    assert.equal(negotiateLanguage('*;q=0.1, de;q=0.2', supported), 'de');
  });

  it('ignores unsupported languages', () => {
    assert.equal(negotiateLanguage('fr, es;q=0.9', supported), 'en');
    assert.equal(negotiateLanguage('fr, es;q=0.9, de;q=0.1', supported), 'de');
  });

  it('skips malformed entries and keeps the good ones', () => {
    assert.equal(negotiateLanguage('de;q=2, en;q=0.1', supported), 'en');
    assert.equal(negotiateLanguage('de;q=abc', supported), 'en');
    assert.equal(negotiateLanguage('de;q=0.1234, en;q=0.5', supported), 'en');
    assert.equal(negotiateLanguage('<script>, de;q=0.9', supported), 'de');
    assert.equal(negotiateLanguage(',,, ;;; ,de', supported), 'de');
    assert.equal(negotiateLanguage('toolongsubtag, de;q=0.3', supported), 'de');
    assert.equal(negotiateLanguage('de-, en;q=0.5', supported), 'en');
    assert.equal(negotiateLanguage('de;foo, en;q=0.5', supported), 'en');
    assert.equal(negotiateLanguage('de;level=1', supported), 'de');
    assert.equal(negotiateLanguage('de_DE', supported), 'de');
  });

  it('survives garbage', () => {
    for (const header of ['\u0000\u0001', '%%%', ';q=1', '=', 'q=0.5', '🙂', 'de\nen', '*-de', '-', ';', '1234']) {
      assert.ok(supported.includes(negotiateLanguage(header, supported) as 'en' | 'de'), header);
    }
  });

  it('returns English when English is supported even if listed later', () => {
    assert.equal(negotiateLanguage('fr', ['de', 'en']), 'en');
    assert.equal(negotiateLanguage('fr', ['de', 'fr-CA']), 'fr-CA');
    assert.equal(negotiateLanguage('it', ['de', 'fr']), 'de');
    assert.equal(negotiateLanguage('it', []), 'en');
  });

  it('returns the supported tag as spelt by the caller', () => {
    assert.equal(negotiateLanguage('pt-br', ['en', 'pt-BR']), 'pt-BR');
  });

  // Ten-megabyte headers: parsing them quadratically (or with a backtracking pattern) would take
  // hours, far past the test's timeout; looking at the first 1,000 characters takes microseconds.
  // No elapsed-time assertion, so a busy machine cannot fail it.
  it('handles huge headers fast and only looks at the start', { timeout: 30_000 }, () => {
    const MB10 = 10_000_000;
    const huge = 'x'.repeat(MB10);
    assert.equal(negotiateLanguage(huge, supported), 'en');
    assert.equal(negotiateLanguage(`de, ${huge}`, supported), 'de');
    assert.equal(negotiateLanguage(`${'a'.repeat(997)}, de`, supported), 'en'); // beyond 1000 chars, cut off
    assert.equal(negotiateLanguage(`${'a'.repeat(990)}, de`, supported), 'de'); // within 1000 chars
    assert.equal(negotiateLanguage('de-' + 'a-'.repeat(MB10 / 2), supported), 'en');
    assert.equal(negotiateLanguage('en;q=0,'.repeat(MB10 / 10) + 'de', supported), 'en');
    assert.equal(negotiateLanguage(';'.repeat(MB10), supported), 'en');
    assert.equal(negotiateLanguage(' '.repeat(MB10) + 'de', supported), 'en');
    assert.equal(negotiateLanguage('de-' + '-'.repeat(MB10), supported), 'en');
  });

  it('looks at no more than 30 entries', () => {
    const filler = Array.from({ length: 30 }, (_, i) => `x${String.fromCharCode(97 + (i % 26))};q=0.9`).join(', ');
    assert.equal(negotiateLanguage(`${filler}, de`, supported), 'en');
    const fewer = Array.from({ length: 29 }, () => 'fr').join(',');
    assert.equal(negotiateLanguage(`${fewer}, de`, supported), 'de');
    assert.equal(parseAcceptLanguage(Array.from({ length: 100 }, () => 'de').join(',')).length, 30);
  });

  it('parses q-values per RFC 9110', () => {
    assert.deepEqual(
      parseAcceptLanguage('da, en-GB;q=0.8, en;q=0.7, *;q=0.001, fr;q=1.000, es;q=0.').map((p) => [p.range, p.q]),
      [
        ['da', 1],
        ['en-gb', 0.8],
        ['en', 0.7],
        ['*', 0.001],
        ['fr', 1],
        ['es', 0],
      ],
    );
  });
});

describe('pickLanguage', () => {
  it('returns a supported Language', () => {
    assert.equal(pickLanguage('de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7'), 'de');
    assert.equal(pickLanguage('en-US,en;q=0.9'), 'en');
    assert.equal(pickLanguage('zh-CN'), 'en');
    assert.equal(pickLanguage(undefined), 'en');
  });

  it('offers all ten shipped languages', () => {
    assert.deepEqual([...SUPPORTED_LANGUAGES].sort(), ['ar', 'de', 'en', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt-BR']);
    for (const language of SUPPORTED_LANGUAGES) assert.equal(pickLanguage(language), language);
  });

  it('picks each language from what phones actually send', () => {
    assert.equal(pickLanguage('fr-FR,fr;q=0.9,en;q=0.8'), 'fr');
    assert.equal(pickLanguage('fr-CA'), 'fr');
    assert.equal(pickLanguage('es-MX,es;q=0.9'), 'es');
    assert.equal(pickLanguage('es-419'), 'es');
    assert.equal(pickLanguage('it-IT'), 'it');
    assert.equal(pickLanguage('nl-BE,nl;q=0.9'), 'nl');
    assert.equal(pickLanguage('pl-PL,pl;q=0.9,en-US;q=0.8'), 'pl');
    assert.equal(pickLanguage('ja-JP'), 'ja');
    assert.equal(pickLanguage('ar-SA,ar;q=0.9'), 'ar');
    assert.equal(pickLanguage('ar-EG'), 'ar');
  });

  it('serves Brazilian Portuguese for pt-BR, pt and other Portuguese regions', () => {
    assert.equal(pickLanguage('pt-BR'), 'pt-BR');
    assert.equal(pickLanguage('pt-br'), 'pt-BR');
    assert.equal(pickLanguage('pt_BR'), 'pt-BR');
    assert.equal(pickLanguage('pt'), 'pt-BR');
    assert.equal(pickLanguage('pt-PT,pt;q=0.9,en;q=0.8'), 'pt-BR');
    // A sibling region is the weakest real match: an explicit English preference above it wins.
    assert.equal(pickLanguage('pt-PT, en;q=0.9'), 'pt-BR');
    assert.equal(pickLanguage('en, pt-PT;q=0.9'), 'en');
    assert.equal(pickLanguage('pt-PT, pt-BR;q=0'), 'en');
  });
});

describe('negotiateLanguage: sibling regions', () => {
  it('matches another region of the same language only when nothing closer matches', () => {
    assert.equal(negotiateLanguage('pt-PT', ['en', 'pt-BR']), 'pt-BR');
    assert.equal(negotiateLanguage('de-AT', ['en', 'de-CH']), 'de-CH');
    assert.equal(negotiateLanguage('de-AT', ['en', 'de-CH', 'de']), 'de');
    // A different script is a different written language, not a sibling.
    assert.equal(negotiateLanguage('zh-Hant-TW', ['en', 'zh-Hans-CN']), 'en');
    assert.equal(negotiateLanguage('zh-TW', ['en', 'zh-Hans-CN']), 'en');
    assert.equal(negotiateLanguage('zh-Hant-HK', ['en', 'zh-Hant-TW']), 'en'); // scripts are never widened
    assert.equal(negotiateLanguage('pt-PT, *;q=0.5', ['en', 'pt-BR']), 'pt-BR');
    assert.equal(negotiateLanguage('p-PT', ['en', 'pt-BR']), 'en');
  });
});
