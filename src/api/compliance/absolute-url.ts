/**
 * Builds an absolute URL under PUBLIC_URL, keeping any path prefix it has (Vestibule may
 * live at https://host/vestibule/). Links we hand out never come from the request's Host.
 */
export function absoluteUrl(publicUrl: URL, path: string): URL {
  const base = new URL(publicUrl.href);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  base.search = '';
  base.hash = '';
  return new URL(path.replace(/^\/+/, ''), base);
}
