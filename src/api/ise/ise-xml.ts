import { XMLBuilder } from 'fast-xml-parser';

/** Element content: text, a nested element, or a list of repeated elements. Booleans are written true/false. */
export type XmlValue = string | number | boolean | XmlElement | XmlElement[];
export interface XmlElement {
  [name: string]: XmlValue;
}

// One builder: values are escaped by the library (never concatenated into markup by us).
const builder = new XMLBuilder({ ignoreAttributes: false, format: false, suppressEmptyNode: true, suppressBooleanAttributes: false });

/** Booleans as the MDM API's `true`/`false`; key order is element order. */
function normalise(value: XmlValue): unknown {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(normalise);
  return Object.fromEntries(Object.entries(value).map(([name, child]) => [name, normalise(child)]));
}

/**
 * Serialises `<ise_api>…</ise_api>` with an XML declaration, as Cisco's MDM API guide shows
 * (root `ise_api`, lower-case element names). Empty strings become empty elements
 * (`<deviceList/>`), which ISE reads as "no devices".
 */
export function iseXml(body: XmlElement): string {
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, ise_api: normalise(body) });
}
