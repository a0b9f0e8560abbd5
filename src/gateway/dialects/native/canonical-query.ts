/** RFC 3986 percent-encoding: only unreserved characters (A-Z a-z 0-9 - . _ ~) stay as they are. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The string a gateway signs: "vestibule-v1\n" + gatewayId + "\n" + every parameter but
 * `sig`, sorted by name, written name=value in RFC 3986 encoding, joined with "&".
 * Encoding the decoded values again makes "+", "%20" and " " sign the same way.
 */
export function stringToSign(gatewayId: string, params: ReadonlyMap<string, string>): string {
  const canonical = [...params]
    .filter(([name]) => name !== 'sig')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`)
    .join('&');
  return `vestibule-v1\n${gatewayId}\n${canonical}`;
}
