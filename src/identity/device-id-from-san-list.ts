import { deviceIdFromAltNames, type DeviceIdResult } from './device-id-from-san.js';
import { parseSubjectAltName, type AltName } from './subject-alt-name.js';

/** Longest SAN list we read (a certificate's SAN URIs are far shorter; this bounds the work). */
export const MAX_SAN_LIST_LENGTH = 2048;

/** Cisco's form of the Intune device id in a SAN URI: `ID:Microsoft Endpoint Manager:GUID:{guid}` or `ID:Intune:GUID:{guid}`. */
const CISCO_FORM = /^ID:[^:]{1,64}:GUID:(.+)$/i;

/** Node's `subjectAltName` text starts with a type tag; NAC products usually pass bare URIs. */
const TYPED = /^\s*(URI|DNS|email|IP Address|DirName|othername|Registered ID):/i;
/**
 * A comma before a type tag ends an entry whether or not a space follows (`URI:a,URI:b`, as a
 * product may join them); node writes ", ", which the parser expects. Node quotes any value
 * holding a comma (`\u002c` inside), and no unquoted value has a tag right after a comma.
 */
const TAG_SEPARATOR = /,\s*(?=(?:URI|DNS|email|IP Address|DirName|othername|Registered ID):)/gi;

/**
 * The Intune device id in a client certificate's SAN URI list as a NAC product passes it
 * on (ClearPass substitutes `%{Certificate:Subject-AltName-URI}`; F5 and Forescout a
 * similar variable): comma-joined URIs, with or without `URI:` tags, or node's
 * `subjectAltName` text where a value with a comma is a JSON string (`\u002c`). Finds
 * `IntuneDeviceId://{guid}` (Intune SCEP/PKCS profiles) or Cisco's `ID:…:GUID:{guid}`,
 * ignores every other URI (the user's SID tag `tag:microsoft.com,2022-09-14:sid:…`
 * among them), and requires exactly one distinct, well-formed id.
 */
export function deviceIdFromSanList(text: string): DeviceIdResult {
  const names = TYPED.test(text) ? (parseSubjectAltName(text.trim().replace(TAG_SEPARATOR, ', ')) ?? splitList(text)) : splitList(text);
  const uris: AltName[] = names
    .filter((name) => name.type === 'URI')
    .map(({ value }) => {
      const cisco = CISCO_FORM.exec(value.trim());
      return { type: 'URI', value: cisco ? `IntuneDeviceId://${cisco[1]}` : value.trim() };
    });
  return deviceIdFromAltNames(uris);
}

/** Bare comma-joined values (a comma inside the SID tag splits it too, harmlessly: it is ignored). */
function splitList(text: string): AltName[] {
  return text
    .split(',')
    .map((part) =>
      part
        .trim()
        .replace(/^URI:/i, '')
        .replace(/^"(.*)"$/, '$1'),
    )
    .filter(Boolean)
    .map((value) => ({ type: 'URI', value }));
}
