/**
 * What FreeRADIUS tells us about one Access-Request, read from rlm_rest's JSON body
 * (`body = 'json'`; format in FreeRADIUS 3.2 `mods-available/rest`):
 * `{"Calling-Station-Id": {"type": "string", "value": ["AA-BB-CC-DD-EE-FF"]}, …}`.
 */
export interface AccessRequest {
  userName: string | undefined;
  /** The client's MAC in the switch's own notation, as sent. */
  callingStationId: string | undefined;
  nasIpAddress: string | undefined;
  nasIdentifier: string | undefined;
  nasPort: string | undefined;
  nasPortId: string | undefined;
  acctSessionId: string | undefined;
  framedIpAddress: string | undefined;
  /**
   * The device certificate's SAN as OpenSSL prints it (`URI:IntuneDeviceId://…, URI:tag:…`),
   * from the attribute `TLS-Client-Cert-X509v3-Subject-Alternative-Name` our dictionary defines.
   */
  certificateSan: string | undefined;
}

export class InvalidAccessRequestError extends Error {
  override readonly name = 'InvalidAccessRequestError';
}

const FIELDS: Record<keyof AccessRequest, string> = {
  userName: 'User-Name',
  callingStationId: 'Calling-Station-Id',
  nasIpAddress: 'NAS-IP-Address',
  nasIdentifier: 'NAS-Identifier',
  nasPort: 'NAS-Port',
  nasPortId: 'NAS-Port-Id',
  acctSessionId: 'Acct-Session-Id',
  framedIpAddress: 'Framed-IP-Address',
  certificateSan: 'TLS-Client-Cert-X509v3-Subject-Alternative-Name',
};

/** RADIUS string attributes are at most 253 octets; a SAN can be split over several, so it gets more room. */
const MAX_VALUE = 253;
const MAX_SAN = 4096;

/**
 * Reads the attributes we use and ignores the rest (FreeRADIUS sends every request
 * attribute). Attribute names compare case-insensitively, as in FreeRADIUS dictionaries.
 * Throws InvalidAccessRequestError naming the attribute when the body is not that shape.
 */
export function readAccessRequest(body: unknown): AccessRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new InvalidAccessRequestError('The body must be rlm_rest JSON: an object of attributes.');
  const byName = new Map<string, unknown>();
  for (const [name, entry] of Object.entries(body)) byName.set(name.toLowerCase(), entry);
  const out = {} as AccessRequest;
  for (const [field, attribute] of Object.entries(FIELDS) as Array<[keyof AccessRequest, string]>) {
    out[field] = firstValue(byName.get(attribute.toLowerCase()), attribute, field === 'certificateSan' ? MAX_SAN : MAX_VALUE);
  }
  return out;
}

function firstValue(entry: unknown, attribute: string, max: number): string | undefined {
  if (entry === undefined) return undefined;
  if (typeof entry !== 'object' || entry === null || !Array.isArray((entry as { value?: unknown }).value)) {
    throw new InvalidAccessRequestError(`${attribute} must be {"type": …, "value": [ … ]}.`);
  }
  const values = (entry as { value: unknown[] }).value;
  if (values.length === 0) return undefined;
  const joined = attribute.startsWith('TLS-') ? values : values.slice(0, 1);
  if (!joined.every((v) => typeof v === 'string' || typeof v === 'number'))
    throw new InvalidAccessRequestError(`${attribute} has a value that is not text or a number.`);
  // OpenSSL's SAN text can arrive split across values when FreeRADIUS repeats the attribute.
  const text = joined.map(String).join(', ');
  if (text.length > max) throw new InvalidAccessRequestError(`${attribute} is longer than ${max} characters.`);
  return text;
}
