/**
 * Builds an absolute URL under PUBLIC_URL (an origin: src/config.ts refuses a path), so
 * links we hand out never come from the request's Host. Leading slashes of `path` are
 * dropped so `//host` can never turn into another origin.
 */
export function absoluteUrl(publicUrl: URL, path: string): URL {
  const base = new URL(publicUrl.href);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  base.search = '';
  base.hash = '';
  return new URL(path.replace(/^\/+/, ''), base);
}
