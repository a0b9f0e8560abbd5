/** One `TYPE:value` entry of node's `X509Certificate.subjectAltName`. */
export interface AltName {
  type: string;
  value: string;
}

/**
 * Parses node's subjectAltName string. Entries are joined with ", ", and since the fix for
 * CVE-2021-44532 a value that could be ambiguous (a comma, a quote) is written as a JSON
 * string literal, e.g. `URI:"tag:microsoft.com\u002c2022-09-14:sid:S-1-5-21-…"`. Splitting
 * on commas would cut such a value in two, so this reads it token by token. Returns
 * undefined when the text does not follow that grammar.
 */
export function parseSubjectAltName(text: string): AltName[] | undefined {
  const names: AltName[] = [];
  let at = 0;
  while (at < text.length) {
    const colon = text.indexOf(':', at);
    if (colon < 0) return undefined;
    const type = text.slice(at, colon);
    let value: string;
    if (text[colon + 1] === '"') {
      const end = closingQuote(text, colon + 2);
      if (end < 0) return undefined;
      try {
        value = JSON.parse(text.slice(colon + 1, end + 1)) as string;
      } catch {
        return undefined;
      }
      at = end + 1;
    } else {
      const next = text.indexOf(', ', colon + 1);
      at = next < 0 ? text.length : next;
      value = text.slice(colon + 1, at);
    }
    names.push({ type, value });
    if (at < text.length) {
      if (!text.startsWith(', ', at)) return undefined;
      at += 2;
    }
  }
  return names;
}

/** Index of the quote that ends a JSON string whose body starts at `from`, or -1. */
function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}
