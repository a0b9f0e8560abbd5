/** Cookie-jar and form helpers shared by the test browsers (browser.ts, recording-browser.ts). */

/** Applies Set-Cookie headers to a jar of name → value (path and domain are ignored: one host). */
export function storeSetCookies(jar: Map<string, string>, setCookies: string[]): void {
  for (const header of setCookies) {
    const [pair, ...attributes] = header.split(';');
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    const expired = attributes.some((a) => /^\s*max-age=0/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** The first form whose action matches, with its decoded action and hidden fields. */
export function findForm(html: string, actionPattern: RegExp): { action: string; hidden: Record<string, string> } | undefined {
  const forms = [...html.matchAll(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)];
  const form = forms.find((f) => actionPattern.test(f[1]!));
  if (!form) return undefined;
  const hidden = Object.fromEntries([...form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, decodeEntities(m[2]!)]));
  return { action: decodeEntities(form[1]!), hidden };
}
