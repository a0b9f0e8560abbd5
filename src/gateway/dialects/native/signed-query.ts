import { InvalidInputError } from '../../../core/errors.js';

const MAX_QUERY_LENGTH = 4096;
const MAX_PARAMETERS = 16;

/**
 * Parses the raw query string of a signed redirect. Stricter than express's parser on
 * purpose: a parameter given twice is an error (which copy was signed?), and the number
 * and size of parameters are bounded before anything else looks at them.
 */
export function parseSignedQuery(originalUrl: string): Map<string, string> {
  const question = originalUrl.indexOf('?');
  return parseSignedQueryString(question === -1 ? '' : originalUrl.slice(question + 1));
}

/** The same, for a query string without its `?` (as IntakeRequest.rawQuery carries it). */
export function parseSignedQueryString(raw: string): Map<string, string> {
  if (raw.length > MAX_QUERY_LENGTH) throw new InvalidInputError('link_invalid', 'The link is too long.');
  const params = new Map<string, string>();
  let count = 0;
  for (const [name, value] of new URLSearchParams(raw)) {
    count += 1;
    if (count > MAX_PARAMETERS) throw new InvalidInputError('link_invalid', 'The link has too many parameters.');
    if (params.has(name)) throw new InvalidInputError('link_invalid', `The parameter ${name} is given twice.`);
    if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) throw new InvalidInputError('link_invalid', 'The link contains line breaks.');
    params.set(name, value);
  }
  return params;
}
