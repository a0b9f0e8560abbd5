/**
 * Strips secrets from a URL before it is logged: portal handles, state tokens, signed
 * redirect parameters and OIDC codes. Only the path shape and parameter names remain.
 */
export function redactUrl(url: string): string {
  const question = url.indexOf('?');
  const path = (question === -1 ? url : url.slice(0, question))
    .replace(/^\/p\/[^/]+/, '/p/[handle]')
    .replace(/^\/api\/v1\/sessions\/[^/]+/, '/api/v1/sessions/[token]')
    .replace(/^\/dev-idp\/(interaction|auth)\/[^/]+/, '/dev-idp/$1/[uid]')
    .slice(0, 200);
  if (question === -1) return path;
  const names = [...new URLSearchParams(url.slice(question + 1)).keys()].slice(0, 20).map((name) => name.slice(0, 20));
  return `${path}?${names.map((name) => `${name}=…`).join('&')}`;
}
