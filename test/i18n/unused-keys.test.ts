import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { PROJECT_ROOT } from '../../src/config/paths.js';
import { ALL_REASON_CODES } from '../../src/core/compliance/reason-codes.js';
import { readMessageFile } from '../../src/i18n/messages/locale-files.js';

/*
 * A key nobody shows still costs every translator a sentence in ten languages. Keys are
 * looked up by their full name in quotes (t('blocked.title'), { heading: 'error.notFound.title' })
 * except two families that src/i18n/reasons/index.ts builds at run time: the reason texts
 * (reason.<CODE>.<part>) and the requirement wording (requirement.<comparison>[.<unit>]).
 */
const REASON_PART = /^(title|problem|current|expected|detail|why|after|steps\.(iOS|Android|Windows|macOS|Linux|other|unknown))$/;
const REQUIREMENT = /^requirement\.(atLeast|atMost)(\.(characters|minutes|days))?$/;
const CODES = new Set<string>(ALL_REASON_CODES);

/** Whether src/i18n/reasons/index.ts builds `key` for some reason code and part. */
function builtAtRunTime(key: string): boolean {
  if (REQUIREMENT.test(key)) return true;
  const reason = /^reason\.([A-Z_]+)\.(.+)$/.exec(key);
  return reason !== null && CODES.has(reason[1]!) && REASON_PART.test(reason[2]!);
}

it('every English message is shown somewhere: named in src/ or views/, or one the reason catalogue builds', () => {
  const files = execFileSync('git', ['ls-files', 'src', 'views'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((file) => /\.(ts|ejs)$/.test(file) && !file.endsWith('message-keys.ts')); // the generated types name every key
  const code = files.map((file) => readFileSync(join(PROJECT_ROOT, file), 'utf8')).join('\n');
  const unused = Object.keys(readMessageFile('en')).filter(
    (key) => !builtAtRunTime(key) && ![`'${key}'`, `"${key}"`, `\`${key}\``].some((quoted) => code.includes(quoted)),
  );
  assert.deepEqual(unused, [], 'remove these keys from every locales/*.json and run `npm run i18n:keys`, or show them');
});
