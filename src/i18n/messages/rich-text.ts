/*
 * Page text with the values put into it set apart. A version, a MAC address, a date in
 * digits or a Latin device name inside an Arabic sentence is reordered by the Unicode bidi
 * algorithm ("7A:4C:11" can come out as "4C:11…7A") and drags the punctuation around it
 * along. HTML's <bdi> isolates a value from the sentence around it: `dir="ltr"` for values
 * that are always left-to-right (versions, addresses, references), the browser's own guess
 * (no dir) for names people typed. Invisible Unicode isolate characters would do the same
 * but end up in what a person copies (a MAC pasted into a helpdesk ticket), so markup it is.
 */

/** A value set apart from the sentence around it. */
export interface Isolated {
  isolate: string;
  /** `ltr`: always left to right. `auto`: the browser decides from the first strong letter. */
  dir: 'ltr' | 'auto';
}

/** Text with isolated values in it; plain strings are sentence text. */
export type RichText = ReadonlyArray<string | Isolated>;

/** A value that always reads left to right: a version, a MAC, a reference, a number in digits. */
export const ltr = (text: string): Isolated => ({ isolate: text, dir: 'ltr' });

/** A value in whatever script it was written in: a device, user, setting or policy name. */
export const isolated = (text: string): Isolated => ({ isolate: text, dir: 'auto' });

function isIsolated(value: unknown): value is Isolated {
  return typeof value === 'object' && value !== null && typeof (value as Isolated).isolate === 'string';
}

/** The text without markup, for logs, titles and tests. */
export function plainText(rich: RichText): string {
  return rich.map((part) => (typeof part === 'string' ? part : part.isolate)).join('');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** HTML for `rich`: every piece escaped, every value in a <bdi>. Safe for EJS's unescaped `<%-`. */
export function richHtml(rich: RichText): string {
  return rich
    .map((part) => {
      if (typeof part === 'string') return escapeHtml(part);
      const text = escapeHtml(part.isolate);
      return part.dir === 'ltr' ? `<bdi dir="ltr">${text}</bdi>` : `<bdi>${text}</bdi>`;
    })
    .join('');
}

/** Joins neighbouring strings and splices nested rich values in (a formatted value inside a sentence). */
export function flattenParts(parts: ReadonlyArray<unknown>): RichText {
  const out: Array<string | Isolated> = [];
  const push = (part: string | Isolated) => {
    const last = out.at(-1);
    if (typeof part === 'string' && typeof last === 'string') out[out.length - 1] = last + part;
    else if (part !== '') out.push(part);
  };
  for (const part of parts) {
    if (Array.isArray(part)) for (const inner of flattenParts(part)) push(inner);
    else if (isIsolated(part)) push(part);
    else push(String(part));
  }
  return out;
}
